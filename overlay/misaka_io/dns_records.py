"""DNS recordset workflows: find the zone of a name, then add, remove or set values safely.

The API has no upsert (create on an existing recordset is 409, append on a missing one 404),
no way to remove one value (a PUT with no records is 422), no zone lookup, no name
normalisation and no conditional requests. ``DnsRecords`` and ``AsyncDnsRecords`` fill those
gaps: each workflow holds the recordset's lock on this machine (``_recordset_lock``), reads
just before it writes, reads back after, and writes again (merged with what another writer
changed, at most five writes) until the recordset shows what was asked. A write whose
answer was lost is not sent again blindly: the recordset is read first. Every workflow is safe
to run twice. All decisions are pure functions: here normalising, finding the zone and
planning a change; in ``_dns_writes`` judging each write. The two classes only do the I/O.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from misaka_io._dns_writes import ConcurrentChangeError, Course
from misaka_io._exceptions import MisakaError, NotFoundError
from misaka_io._options import NOT_GIVEN, NotGiven
from misaka_io._pages import every_item, every_item_async
from misaka_io._recordset_lock import LOCK_WAIT, Locking, RecordsetBusyError
from misaka_io.dns_values import InvalidValueError, check_placement, check_values, value_key
from misaka_io_generated.models import Record, RecordSet, RecordSetWrite
from misaka_io_generated.types import UNSET, Unset

if TYPE_CHECKING:
    from misaka_io._client import AsyncMisaka, Misaka

__all__ = [
    "AsyncDnsRecords",
    "Change",
    "ConcurrentChangeError",
    "DnsInputError",
    "DnsRecords",
    "Outcome",
    "Plan",
    "RecordsetBusyError",
    "Target",
    "ZoneNotFoundError",
    "normalise_fqdn",
    "normalise_type",
    "plan_add",
    "plan_remove",
    "plan_set",
    "relative_name",
    "zone_for",
]

MAX_NAME = 253
MAX_VALUE = 4096
MAX_VALUES = 400  # the spec's maxItems of RecordSetWrite.records
_LABEL = re.compile(r"^(\*|[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)$")
_TYPE = re.compile(r"^[A-Z][A-Z0-9]{0,9}$")

log = logging.getLogger("misaka_io")


class DnsInputError(MisakaError, ValueError):
    """A name, type or value that cannot be right; raised before any call is made."""


class ZoneNotFoundError(MisakaError, LookupError):
    """No zone of the account holds the name."""


# ---- names, types and values ------------------------------------------------------------------


def normalise_type(text: str) -> str:
    """``txt`` -> ``TXT``; anything that is not a record type raises ``DnsInputError``."""
    rtype = text.strip().upper()
    if not _TYPE.match(rtype):
        raise DnsInputError(f"{text!r} is not a record type (such as A, AAAA, TXT, CNAME, MX)")
    return rtype


def _labels(text: str, what: str) -> list[str]:
    if not text or len(text) > MAX_NAME:
        raise DnsInputError(f"{what} {text!r} must have 1 to {MAX_NAME} characters")
    labels = text.split(".")
    for i, label in enumerate(labels):
        if not _LABEL.match(label) or (label == "*" and i > 0):
            raise DnsInputError(f"{what} {text!r} has an invalid label {label!r}")
    return labels


def normalise_fqdn(text: str) -> str:
    """A full name in lower case without its trailing dot: ``WWW.Example.NET.`` ->
    ``www.example.net``."""
    name = text.strip().lower()
    name = name[:-1] if name.endswith(".") else name
    if len(_labels(name, "name")) < 2:
        raise DnsInputError(f"{text!r} is not a full domain name (such as www.example.net)")
    return name


def relative_name(text: str, zone: str) -> str:
    """The name as the API wants it: relative to ``zone``, ``@`` for the apex.

    A name that ends with the zone's name (trailing dot or not) is full; otherwise it must be
    one label (``www``, ``_acme-challenge``, ``*``) relative to the zone. A name of several
    labels outside the zone (``www.example.org`` in ``example.net``) is refused: it reads as a
    full name of another zone, and a relative name of several labels is written in full.
    """
    zone = normalise_fqdn(zone)
    name = text.strip().lower()
    if name in ("@", zone, zone + "."):
        return "@"
    absolute = name.endswith(".")
    name = name.rstrip(".") if absolute else name
    if name.endswith("." + zone):
        name = name[: -len(zone) - 1]
    elif absolute or "." in name:
        raise DnsInputError(
            f"{text!r} is not in the zone {zone}: give a name that ends with {zone}, "
            "or one label relative to it"
        )
    _labels(name, "name")
    return name


def zone_for(fqdn: str, zones: Iterable[str]) -> str:
    """The longest zone that holds ``fqdn`` (``a.b.example.net`` is in ``b.example.net``
    before ``example.net``)."""
    name = normalise_fqdn(fqdn)
    holding = [z for z in _usable(zones) if name == z or name.endswith("." + z)]
    if not holding:
        raise ZoneNotFoundError(f"no zone of this account holds {name}")
    return max(holding, key=len)


def _usable(zones: Iterable[str]) -> list[str]:
    """The zones' names normalised; a zone whose name the client cannot read (the spec allows
    ``-lead.example``) is left out, with a debug line, so that it cannot break other names."""
    out = []
    for zone in zones:
        try:
            out.append(normalise_fqdn(zone))
        except DnsInputError as exc:
            log.debug("zone %r skipped when finding the zone of a name: %s", zone, exc)
    return out


def checked_values(target: Target, values: Iterable[str]) -> tuple[str, ...]:
    """The values to add or set, each valid for the type (``DnsInputError`` naming the value
    and the type otherwise), the same ones once; a CNAME has one value and is not at the apex."""
    try:
        kept = check_values(target.type, values)
        check_placement(target.type, target.name, kept, ())
    except InvalidValueError as exc:
        raise DnsInputError(f"{target.fqdn} {target.type}: {exc}") from None
    return kept


def needs_neighbours(kind: _Planner, target: Target, change: Change) -> bool:
    """Whether an add or set must read the name's other types to keep the CNAME rules: it
    writes a CNAME, or creates another type (a CNAME may be there). A removal never does."""
    if kind == "remove" or change.action in ("none", "delete"):
        return False
    return target.type == "CNAME" or change.action == "create"


def check_beside(
    target: Target, change: Change, current: Current | None, beside: Iterable[str]
) -> None:
    """The CNAME rules for ``change`` given the name's types ``beside`` (``DnsInputError``)."""
    after = change.values
    if change.action == "append" and current is not None:
        after = current.values + change.values
    try:
        check_placement(target.type, target.name, after, beside)
    except InvalidValueError as exc:
        raise DnsInputError(f"{target.fqdn} {target.type}: {exc}") from None


