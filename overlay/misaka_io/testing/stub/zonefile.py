"""Reading the RFC 1035 master-file text of Import Zone into recordsets.

A deliberately small reader: ``$TTL`` and ``$ORIGIN`` lines, comments, an optional TTL and
class per record, names relative to the zone or absolute with a trailing dot. A line it
cannot read raises ``ZoneFileError`` with its number.
"""

from __future__ import annotations

from typing import Any

from misaka_io.testing.stub.zones import recordset

KNOWN_TYPES = frozenset(
    {"A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV", "CAA", "PTR", "ALIAS", "SOA"}
)


class ZoneFileError(ValueError):
    def __init__(self, line: int, text: str) -> None:
        super().__init__(f"Cannot read line {line}: {text.strip()[:80]!r}")
        self.line = line


def _relative(name: str, zone: str) -> str:
    if not name.endswith("."):
        return name
    name = name[:-1].lower()
    return "@" if name == zone else name.removesuffix("." + zone)


def parse(text: str, zone: str, default_ttl: int) -> dict[tuple[str, str], dict[str, Any]]:
    """The recordsets the text describes, keyed by (name, type)."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    ttl = default_ttl
    for number, raw in enumerate(text.splitlines(), start=1):
        words = raw.split(";", 1)[0].split()
        if not words:
            continue
        directive = words[0].upper()
        if directive == "$TTL" and len(words) == 2 and words[1].isdigit():
            ttl = int(words[1])
            continue
        if directive == "$ORIGIN":
            continue
        name = "@" if raw[0].isspace() else _relative(words.pop(0), zone)
        record_ttl = int(words.pop(0)) if words and words[0].isdigit() else ttl
        if words and words[0].upper() == "IN":
            words.pop(0)
        if len(words) < 2 or words[0].upper() not in KNOWN_TYPES:
            raise ZoneFileError(number, raw)
        rtype = words[0].upper()
        entry = found.setdefault((name, rtype), recordset(name, rtype, record_ttl, []))
        entry["records"].append({"value": " ".join(words[1:])})
    return found
