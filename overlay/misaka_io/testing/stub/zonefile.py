"""Reading the RFC 1035 master-file text of Import Zone into recordsets, with dnspython.

dnspython reads the text (``$TTL``, ``$ORIGIN``, comments, quoted strings with ``;`` inside,
relative and absolute names); each recordset it finds then passes the stub's ``rules`` (the
value checks, the CNAME rules against the zone's other recordsets). A line dnspython cannot
read raises ``ZoneFileError`` with its number; a name outside the zone or a value the API
refuses raises ``rules.RuleBroken``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from misaka_io.testing.stub import rules
from misaka_io.testing.stub.zones import recordset

if TYPE_CHECKING:  # dnspython is imported by the first import of a zone
    import dns.zone

_LINE = re.compile(r":(\d+):")
_ADDED_LINES = 2


class ZoneFileError(ValueError):
    def __init__(self, line: int, text: str) -> None:
        super().__init__(f"Cannot read line {line}: {text[:200]}")
        self.line = line


def _read(text: str, zone: str, default_ttl: int) -> dns.zone.Zone:
    """The text read as a zone of the root (so that a name outside ``zone`` is kept, to be
    refused, where a zone of ``zone`` would drop it), with ``$ORIGIN`` the zone and its default
    TTL on two lines of their own before it: error lines are shifted back."""
    import dns.exception
    import dns.name
    import dns.zone

    try:
        return dns.zone.from_text(
            f"$ORIGIN {zone}.\n$TTL {default_ttl}\n{text}",
            origin=dns.name.root,
            relativize=False,
            check_origin=False,
        )
    except dns.exception.DNSException as exc:
        found = _LINE.search(str(exc))
        line = max(int(found.group(1)) - _ADDED_LINES, 1) if found else 1
        raise ZoneFileError(line, str(exc).rpartition(": ")[2] or type(exc).__name__) from None


def parse(text: str, zone: str, default_ttl: int) -> dict[tuple[str, str], dict[str, Any]]:
    """The recordsets the text describes, keyed by (name, type), each value checked."""
    import dns.name
    import dns.rdatatype

    origin = dns.name.from_text(zone + ".")
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for owner, node in _read(text, zone, default_ttl).nodes.items():
        if not owner.is_subdomain(origin):
            raise rules.RuleBroken(["body", "zone_file"], f"{owner} is not in the zone {zone}")
        relative = owner.relativize(origin).to_text().lower()
        name = "@" if relative == "@" else relative
        for rdataset in node:
            rtype = dns.rdatatype.to_text(rdataset.rdtype)
            values = rules.values(rtype, [rdata.to_text() for rdata in rdataset])
            found[(name, rtype)] = recordset(name, rtype, rdataset.ttl, values)
    return found


def check_placements(table: dict[tuple[str, str], dict[str, Any]]) -> None:
    """The CNAME rules over a whole zone (``rules.RuleBroken`` at the first broken)."""
    for (name, rtype), item in table.items():
        beside = [t for (n, t) in table if n == name and t != rtype]
        rules.placement(rtype, name, [r["value"] for r in item["records"]], beside)