def normalise_values(values: Iterable[str]) -> tuple[str, ...]:
    """The values without surrounding blanks and repeats, each checked for length."""
    out: list[str] = []
    for value in values:
        text = value.strip()
        if not text or len(text) > MAX_VALUE:
            raise DnsInputError(f"a record value must have 1 to {MAX_VALUE} characters")
        if text not in out:
            out.append(text)
    if len(out) > MAX_VALUES:
        raise DnsInputError(f"a recordset holds at most {MAX_VALUES} values")
    return tuple(out)


# ---- plans ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One recordset: its zone, its name relative to the zone (``@`` for the apex), its type."""

    zone: str
    name: str
    type: str

    @property
    def fqdn(self) -> str:
        return self.zone if self.name == "@" else f"{self.name}.{self.zone}"


Action = Literal["none", "create", "append", "replace", "delete"]


@dataclass(frozen=True)
class Change:
    """What one call must do: send ``values`` (and ``ttl`` when set) with ``action``."""

    action: Action
    values: tuple[str, ...] = ()
    ttl: int | None = None


@dataclass(frozen=True)
class Current:
    """The recordset as read: its values and TTL."""

    values: tuple[str, ...]
    ttl: int | None


def plan_add(current: Current | None, rtype: str, values: Sequence[str], ttl: int | None) -> Change:
    """Create the recordset (with ``ttl``), or append the values it lacks; nothing when all
    are there. An existing recordset keeps its TTL, so that removing what was added restores
    it exactly (``plan_set`` changes a TTL)."""
    if current is None:
        return Change("create", tuple(values), ttl)
    have = {value_key(rtype, v) for v in current.values}
    missing = tuple(v for v in values if value_key(rtype, v) not in have)
    return Change("append", missing) if missing else Change("none")


