"""Record values by type: is this value valid for this type, what to send for it, and are two
values the same.

Values are in DNS presentation form, as a zone file writes them (``10 mail.example.net.`` for
an MX), read by dnspython (its tokenizer and its record types); a name without its trailing
dot is a full name, as the API writes them (``a.m1ns.moe``). Two values are the same when
dnspython reads them as the same record data: names without case or trailing dot, addresses
in their canonical form, a TXT value as its tuple of strings (``"say \\"hi\\""`` and
``say "hi"`` are one value, ``"a" "b"`` and ``a" "b`` are two).

A TXT value is either quoted presentation form (``"a" "b"``: its escapes, ``\\DDD`` among
them, read by dnspython) or plain text taken as one string as written, as the API stores it.
A string longer than 255 bytes is split into strings of 255 bytes, as BIND and dnspython
write such a value, and is sent in that form (``wire_value``). A Unicode name in a value
(``www.bücher.example``) is converted with IDNA 2008, as dnspython converts it, and sent in
punycode. A type dnspython does not know (Misaka's ``ALIAS``) passes unchecked. The CNAME
rules (one value, not at the apex, no other type beside it) are here too. The DNS workflows,
the ``misaka`` command line and the stub server all decide with these functions; errors are
``InvalidValueError`` (a ``ValueError``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

import dns.exception
import dns.name
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import dns.rdtypes.ANY.CAA
import dns.rdtypes.ANY.SPF
import dns.rdtypes.ANY.TXT
import dns.rdtypes.txtbase
import dns.tokenizer

__all__ = [
    "InvalidValueError",
    "check_placement",
    "check_value",
    "check_values",
    "presentation_value",
    "same_value",
    "value_key",
    "wire_value",
]

# Types whose values are text: one string when unquoted, presentation form when quoted.
_TEXT_TYPES: dict[str, type[dns.rdtypes.txtbase.TXTBase]] = {
    "TXT": dns.rdtypes.ANY.TXT.TXT,
    "SPF": dns.rdtypes.ANY.SPF.SPF,
}
# The longest string of a TXT record: one length byte (RFC 1035, section 3.3).
_MAX_STRING = 255
# Types dnspython does not know whose value is one domain name: compared (and converted to
# punycode) as a name when it reads as one.
_UNKNOWN_NAMES = frozenset({"ALIAS", "ANAME"})
# Types whose values hold domain names: when dnspython cannot read a value (one stored before
# values were checked), compared without case and trailing dot.
_NAME_VALUED = frozenset({"CNAME", "NS", "PTR", "MX", "SRV"}) | _UNKNOWN_NAMES
# DNSSEC's own types may sit beside a CNAME (RFC 4035 section 2.5).
_BESIDE_CNAME_OK = frozenset({"CNAME", "RRSIG", "NSEC", "NSEC3"})
_IDNA = dns.name.IDNA_2008
# Values checked and compared are kept this many at a time, so that a batch checks each once
# and compares it again for free (5,000 values: each read once, not five times).
_KEPT = 16384


class InvalidValueError(ValueError):
    """A value that cannot be right for its type, or a CNAME that breaks the CNAME rules."""


def _rdtype(rtype: str) -> dns.rdatatype.RdataType | None:
    """dnspython's type for ``rtype``; None when it does not know it."""
    try:
        return dns.rdatatype.from_text(rtype)
    except dns.rdatatype.UnknownRdatatype:
        return None


def _refused(rtype: str, value: str, why: object) -> InvalidValueError:
    reason = str(why).rstrip(".") or type(why).__name__
    return InvalidValueError(f"{value!r} is not a valid {rtype} value: {reason}")


def _no_control(rtype: str, value: str) -> None:
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise _refused(rtype, value, "a control character")


def _tokens(rtype: str, value: str) -> list[dns.tokenizer.Token]:
    """The tokens of ``value`` as a zone file reads them (dnspython's tokenizer); what a zone
    file would not read as part of the value (a control character, a ``;`` comment) is
    refused."""
    _no_control(rtype, value)
    tokenizer = dns.tokenizer.Tokenizer(value)
    out = []
    try:
        while not (token := tokenizer.get(want_comment=True)).is_eol_or_eof():
            if token.is_comment():
                raise _refused(rtype, value, "a ';' outside quotes")
            out.append(token)
    except dns.exception.DNSException as exc:
        raise _refused(rtype, value, exc) from None
    return out


def _strings(rtype: str, value: str) -> list[bytes]:
    """A TXT value's strings as given: quoted presentation form read by dnspython, plain text
    one string as written (UTF-8)."""
    if value.startswith('"'):
        try:
            return [bytes(t.unescape_to_bytes().value) for t in _tokens(rtype, value)]
        except dns.exception.DNSException as exc:
            raise _refused(rtype, value, exc) from None
    _no_control(rtype, value)
    try:
        return [value.encode()]
    except UnicodeEncodeError:
        raise _refused(rtype, value, "not UTF-8 text") from None


def _text_rdata(rtype: str, value: str) -> tuple[dns.rdtypes.txtbase.TXTBase, bool]:
    """The TXT (or SPF) record ``value`` stands for, its long strings split into strings of
    255 bytes; and whether one was split."""
    given = _strings(rtype, value)
    split = [s[i : i + _MAX_STRING] for s in given for i in range(0, len(s) or 1, _MAX_STRING)]
    rdtype = dns.rdatatype.from_text(rtype)
    return _TEXT_TYPES[rtype](dns.rdataclass.IN, rdtype, split), len(split) > len(given)


