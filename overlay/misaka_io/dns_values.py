"""Record values by type: is this value valid for this type, and are two values the same.

Values are in DNS presentation form, as a zone file writes them (``10 mail.example.net.`` for
an MX). dnspython parses every type it knows (A, AAAA, CNAME, MX, TXT, SRV, CAA, NS, PTR, SOA,
HTTPS, TLSA...); a type it does not know (Misaka's ``ALIAS``, say) passes unchecked. A TXT
value is either quoted presentation form (``"a" "b"``, checked) or plain text taken as one
string, as the API stores it. The CNAME rules (one value, not at the apex, no other type
beside it) are here too. The DNS workflows, the ``misaka`` command line and the stub server
all decide with these functions; errors are ``InvalidValueError`` (a ``ValueError``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import dns.exception
import dns.name
import dns.rdata
import dns.rdataclass
import dns.rdatatype

__all__ = [
    "InvalidValueError",
    "check_placement",
    "check_value",
    "check_values",
    "same_value",
    "value_key",
]

# Types whose values are text: one string when unquoted, presentation form when quoted.
_TEXT_TYPES = frozenset({"TXT", "SPF"})
# Types whose values hold domain names: when dnspython cannot parse a value (a type it does
# not know, such as ALIAS, or a value stored before it was checked), compared without case
# and trailing dot.
_NAME_VALUED = frozenset({"CNAME", "NS", "PTR", "MX", "SRV", "ALIAS", "ANAME"})
# DNSSEC's own types may sit beside a CNAME (RFC 4035 section 2.5).
_BESIDE_CNAME_OK = frozenset({"CNAME", "RRSIG", "NSEC", "NSEC3"})


class InvalidValueError(ValueError):
    """A value that cannot be right for its type, or a CNAME that breaks the CNAME rules."""


def _rdtype(rtype: str) -> dns.rdatatype.RdataType | None:
    """dnspython's type for ``rtype``; None when it does not know it."""
    try:
        return dns.rdatatype.from_text(rtype)
    except dns.rdatatype.UnknownRdatatype:
        return None


def _comment_or_control(value: str) -> str | None:
    """What in ``value`` a zone file would not read as part of it: a control character, or a
    ``;`` outside quotes (the rest of the line would be a comment)."""
    quoted = escaped = False
    for char in value:
        if ord(char) < 32 or ord(char) == 127:
            return "a control character"
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == ";" and not quoted:
            return "a ';' outside quotes"
    return None


def _parse(rdtype: dns.rdatatype.RdataType, value: str) -> dns.rdata.Rdata:
    # Names without a trailing dot are full names, as the API writes them (``a.m1ns.moe``).
    return dns.rdata.from_text(dns.rdataclass.IN, rdtype, value, origin=dns.name.root)


def check_value(rtype: str, value: str) -> None:
    """Raise ``InvalidValueError`` naming the value and the type when ``value`` is not a
    valid ``rtype`` value in presentation form."""
    rtype = rtype.upper()
    rdtype = _rdtype(rtype)
    if rtype in _TEXT_TYPES and not value.startswith('"'):
        # Plain text: one string as written; only what no record can hold is refused.
        if any(ord(c) < 32 or ord(c) == 127 for c in value):
            raise InvalidValueError(f"{value!r} is not a valid {rtype} value: a control character")
        return
    problem = _comment_or_control(value)
    if problem is not None:
        raise InvalidValueError(f"{value!r} is not a valid {rtype} value: {problem}")
    if rdtype is None:
        return  # a type dnspython does not know passes unchecked
    try:
        _parse(rdtype, value)
    except (dns.exception.DNSException, ValueError) as exc:
        why = str(exc).rstrip(".") or type(exc).__name__
        raise InvalidValueError(f"{value!r} is not a valid {rtype} value: {why}") from None


def value_key(rtype: str, value: str) -> str:
    """What makes two values the same: TXT with or without its surrounding quotes; a value
    dnspython parses by its canonical form (names without case or trailing dot,
    ``2001:DB8:0::1`` = ``2001:db8::1``); other name-valued types without case or trailing dot;
    anything else as written."""
    rtype = rtype.upper()
    if rtype in _TEXT_TYPES:
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        return "text:" + value
    rdtype = _rdtype(rtype)
    if rdtype is not None:
        try:
            return "rdata:" + _parse(rdtype, value).to_digestable(dns.name.root).hex()
        except (dns.exception.DNSException, ValueError):
            pass  # a value stored before it was checked: compared as text
    if rtype in _NAME_VALUED:
        return "text:" + value.lower().rstrip(".")
    return "text:" + value


def same_value(rtype: str, one: str, other: str) -> bool:
    """Whether two values of a ``rtype`` recordset are the same record."""
    return value_key(rtype, one) == value_key(rtype, other)


def check_values(rtype: str, values: Iterable[str]) -> tuple[str, ...]:
    """The values (blanks around them dropped) each checked, the same ones once, in their
    order; a CNAME has at most one."""
    out: dict[str, str] = {}
    for value in values:
        text = value.strip()
        check_value(rtype, text)
        out.setdefault(value_key(rtype, text), text)
    kept = tuple(out.values())
    if rtype.upper() == "CNAME" and len(kept) > 1:
        raise InvalidValueError(f"a CNAME holds one value, not {len(kept)}: {', '.join(kept)}")
    return kept


def check_placement(rtype: str, name: str, values: Sequence[str], beside: Iterable[str]) -> None:
    """The CNAME rules for a recordset ``name`` (relative, ``@`` = the zone's apex) of type
    ``rtype`` that would hold ``values``, where the name also has recordsets of the types
    ``beside``: a CNAME has one value, is not at the apex and has no other type beside it,
    and no other type goes beside a CNAME."""
    rtype = rtype.upper()
    others = sorted({t.upper() for t in beside} - {rtype})
    if rtype == "CNAME":
        if name == "@":
            raise InvalidValueError("a CNAME cannot be at the zone's apex (@)")
        if len(values) > 1:
            raise InvalidValueError(f"a CNAME holds one value, not {len(values)}")
        clash = [t for t in others if t not in _BESIDE_CNAME_OK]
        if clash:
            raise InvalidValueError(
                f"a CNAME cannot be beside other records: {name} has {', '.join(clash)}"
            )
    elif "CNAME" in others and rtype not in _BESIDE_CNAME_OK:
        raise InvalidValueError(f"{name} has a CNAME: no {rtype} record can be beside it")