def plan_remove(current: Current | None, rtype: str, values: Sequence[str]) -> Change:
    """PUT the values that remain, delete the recordset when none do; no values = all."""
    if current is None:
        return Change("none")
    drop = {value_key(rtype, v) for v in values}
    keep = tuple(v for v in current.values if drop and value_key(rtype, v) not in drop)
    if len(keep) == len(current.values):
        return Change("none")
    return Change("replace", keep, current.ttl) if keep else Change("delete")


def plan_set(current: Current | None, rtype: str, values: Sequence[str], ttl: int | None) -> Change:
    """Make the recordset hold exactly ``values``; an empty list deletes it."""
    if not values:
        return Change("delete") if current is not None else Change("none")
    if current is None:
        return Change("create", tuple(values), ttl)
    same = sorted(value_key(rtype, v) for v in current.values) == sorted(
        value_key(rtype, v) for v in values
    )
    if same and (ttl is None or ttl == current.ttl):
        return Change("none")
    return Change("replace", tuple(values), ttl if ttl is not None else current.ttl)


def _current(found: RecordSet | None) -> Current | None:
    if found is None:
        return None
    records = [] if isinstance(found.records, Unset) else found.records
    ttl = None if isinstance(found.ttl, Unset) else found.ttl
    return Current(tuple(r.value for r in records), ttl)


def _write(change: Change) -> RecordSetWrite:
    ttl: int | Unset = UNSET if change.ttl is None else change.ttl
    return RecordSetWrite(records=[Record(value=v) for v in change.values], ttl=ttl)


def _check_ttl(ttl: int | None) -> int | None:
    if ttl is not None and not 1 <= ttl <= 604800:
        raise DnsInputError("ttl must be between 1 and 604800 seconds")
    return ttl


@dataclass(frozen=True)
class Outcome:
    """What a workflow did (``action``) and the recordset as it now is (None when gone)."""

    target: Target
    action: Action
    recordset: RecordSet | None

    @property
    def values(self) -> tuple[str, ...]:
        current = _current(self.recordset)
        return current.values if current is not None else ()


_Planner = Literal["add", "remove", "set"]


@dataclass(frozen=True)
class Plan:
    """What a workflow would do now (``DnsRecords.plan``), sending nothing: the recordset's
    values and TTL ``before`` (None when it does not exist), the ``change``, and ``after``."""

    target: Target
    before: Current | None
    change: Change

    @property
    def after(self) -> tuple[str, ...]:
        """The values the recordset would hold afterwards (none: it would be gone)."""
        old = self.before.values if self.before is not None else ()
        action = self.change.action
        if action == "none":
            return old
        return old + self.change.values if action == "append" else self.change.values

    @property
    def dropped(self) -> tuple[str, ...]:
        """The values the change would take away."""
        kept = {value_key(self.target.type, v) for v in self.after}
        old = self.before.values if self.before is not None else ()
        return tuple(v for v in old if value_key(self.target.type, v) not in kept)