def _parse(rtype: str, rdtype: dns.rdatatype.RdataType, value: str) -> dns.rdata.Rdata:
    _tokens(rtype, value)  # what dnspython would skip (a comment) is refused
    try:
        # Names without a trailing dot are full names, as the API writes them (``a.m1ns.moe``).
        return dns.rdata.from_text(
            dns.rdataclass.IN, rdtype, value, origin=dns.name.root, idna_codec=_IDNA
        )
    except (dns.exception.DNSException, ValueError) as exc:
        raise _refused(rtype, value, exc) from None


def _one_name(rtype: str, value: str) -> str | None:
    """The value of a type dnspython does not know, read as one domain name (Unicode labels
    in punycode, the trailing dot as written); None when it is not one name."""
    if len(_tokens(rtype, value)) != 1:
        return None
    try:
        return dns.name.from_unicode(value, origin=None, idna_codec=_IDNA).to_text()
    except dns.exception.DNSException as exc:
        if value.isascii():
            return None  # unchecked, as any value of a type dnspython does not know
        raise _refused(rtype, value, exc) from None


@functools.lru_cache(maxsize=_KEPT)
def wire_value(rtype: str, value: str) -> str:
    """The form to send for ``value`` of type ``rtype``, after checking it
    (``InvalidValueError`` naming the value and the type when it is not valid).

    A TXT value with a string over 255 bytes becomes quoted strings of 255 bytes; a value with
    a Unicode name becomes dnspython's ASCII form (the name in punycode); any other valid
    value is sent as written."""
    rtype = rtype.upper()
    if rtype in _TEXT_TYPES:
        text, split = _text_rdata(rtype, value)
        return text.to_text() if split else value
    rdtype = _rdtype(rtype)
    if rdtype is None:
        if rtype in _UNKNOWN_NAMES and not value.isascii():
            return _one_name(rtype, value) or value
        _tokens(rtype, value)
        return value  # a type dnspython does not know passes unchecked
    rdata = _parse(rtype, rdtype, value)
    if value.isascii():
        return value
    return rdata.to_text(origin=dns.name.root, relativize=not value.endswith("."))


def presentation_value(rtype: str, value: str) -> str:
    """``value`` as dnspython writes it (``InvalidValueError`` when it cannot read it): ASCII
    presentation form, names full with their trailing dot and in punycode, a TXT value quoted
    in strings of at most 255 bytes with ``\\DDD`` for bytes outside ASCII; what a zone file
    reader (octoDNS) takes for a stored value: ``héllo`` -> ``"h\\195\\169llo"``,
    ``(192.0.2.1)`` -> ``192.0.2.1``. A value of a type dnspython does not know is given as
    written (a name in punycode)."""
    rtype = rtype.upper()
    if rtype in _TEXT_TYPES:
        return _text_rdata(rtype, value)[0].to_text()
    rdtype = _rdtype(rtype)
    if rdtype is None:
        return wire_value(rtype, value)
    return _parse(rtype, rdtype, value).to_text(origin=dns.name.root, relativize=False)


def check_value(rtype: str, value: str) -> None:
    """Raise ``InvalidValueError`` naming the value and the type when ``value`` is not a
    valid ``rtype`` value in presentation form (or plain text, for TXT)."""
    wire_value(rtype, value)


@functools.lru_cache(maxsize=_KEPT)
def value_key(rtype: str, value: str) -> str:
    """What makes two values the same: the record data dnspython reads from them (a TXT value
    by its strings, long ones split; names without case or trailing dot, Unicode or punycode;
    ``2001:DB8:0::1`` = ``2001:db8::1``; a CAA tag without case); a name of a type dnspython
    does not know without
    case or trailing dot; anything else (a value stored before it was checked) as written."""
    rtype = rtype.upper()
    rdtype = _rdtype(rtype)
    try:
        if rtype in _TEXT_TYPES:
            return "rdata:" + _text_rdata(rtype, value)[0].to_digestable().hex()
        if rdtype is not None:
            rdata = _parse(rtype, rdtype, value)
            if isinstance(rdata, dns.rdtypes.ANY.CAA.CAA):  # tags match without case (RFC 8659)
                rdata = rdata.replace(tag=rdata.tag.lower())
            return "rdata:" + rdata.to_digestable(dns.name.root).hex()
        if rtype in _UNKNOWN_NAMES:
            value = _one_name(rtype, value) or value
    except InvalidValueError:
        pass  # a value stored before it was checked: compared as text
    if rtype in _NAME_VALUED:
        return "text:" + value.lower().rstrip(".")
    return "text:" + value


def same_value(rtype: str, one: str, other: str) -> bool:
    """Whether two values of a ``rtype`` recordset are the same record."""
    return value_key(rtype, one) == value_key(rtype, other)


def check_values(rtype: str, values: Iterable[str]) -> tuple[str, ...]:
    """The values (blanks around them dropped) each checked and in the form to send
    (``wire_value``), the same ones once, in their order; a CNAME has at most one."""
    out: dict[str, str] = {}
    for value in values:
        text = value.strip()
        sent = wire_value(rtype, text)
        out.setdefault(value_key(rtype, sent), sent)
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
