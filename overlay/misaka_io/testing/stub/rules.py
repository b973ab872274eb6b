"""The API's rules for DNS names, TTLs and values, in one place for every way into the stub.

The create and update handlers, the import of a zone file, and ``MisakaStub``'s seeding
(``add_zone``, ``add_recordset``) all call these. Names are checked by the spec's own schemas
(the checks the router gives the handlers: seeding is no stricter than the API, which takes
some names the client cannot use), plus the one rule the schemas cannot say (a relative name
that reads as a full one); TTLs, values and the CNAME rules by the client's own checks
(``misaka_io._dns_plans.check_ttl``, ``misaka_io.dns_values``), so that the stub and the
client cannot drift apart. Each raises ``RuleBroken`` (a ``ValueError``) with the part of the
request it is about.
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


def _spec_errors(operation_id: str, where: str, name: str, value: object) -> None:
    """What the spec's own schema says of ``value`` as the ``where`` (``"body"`` or
    ``"path"``) part ``name`` of the operation: the check its handler gets from the router."""
    from misaka_io.testing.stub.spec_router import schema_errors, shared_router

    route = shared_router().route_of(operation_id)
    if where == "body":
        assert route.body_check is not None
        errors = schema_errors(route.body_check, {name: value}, ["body"])
    else:
        (param,) = [p for p in route.params if p.location == where and p.name == name]
        errors = schema_errors(param.check, value, [where, name])
    if errors:
        raise RuleBroken(errors[0]["loc"], f"{value!r}: {errors[0]['msg']}")


def zone_name(name: str) -> str:
    """The zone's key (lower case; a trailing dot dropped), the name checked by the spec's
    schema of Create Zone (no stricter: the API takes names the client cannot use)."""
    key = name.lower()
    key = key[:-1] if key.endswith(".") else key
    _spec_errors("create_zone", "body", "name", key)
    return key


def recordset_name(name: str, zone: str) -> str:
    """A recordset's name as the API takes it: ``@`` or labels relative to the zone, as the
    spec's schema of the path says. A name ending with the zone's name reads as a full name
    (the API would make ``www.example.net.example.net`` of it): refused."""
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
    _spec_errors("create_recordset", "path", "name", name)
    return key


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
