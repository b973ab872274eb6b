"""The API's rules for DNS names, TTLs and values, in one place for every way into the stub.

The create and update handlers, the import of a zone file, and ``MisakaStub``'s seeding
(``add_zone``, ``add_recordset``) all call these, and these call the client's own checks
(``misaka_io.dns_values`` for values and the CNAME rules, ``misaka_io._dns_plans`` for names
and TTLs), so that what the stub takes, the client would send, and the other way round.
Each raises ``RuleBroken`` (a ``ValueError``) with the part of the request it is about.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

# The client's checks (and dnspython under them) are imported by the first check, not by
# every stub: most tests never touch DNS.


class RuleBroken(ValueError):
    """A name, TTL or value the API refuses; ``loc`` is where in a request it was."""

    def __init__(self, loc: list[str | int], message: str) -> None:
        super().__init__(message)
        self.loc = loc


def zone_name(name: str) -> str:
    """The zone's key (lower case, no trailing dot); a name that is no domain is refused."""
    from misaka_io._dns_plans import DnsInputError, normalise_fqdn

    try:
        return normalise_fqdn(name)
    except DnsInputError as exc:
        raise RuleBroken(["body", "name"], str(exc)) from None


def recordset_name(name: str, zone: str) -> str:
    """A recordset's name as the API takes it: ``@`` or labels relative to the zone. A name
    with a trailing dot or one ending with the zone's name reads as a full name: refused."""
    from misaka_io._dns_plans import DnsInputError, relative_name

    key = name.lower()
    if key == "@":
        return key
    full = key.endswith(".") or key == zone or key.endswith("." + zone)
    if full:
        raise RuleBroken(
            ["path", "name"],
            f"{name!r} reads as a full name: the API takes names relative to the zone "
            f"{zone} (www, not www.{zone} or www.)",
        )
    try:
        return relative_name(f"{key}.{zone}", zone)
    except DnsInputError as exc:
        raise RuleBroken(["path", "name"], str(exc)) from None


def ttl(value: int | None, loc: list[str | int] | None = None) -> int | None:
    """A TTL the API takes (1 to 604800 seconds), or None for the zone's default."""
    from misaka_io._dns_plans import DnsInputError, check_ttl

    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise RuleBroken(loc or ["body", "ttl"], f"ttl must be whole seconds, not {value!r}")
    try:
        return check_ttl(value)
    except DnsInputError as exc:
        raise RuleBroken(loc or ["body", "ttl"], str(exc)) from None


def values(rtype: str, given: Sequence[str]) -> list[str]:
    """Each value checked for its type (``["body", "records", i, "value"]`` when not)."""
    from misaka_io.dns_values import InvalidValueError, check_value

    if isinstance(given, str):
        raise TypeError("values is a list of strings, not one string")
    for i, value in enumerate(given):
        try:
            check_value(rtype, value)
        except InvalidValueError as exc:
            raise RuleBroken(["body", "records", i, "value"], str(exc)) from None
    return list(given)


def placement(rtype: str, name: str, given: Sequence[str], beside: Iterable[str]) -> None:
    """The CNAME rules for the recordset ``name``/``rtype`` holding ``given``, beside
    recordsets of the types ``beside`` at the same name."""
    from misaka_io.dns_values import InvalidValueError, check_placement

    try:
        check_placement(rtype, name, list(given), beside)
    except InvalidValueError as exc:
        raise RuleBroken(["body", "records"], str(exc)) from None