def _plan(
    kind: _Planner,
    current: Current | None,
    target: Target,
    values: tuple[str, ...],
    ttl: int | None,
) -> Change:
    if kind == "add":
        return plan_add(current, target.type, values, ttl)
    if kind == "remove":
        return plan_remove(current, target.type, values)
    return plan_set(current, target.type, values, ttl)


def _course(
    kind: _Planner, target: Target, wanted: tuple[str, ...], ttl: int | None
) -> Course[Change]:
    def plan(found: RecordSet | None) -> Change:
        return _plan(kind, _current(found), target, wanted, ttl)

    return Course(plan, f"{target.fqdn} {target.type}")


def _lock_key(base_url: object, target: Target) -> tuple[str, ...]:
    """One lock per recordset of one API."""
    return (str(base_url), target.zone, target.name, target.type)


def _outcome(target: Target, course: Course[Change], found: RecordSet | None) -> Outcome:
    return Outcome(target, "none" if course.done is None else course.done.action, found)


def _matches(recordset: RecordSet, name: str | None, rtype: str | None) -> bool:
    """The listing's ``name`` filter is not honoured by the real API: filter here too."""
    return (name is None or recordset.name.lower() == name) and (
        rtype is None or recordset.type_.upper() == rtype
    )


# ---- the I/O, twice -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Listing:
    """What ``list`` asks for and keeps: the whole zone when ``name`` is the zone itself,
    else the recordsets of one name (of one type, when given)."""

    zone: str
    relative: str | None
    rtype: str | None

    @classmethod
    def of(cls, name: str, rtype: str | None, zone: str) -> _Listing:
        zone = normalise_fqdn(zone)
        relative = relative_name(name, zone)
        whole_zone = relative == "@" and name.strip() != "@"
        return cls(zone, None if whole_zone else relative, normalise_type(rtype) if rtype else None)

    @property
    def query(self) -> dict[str, Any]:
        return {} if self.relative is None else {"name": self.relative}

    def keeps(self, recordset: RecordSet) -> bool:
        return _matches(recordset, self.relative, self.rtype)


