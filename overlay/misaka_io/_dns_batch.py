"""A batch of DNS changes to one zone, decided whole before the first write; no I/O here.

From the zone as listed once and the recordsets a batch wants (an octoDNS plan, an imported
zone file, several names set at once), ``plan_batch`` makes the writes: one per recordset that
changes, each checked (names, values, TTL range, the CNAME rules on the zone as it will be,
the apex SOA/NS guard) and ``BatchRefusedError`` naming every refused change before anything
is sent. The writes come in an order that never leaves a name without records when it can be
helped (a name that swaps a CNAME for other types, or back, is emptied first and filled right
after; elsewhere the new values go before the old are dropped); each knows its inverse, so a
batch that fails midway is undone in reverse (``BatchFailedError`` says what was applied,
undone and left). ``differences`` says what a read-back of the zone shows otherwise.
``dns_records`` does the reading, locking and writing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from misaka_io._dns_plans import (
    Change,
    Current,
    DnsInputError,
    Target,
    check_ttl,
    checked_values,
    current_of,
    normalise_type,
    normalise_values,
    plan_add,
    plan_set,
    relative_name,
)
from misaka_io._dns_writes import maybe_done
from misaka_io._exceptions import MisakaError
from misaka_io.dns_values import InvalidValueError, check_placement, value_key
from misaka_io_generated.models import RecordSet

__all__ = [
    "BatchFailedError",
    "BatchOutcome",
    "BatchPlan",
    "BatchRefusedError",
    "Step",
    "Wanted",
    "differences",
    "guarded",
    "plan_batch",
]

log = logging.getLogger("misaka_io")

Mode = Literal["set", "add"]
# How many refused or left changes a message names before it says "and N more".
SHOWN = 20


@dataclass(frozen=True)
class Wanted:
    """One recordset as a batch wants it. ``name`` is full or relative to the zone (``@`` for
    the apex); ``mode="set"``: it holds exactly ``values`` afterwards (none: it is deleted);
    ``mode="add"``: ``values`` are added to those it has."""

    name: str
    type: str
    values: tuple[str, ...] = ()
    ttl: int | None = None
    mode: Mode = "set"


@dataclass(frozen=True)
class Step:
    """One write of a batch: ``change`` to ``target``, which held ``before`` (None: absent)."""

    target: Target
    before: Current | None
    change: Change

    def undo(self) -> Change:
        """The write that puts the recordset back as it was before this one."""
        if self.before is None:
            return Change("delete")
        if self.change.action == "delete":
            return Change("create", self.before.values, self.before.ttl)
        return Change("replace", self.before.values, self.before.ttl)

    @property
    def after(self) -> tuple[str, ...]:
        if self.change.action == "append" and self.before is not None:
            return self.before.values + self.change.values
        return self.change.values

    def __str__(self) -> str:
        return f"{self.change.action} {self.target.fqdn} {self.target.type}"


@dataclass(frozen=True)
class BatchPlan:
    """The writes of a batch in the order they are sent, and how many wanted recordsets
    already were as wanted."""

    zone: str
    steps: tuple[Step, ...]
    unchanged: int


@dataclass(frozen=True)
class BatchOutcome:
    """What a batch did: its plan, all of whose steps were applied, and what the read-back of
    the zone showed otherwise (another writer, or the server writing values its own way)."""

    plan: BatchPlan
    differences: tuple[str, ...]


def _listed(items: Sequence[str], more: int = 0) -> str:
    shown = [f"  - {item}" for item in items[:SHOWN]]
    extra = len(items) - SHOWN + more
    if extra > 0:
        shown.append(f"  - and {extra} more")
    return "\n".join(shown)


class BatchRefusedError(DnsInputError):
    """Changes of a batch that cannot be made; nothing was sent. ``refused`` names each."""

    def __init__(self, zone: str, refused: Sequence[str]) -> None:
        self.zone = zone
        self.refused = tuple(refused)
        super().__init__(
            f"{len(self.refused)} change(s) to {zone} refused, nothing was sent:\n"
            + _listed(self.refused)
        )


class BatchFailedError(MisakaError):
    """A write of a batch failed after others were made; those were undone in reverse, as
    far as the API let them be. ``applied``: the steps made before ``failed``; ``undone``:
    those put back; ``left``: those whose undoing failed too (the zone holds them);
    ``not_sent``: the steps after ``failed``."""

    def __init__(
        self,
        failed: Step,
        cause: MisakaError,
        applied: Sequence[Step],
        undone: Sequence[Step],
        not_sent: Sequence[Step],
    ) -> None:
        self.failed, self.cause = failed, cause
        self.applied, self.undone = tuple(applied), tuple(undone)
        self.left = tuple(s for s in self.applied if s not in set(self.undone))
        self.not_sent = tuple(not_sent)
        lines = [
            f"{failed} failed: {cause}"
            + (
                " (its answer was lost: it may have been made all the same)"
                if maybe_done(cause)
                else ""
            ),
            f"{len(self.applied)} write(s) were made before it, {len(self.undone)} undone; "
            f"{len(self.not_sent)} not sent.",
        ]
        if self.left:
            lines.append("Left as written (undoing them failed too):")
            lines.append(_listed([str(s) for s in self.left]))
        else:
            lines.append("The zone is as it was before the batch.")
        super().__init__("\n".join(lines))


# The operation each kind of write calls, whose ``x-misaka-cli`` guard applies to it.
CALLS = {
    "create": "create_recordset",
    "append": "update_recordset",
    "replace": "update_recordset",
    "delete": "delete_recordset",
}


def guarded(target: Target, action: str) -> bool:
    """Whether the spec guards ``action`` on ``target`` (``x-misaka-cli`` ``force``, carried
    into the table: the apex SOA and NS), so that it needs ``force``."""
    from misaka_io import _table_types as table

    call = CALLS.get(action)
    if call is None:
        return False
    given = {"zone": target.zone, "name": target.name, "type": target.type}
    return table.guarded(table.operations()[call]["guard"]["force"], given)


def _about(target: Target, problem: Exception) -> str:
    """A refusal naming its recordset once (the checks' own messages may name it already)."""
    where, text = f"{target.fqdn} {target.type}", str(problem)
    return text if text.startswith(where) else f"{where}: {text}"


def _key(name: str, rtype: str) -> tuple[str, str]:
    return name.lower(), rtype.upper()


def _change(item: Wanted, target: Target, current: Current | None) -> Change:
    """The write ``item`` needs given the recordset as listed (refusals raise)."""
    ttl = check_ttl(item.ttl)
    if not item.values:
        if item.mode == "add":
            return Change("none")
        return Change("delete") if current is not None else Change("none")
    values = normalise_values(checked_values(target, item.values))
    if item.mode == "add":
        return plan_add(current, target.type, values, ttl)
    return plan_set(current, target.type, values, ttl)


def _targets(
    zone: str, wanted: Iterable[Wanted], refused: list[str]
) -> list[tuple[Wanted, Target]]:
    """Each wanted recordset's target; a name outside the zone, a bad type or one recordset
    wanted twice is refused."""
    out: list[tuple[Wanted, Target]] = []
    seen: set[tuple[str, str]] = set()
    for item in wanted:
        try:
            target = Target(zone, relative_name(item.name, zone), normalise_type(item.type))
        except DnsInputError as exc:
            refused.append(f"{item.name} {item.type}: {exc}")
            continue
        key = _key(target.name, target.type)
        if key in seen:
            refused.append(f"{target.fqdn} {target.type}: given more than once in the batch")
            continue
        seen.add(key)
        out.append((item, target))
    return out


def _check_zone_after(
    steps: Sequence[Step], types: dict[str, set[str]], refused: list[str]
) -> None:
    """The CNAME rules on the zone as it will be after every step (``types``: each name's
    types afterwards)."""
    for step in steps:
        if step.change.action == "delete":
            continue
        target = step.target
        try:
            check_placement(target.type, target.name, step.after, types[target.name])
        except InvalidValueError as exc:
            refused.append(_about(target, exc))


def _types_after(steps: Iterable[Step], before: dict[str, set[str]]) -> dict[str, set[str]]:
    """Each name's types once ``steps`` are made, from its types ``before``."""
    after = {name: set(types) for name, types in before.items()}
    for step in steps:
        types = after.setdefault(step.target.name, set())
        if step.change.action == "delete":
            types.discard(step.target.type)
        else:
            types.add(step.target.type)
    return after


def _order(steps: Sequence[Step], before: dict[str, set[str]]) -> tuple[Step, ...]:
    """The order of writes: the new values of a name before its old ones go, except where a
    name swaps a CNAME for other types (or back), which must be emptied first."""
    after = _types_after(steps, before)

    def swaps(name: str) -> bool:
        return ("CNAME" in before.get(name, set())) != ("CNAME" in after.get(name, set()))

    fills = [s for s in steps if s.change.action != "delete" and not swaps(s.target.name)]
    swapped = sorted(
        (s for s in steps if swaps(s.target.name)),
        key=lambda s: (s.target.name, s.change.action != "delete"),
    )
    drops = [s for s in steps if s.change.action == "delete" and not swaps(s.target.name)]
    return (*fills, *swapped, *drops)


def _pruned(
    zone: str, current: dict[tuple[str, str], Current | None], kept: set[tuple[str, str]]
) -> list[tuple[Wanted, Target]]:
    """Deletes of the recordsets listed but not wanted, less those the spec guards (the apex
    SOA and NS stay unless the batch names them)."""
    out = []
    for name, rtype in sorted(current):
        target = Target(zone, name, rtype)
        if (name, rtype) not in kept and not guarded(target, "delete"):
            out.append((Wanted(name, rtype), target))
    return out


def plan_batch(
    zone: str,
    listing: Iterable[RecordSet],
    wanted: Iterable[Wanted],
    *,
    force: bool = False,
    prune: bool = False,
) -> BatchPlan:
    """The writes that make ``zone`` (normalised, as listed in ``listing``) hold ``wanted``,
    every one checked; ``BatchRefusedError`` naming each refused change otherwise. ``force``
    allows the apex SOA and NS; ``prune`` deletes every other recordset of the zone but those."""
    current: dict[tuple[str, str], Current | None] = {}
    before_types: dict[str, set[str]] = {}
    for recordset in listing:
        name, rtype = _key(recordset.name, recordset.type_)
        current[(name, rtype)] = current_of(recordset)
        before_types.setdefault(name, set()).add(rtype)
    refused: list[str] = []
    steps: list[Step] = []
    unchanged = 0
    items = _targets(zone, wanted, refused)
    if prune:
        items += _pruned(zone, current, {(t.name, t.type) for _, t in items})
    for item, target in items:
        before = current.get((target.name, target.type))
        try:
            change = _change(item, target, before)
        except DnsInputError as exc:
            refused.append(_about(target, exc))
            continue
        if change.action == "none":
            unchanged += 1
            continue
        if not force and guarded(target, change.action):
            refused.append(
                f"{target.fqdn} {target.type}: the apex SOA and NS change only with force"
            )
            continue
        steps.append(Step(target, before, change))
    ordered = _order(steps, before_types)
    _check_zone_after(ordered, _types_after(ordered, before_types), refused)
    if refused:
        raise BatchRefusedError(zone, refused)
    return BatchPlan(zone, ordered, unchanged)


def differences(plan: BatchPlan, listing: Iterable[RecordSet]) -> tuple[str, ...]:
    """What the zone as read back (``listing``) shows otherwise than ``plan`` made it."""
    read = {_key(r.name, r.type_): current_of(r) for r in listing}
    out = []
    for step in plan.steps:
        target = step.target
        found = read.get(_key(target.name, target.type))
        if step.change.action == "delete":
            if found is not None:
                out.append(f"{target.fqdn} {target.type} is still there")
            continue
        if found is None:
            out.append(f"{target.fqdn} {target.type} is missing")
            continue
        if not _same(target.type, found.values, step.after):
            out.append(f"{target.fqdn} {target.type} holds {list(found.values)}")
        elif step.change.ttl is not None and found.ttl != step.change.ttl:
            out.append(f"{target.fqdn} {target.type} has TTL {found.ttl}")
    return tuple(out)


def landed(step: Step, found: RecordSet | None) -> bool:
    """Whether a write whose answer was lost was made all the same, from the recordset as
    read afterwards (``found``)."""
    current = current_of(found)
    if step.change.action == "delete":
        return current is None
    if current is None:
        return False
    return _same(step.target.type, current.values, step.after)


def _same(rtype: str, one: Iterable[str], other: Iterable[str]) -> bool:
    """Whether two lists of values hold the same records (the same text needs no parsing)."""
    one, other = list(one), list(other)
    if sorted(one) == sorted(other):
        return True
    return sorted(value_key(rtype, v) for v in one) == sorted(value_key(rtype, v) for v in other)


def check_guard(target: Target, change: Change, force: bool) -> None:
    """The apex SOA and NS (what the spec guards) change only with ``force``."""
    if not force and guarded(target, change.action):
        raise DnsInputError(
            f"{target.fqdn} {target.type}: the apex SOA and NS change only with force "
            "(nothing was sent)"
        )


def undo_failed(step: Step, error: MisakaError) -> bool:
    log.warning("misaka_io: undoing %s failed (%s); it is left as written", step, error)
    return False
