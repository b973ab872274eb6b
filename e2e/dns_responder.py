"""A small authoritative DNS responder that answers TXT questions from the stub's recordsets.

pebble (the ACME test server) is pointed at it with ``-dnsserver``, so a dns-01 challenge is
checked against what the plugin or the hooks really stored through the API. Only TXT is
answered; any other question gets an empty answer, a name outside every zone NXDOMAIN.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import dns.rdata
import dns.rdataclass
import dns.rdatatype
from dnslib import QTYPE, RCODE, RR, TXT, DNSRecord
from dnslib.server import BaseResolver, DNSLogger, DNSServer

from misaka_io import Misaka
from misaka_io.dns_records import DnsRecords, ZoneNotFoundError

log = logging.getLogger(__name__)


def txt_strings(value: str) -> list[bytes]:
    """The character-strings of a TXT value as the API keeps it: quoted presentation text
    (``"a" "b"``), or one bare string (``token``)."""
    if not value.startswith('"'):
        return [value.encode()]
    rdata = dns.rdata.from_text(dns.rdataclass.IN, dns.rdatatype.TXT, value)
    return list(rdata.strings)  # type: ignore[attr-defined]


class StubResolver(BaseResolver):  # type: ignore[misc]
    def __init__(self, client: Misaka) -> None:
        self._records = DnsRecords(client)

    def resolve(self, request: DNSRecord, handler: object) -> DNSRecord:
        reply = request.reply()
        name = str(request.q.qname).rstrip(".")
        try:
            target = self._records.target(name, "TXT")
        except ZoneNotFoundError:
            reply.header.rcode = RCODE.NXDOMAIN
            return reply
        if request.q.qtype != QTYPE.TXT:
            return reply
        found = self._records.get(target)
        for record in [] if found is None else found.records:
            strings = txt_strings(record.value)
            reply.add_answer(RR(request.q.qname, QTYPE.TXT, ttl=1, rdata=TXT(strings)))
        log.info("answered %s TXT with %d values", name, len(reply.rr))
        return reply


@contextmanager
def serve_dns(client: Misaka, port: int) -> Iterator[int]:
    """Serve the stub's TXT records on 127.0.0.1:``port`` (UDP) while the block runs."""
    quiet = DNSLogger(log="-request,-reply,-truncated,-error,-recv,-send,-data")
    server = DNSServer(StubResolver(client), address="127.0.0.1", port=port, logger=quiet)
    server.start_thread()
    try:
        yield port
    finally:
        server.stop()