class DnsRecords:
    """The workflows on a ``Misaka`` client: ``DnsRecords(client).add("_acme-challenge.
    example.net", "TXT", ["token"])``. Zones are listed once per instance.

    ``lock_dir``: where the locks between processes go (None: none, only the lock within this
    process); ``lock_wait``: the seconds a write waits for another writer of its recordset."""

    def __init__(
        self,
        client: Misaka,
        *,
        lock_dir: str | os.PathLike[str] | NotGiven | None = NOT_GIVEN,
        lock_wait: float = LOCK_WAIT,
    ) -> None:
        self._client = client
        self._zones: tuple[str, ...] | None = None
        self._locking = Locking.of(lock_dir, lock_wait)
        self._careful: Misaka | None = None

    def zones(self) -> tuple[str, ...]:
        if self._zones is None:
            self._zones = tuple(z.name for z in every_item(self._client.dns.list_zones))
        return self._zones

    def target(self, name: str, rtype: str, *, zone: str | None = None) -> Target:
        """Where ``name`` lives: in ``zone`` when given, else in the longest matching zone."""
        rtype = normalise_type(rtype)
        if zone is None:
            zone = zone_for(name, self.zones())
        return Target(normalise_fqdn(zone), relative_name(name, zone), rtype)

    def get(self, target: Target) -> RecordSet | None:
        try:
            return self._client.dns.get_recordset(target.zone, target.name, target.type)
        except NotFoundError:
            return None

    def list(
        self, name: str, rtype: str | None = None, *, zone: str | None = None
    ) -> list[RecordSet]:
        """The recordsets of a name (all of the zone when ``name`` is the zone itself)."""
        plan = _Listing.of(name, rtype, zone or zone_for(name, self.zones()))
        found = every_item(self._client.dns.list_recordsets, plan.zone, **plan.query)
        return [r for r in found if plan.keeps(r)]

    def plan(
        self,
        kind: _Planner,
        name: str,
        rtype: str,
        values: Iterable[str] = (),
        *,
        ttl: int | None = None,
        zone: str | None = None,
    ) -> Plan:
        """What ``add``, ``remove`` or ``set`` (``kind``) would do now; reads, sends nothing."""
        target = self.target(name, rtype, zone=zone)
        wanted = values if kind == "remove" else checked_values(target, values)
        before = _current(self.get(target))
        change = _plan(kind, before, target, normalise_values(wanted), _check_ttl(ttl))
        if needs_neighbours(kind, target, change):
            check_beside(target, change, before, self._types_beside(target))
        return Plan(target, before, change)

    def add(
        self,
        name: str,
        rtype: str,
        values: Iterable[str],
        *,
        ttl: int | None = None,
        zone: str | None = None,
    ) -> Outcome:
        """Add values (create the recordset when missing); values already there are kept."""
        target = self.target(name, rtype, zone=zone)
        return self._run("add", target, checked_values(target, values), _check_ttl(ttl))

    def remove(
        self, name: str, rtype: str, values: Iterable[str] = (), *, zone: str | None = None
    ) -> Outcome:
        """Remove values (all when none are given); a missing value is not an error."""
        return self._run("remove", self.target(name, rtype, zone=zone), values, None)

    def set(
        self,
        name: str,
        rtype: str,
        values: Iterable[str],
        *,
        ttl: int | None = None,
        zone: str | None = None,
    ) -> Outcome:
        """Make the recordset hold exactly these values (none: delete it)."""
        target = self.target(name, rtype, zone=zone)
        return self._run("set", target, checked_values(target, values), _check_ttl(ttl))

    def _run(
        self, kind: _Planner, target: Target, values: Iterable[str], ttl: int | None
    ) -> Outcome:
        course = _course(kind, target, normalise_values(values), ttl)
        with self._locking.lock(*_lock_key(self._client.base_url, target)):
            found = self.get(target)
            while (change := course.next(found)) is not None:
                if needs_neighbours(kind, target, change):
                    check_beside(target, change, _current(found), self._types_beside(target))
                try:
                    course.answered(change, self._apply(target, change))
                except MisakaError as error:
                    if not course.failed(change, error):
                        raise
                found = self.get(target)  # the read-back, and the read before a next write
            return _outcome(target, course, found)

    def _types_beside(self, target: Target) -> tuple[str, ...]:
        """The name's types that matter to the CNAME rules: all of them for a CNAME (one
        listing), else whether it has a CNAME (one read)."""
        if target.type == "CNAME":
            return tuple(r.type_ for r in self.list(target.fqdn, zone=target.zone))
        return ("CNAME",) if self.get(Target(target.zone, target.name, "CNAME")) else ()

    def _apply(self, target: Target, change: Change) -> RecordSet | None:
        dns, where = self._client.dns, (target.zone, target.name, target.type)
        if change.action == "delete":
            dns.delete_recordset(*where)
            return None
        if change.action == "create":
            return dns.create_recordset(*where, body=_write(change))
        if self._careful is None:  # a PUT whose answer was lost is read for, not sent again
            self._careful = self._client.with_options(resend_unanswered=False)
        append = change.action == "append"
        return self._careful.dns.update_recordset(*where, body=_write(change), append=append)


