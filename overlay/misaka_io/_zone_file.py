"""A zone file (RFC 1035 master format) as the recordsets a DNS batch wants; no I/O here.

dnspython reads the text (``$TTL``, ``$ORIGIN``, parentheses, quoted TXT with its ``;``,
escapes), so what ``misaka dns import-zone`` sends is what a name server would load; names
are made relative to the zone and values absolute (``mail`` in an MX becomes
``mail.example.net.``), each recordset one ``Wanted`` for ``DnsRecords.apply``.
"""

from __future__ import annotations

import re

import dns.exception
import dns.name
import dns.zone

from misaka_io._dns_batch import Mode, Wanted
from misaka_io._dns_plans import DnsInputError

__all__ = ["ZoneFileError", "wanted_of"]

_LINE = re.compile(r"<string>:(\d+):")


class ZoneFileError(DnsInputError):
    """A zone file dnspython cannot read; nothing was sent."""


def wanted_of(text: str, zone: str, default_ttl: int, mode: Mode = "set") -> list[Wanted]:
    """The recordsets of ``text``, a zone file of ``zone``; a record without a TTL (and no
    ``$TTL`` before it) gets ``default_ttl``, the zone's."""
    origin = dns.name.from_text(zone)
    try:
        parsed = dns.zone.from_text(
            f"$TTL {default_ttl}\n{text.rstrip(chr(10))}\n",
            origin=origin,
            relativize=False,
            check_origin=False,
            allow_include=False,
        )
    except dns.exception.DNSException as exc:
        # dnspython counts the $TTL line put first, and for some errors the line break read
        # after the faulty line too: the file's line is the one given, or the one before.
        lines = max(text.count("\n") + (not text.endswith("\n")), 1)
        said = _LINE.sub(
            lambda m: f"near line {min(max(int(m.group(1)) - 1, 1), lines)}:", str(exc)
        )
        raise ZoneFileError(f"the zone file cannot be read: {said}") from None
    wanted = []
    for name, rdataset in parsed.iterate_rdatasets():
        values = tuple(r.to_text(origin=dns.name.root, relativize=False) for r in rdataset)
        rtype = dns.rdatatype.to_text(rdataset.rdtype)
        wanted.append(Wanted(name.to_text(), rtype, values, rdataset.ttl, mode))
    return wanted
