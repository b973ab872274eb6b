"""The decisions of the DNS workflows, apart from their I/O: names, zones, values and plans.

Normalising a name or a type, finding the zone of a name, checking values (with
``dns_values``) and planning the change that makes a recordset hold what was asked
(``plan_add``, ``plan_remove``, ``plan_set``) are pure functions; ``dns_records`` runs them
around its reads and writes, and ``_dns_writes`` judges each write.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import dns.exception
import dns.name

from misaka_io._dns_writes import Course
from misaka_io._exceptions import MisakaError
from misaka_io._table_types import field_bounds
from misaka_io.dns_values import InvalidValueError, check_placement, check_values, value_key
from misaka_io_generated.models import Record, RecordSet, RecordSetWrite
from misaka_io_generated.types import UNSET, Unset

log = logging.getLogger("misaka_io")

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


def _ascii(text: str, what: str) -> str:
    """``text`` with its Unicode labels in punycode, converted with IDNA 2008 as dnspython
    converts them: ``www.Bücher.example`` -> ``www.xn--bcher-kva.example``; ASCII as it is."""
    if text.isascii():
        return text
    try:
        return dns.name.from_unicode(text, origin=None, idna_codec=dns.name.IDNA_2008).to_text()
    except dns.exception.DNSException as exc:
        why = str(exc).rstrip(".") or type(exc).__name__
        raise DnsInputError(f"{what} {text!r} is not a valid domain name: {why}") from None


def _labels(text: str, what: str) -> list[str]:
    if not text or len(text) > MAX_NAME:
        raise DnsInputError(f"{what} {text!r} must have 1 to {MAX_NAME} characters")
    labels = text.split(".")
    for i, label in enumerate(labels):
        if not _LABEL.match(label) or (label == "*" and i > 0):
            raise DnsInputError(f"{what} {text!r} has an invalid label {label!r}")
    return labels


def normalise_fqdn(text: str) -> str:
    """A full name in lower case without its trailing dot, Unicode labels in punycode:
    ``WWW.Example.NET.`` -> ``www.example.net``, ``bücher.example`` -> ``xn--bcher-kva.example``."""
    name = _ascii(text.strip(), "name").lower()
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
    Unicode labels are converted to punycode (``normalise_fqdn``).
    """
    zone = normalise_fqdn(zone)
    name = _ascii(text.strip(), "name").lower()
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


def needs_neighbours(kind: Planner, target: Target, change: Change) -> bool:
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


def ttl_range() -> tuple[int, int]:
    """The TTLs a recordset may have, from the spec (``RecordSetWrite.ttl``'s ``minimum`` and
    ``maximum``); a bound the spec leaves out is DNS's own (0 and 2**31 - 1, RFC 2181)."""
    low, high = field_bounds("RecordSetWrite", "ttl")
    return int(0 if low is None else low), int(2**31 - 1 if high is None else high)


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


def current_of(found: RecordSet | None) -> Current | None:
    if found is None:
        return None
    records = [] if isinstance(found.records, Unset) else found.records
    ttl = None if isinstance(found.ttl, Unset) else found.ttl
    return Current(tuple(r.value for r in records), ttl)


def write_body(change: Change) -> RecordSetWrite:
    ttl: int | Unset = UNSET if change.ttl is None else change.ttl
    return RecordSetWrite(records=[Record(value=v) for v in change.values], ttl=ttl)


def check_ttl(ttl: int | None) -> int | None:
    """``ttl`` when the spec's range (``ttl_range``) holds it; ``DnsInputError`` otherwise."""
    low, high = ttl_range()
    if ttl is not None and not low <= ttl <= high:
        raise DnsInputError(f"ttl must be between {low} and {high} seconds, not {ttl}")
    return ttl


@dataclass(frozen=True)
class Outcome:
    """What a workflow did (``action``) and the recordset as it now is (None when gone)."""

    target: Target
    action: Action
    recordset: RecordSet | None

    @property
    def values(self) -> tuple[str, ...]:
        current = current_of(self.recordset)
        return current.values if current is not None else ()


Planner = Literal["add", "remove", "set"]


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


def plan_of(
    kind: Planner,
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


def course_of(
    kind: Planner, target: Target, wanted: tuple[str, ...], ttl: int | None
) -> Course[Change]:
    def plan(found: RecordSet | None) -> Change:
        return plan_of(kind, current_of(found), target, wanted, ttl)

    return Course(plan, f"{target.fqdn} {target.type}")


def lock_key(base_url: object, zone: str) -> tuple[str, ...]:
    """One lock per zone of one API: a batch and a single recordset's workflow take the same,
    so that lock files are bounded by the zones written."""
    return (str(base_url), zone)


def outcome_of(target: Target, course: Course[Change], found: RecordSet | None) -> Outcome:
    return Outcome(target, "none" if course.done is None else course.done.action, found)


def matches(recordset: RecordSet, name: str | None, rtype: str | None) -> bool:
    """The listing's ``name`` filter is not honoured by the real API: filter here too."""
    return (name is None or recordset.name.lower() == name) and (
        rtype is None or recordset.type_.upper() == rtype
    )


@dataclass(frozen=True)
class Listing:
    """What ``list`` asks for and keeps: the whole zone when ``name`` is the zone itself,
    else the recordsets of one name (of one type, when given)."""

    zone: str
    relative: str | None
    rtype: str | None

    @classmethod
    def of(cls, name: str, rtype: str | None, zone: str) -> Listing:
        zone = normalise_fqdn(zone)
        relative = relative_name(name, zone)
        whole_zone = relative == "@" and name.strip() != "@"
        return cls(zone, None if whole_zone else relative, normalise_type(rtype) if rtype else None)

    @property
    def query(self) -> dict[str, Any]:
        return {} if self.relative is None else {"name": self.relative}

    def keeps(self, recordset: RecordSet) -> bool:
        return matches(recordset, self.relative, self.rtype)