class AsyncDnsRecords:
    """``DnsRecords`` for ``AsyncMisaka``: the same decisions, awaited calls."""

    def __init__(
        self,
        client: AsyncMisaka,
        *,
        lock_dir: str | os.PathLike[str] | NotGiven | None = NOT_GIVEN,
        lock_wait: float = LOCK_WAIT,
    ) -> None:
        self._client = client
        self._zones: tuple[str, ...] | None = None
        self._locking = Locking.of(lock_dir, lock_wait)
        self._careful: AsyncMisaka | None = None

    async def zones(self) -> tuple[str, ...]:
        if self._zones is None:
            self._zones = tuple(
                [z.name async for z in every_item_async(self._client.dns.list_zones)]
            )
        return self._zones

    async def target(self, name: str, rtype: str, *, zone: str | None = None) -> Target:
        rtype = normalise_type(rtype)
        if zone is None:
            zone = zone_for(name, await self.zones())
        return Target(normalise_fqdn(zone), relative_name(name, zone), rtype)

    async def get(self, target: Target) -> RecordSet | None:
        try:
            return await self._client.dns.get_recordset(target.zone, target.name, target.type)
        except NotFoundError:
            return None

    async def list(
        self, name: str, rtype: str | None = None, *, zone: str | None = None
    ) -> list[RecordSet]:
        plan = _Listing.of(name, rtype, zone or zone_for(name, await self.zones()))
        found = every_item_async(self._client.dns.list_recordsets, plan.zone, **plan.query)
        return [r async for r in found if plan.keeps(r)]

    async def plan(
        self,
        kind: _Planner,
        name: str,
        rtype: str,
        values: Iterable[str] = (),
        *,
        ttl: int | None = None,
        zone: str | None = None,
    ) -> Plan:
        target = await self.target(name, rtype, zone=zone)
        wanted = values if kind == "remove" else checked_values(target, values)
        before = _current(await self.get(target))
        change = _plan(kind, before, target, normalise_values(wanted), _check_ttl(ttl))
        if needs_neighbours(kind, target, change):
            check_beside(target, change, before, await self._types_beside(target))
        return Plan(target, before, change)

    async def add(
        self,
        name: str,
        rtype: str,
        values: Iterable[str],
        *,
        ttl: int | None = None,
        zone: str | None = None,
    ) -> Outcome:
        target = await self.target(name, rtype, zone=zone)
        return await self._run("add", target, checked_values(target, values), _check_ttl(ttl))

    async def remove(
        self, name: str, rtype: str, values: Iterable[str] = (), *, zone: str | None = None
    ) -> Outcome:
        return await self._run("remove", await self.target(name, rtype, zone=zone), values, None)

    async def set(
        self,
        name: str,
        rtype: str,
        values: Iterable[str],
        *,
        ttl: int | None = None,
        zone: str | None = None,
    ) -> Outcome:
        target = await self.target(name, rtype, zone=zone)
        return await self._run("set", target, checked_values(target, values), _check_ttl(ttl))

    async def _run(
        self, kind: _Planner, target: Target, values: Iterable[str], ttl: int | None
    ) -> Outcome:
        course = _course(kind, target, normalise_values(values), ttl)
        async with self._locking.lock(*_lock_key(self._client.base_url, target)):
            found = await self.get(target)
            while (change := course.next(found)) is not None:
                if needs_neighbours(kind, target, change):
                    beside = await self._types_beside(target)
                    check_beside(target, change, _current(found), beside)
                try:
                    course.answered(change, await self._apply(target, change))
                except MisakaError as error:
                    if not course.failed(change, error):
                        raise
                found = await self.get(target)
            return _outcome(target, course, found)

    async def _types_beside(self, target: Target) -> tuple[str, ...]:
        if target.type == "CNAME":
            return tuple(r.type_ for r in await self.list(target.fqdn, zone=target.zone))
        cname = await self.get(Target(target.zone, target.name, "CNAME"))
        return ("CNAME",) if cname else ()

    async def _apply(self, target: Target, change: Change) -> RecordSet | None:
        dns, where = self._client.dns, (target.zone, target.name, target.type)
        if change.action == "delete":
            await dns.delete_recordset(*where)
            return None
        if change.action == "create":
            return await dns.create_recordset(*where, body=_write(change))
        if self._careful is None:
            self._careful = self._client.with_options(resend_unanswered=False)
        append = change.action == "append"
        return await self._careful.dns.update_recordset(*where, body=_write(change), append=append)
