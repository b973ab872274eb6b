"""An octoDNS provider for Misaka DNS: ``misaka_io.octodns.MisakaProvider``.

Install it with ``pip install 'misaka-io[octodns]'`` and name it in an octoDNS config::

    providers:
      misaka:
        class: misaka_io.octodns.MisakaProvider
        api_token: env/MISAKA_API_TOKEN
        # base_url: https://api.misaka.io   (optional)

The API keeps each value of a recordset in its presentation form (the text of a zone file),
which is what octoDNS's ``Rrset`` carries, so records pass through ``Record.from_rrset`` and
``Record.to_rrset`` unchanged. Two of the API's ways are evened out when reading: a name in a
value may come without its trailing dot (the recorded apex NS does), and a TXT value may come
without quotes (Lexicon's recordings) or with them (Misaka's acme.sh hook). Writes go through
``DnsRecords.set`` of the DNS workflows, so values are checked before anything is sent and
concurrent writers on this machine do not lose each other's values. The apex SOA is never
read or written; the apex NS is left alone (``SUPPORTS_ROOT_NS = False``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from octodns.provider.base import BaseProvider
from octodns.record import Create, Delete, Record, Update
from octodns.record.rr import Rrset

from misaka_io._client import Misaka
from misaka_io._exceptions import NotFoundError
from misaka_io._pagination import every_item
from misaka_io.dns_records import DnsRecords
from misaka_io_generated.models import RecordSet, ZoneCreate
from misaka_io_generated.types import Unset

__all__ = ["MisakaProvider"]

# Types whose values hold a domain name, and where in the value that name stands (the index of
# the whitespace-separated field that is the name).
_NAME_FIELD = {"CNAME": 0, "NS": 0, "PTR": 0, "ALIAS": 0, "DNAME": 0, "MX": 1, "SRV": 3}


def _absolute(rtype: str, value: str) -> str:
    """A value whose name lacks its trailing dot gets it: the API's names are absolute."""
    index = _NAME_FIELD.get(rtype)
    if index is None:
        return value
    fields = value.split()
    if len(fields) > index and fields[index] != "." and not fields[index].endswith("."):
        fields[index] += "."
    return " ".join(fields)


def _quoted(rtype: str, value: str) -> str:
    """A TXT value stored without quotes is one string: quote it, escaping what must be."""
    if rtype not in ("TXT", "SPF") or value.startswith('"'):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def rrset_of(recordset: RecordSet, zone_name: str) -> Rrset:
    """The octoDNS ``Rrset`` of one recordset read from the API (``zone_name`` ends in a dot)."""
    rtype = recordset.type_.upper()
    owner = zone_name if recordset.name == "@" else f"{recordset.name}.{zone_name}"
    records = [] if isinstance(recordset.records, Unset) else recordset.records
    values = [_quoted(rtype, _absolute(rtype, r.value)) for r in records]
    ttl = 0 if isinstance(recordset.ttl, Unset) else recordset.ttl
    return Rrset(owner, rtype, ttl, values)


class MisakaProvider(BaseProvider):  # type: ignore[misc]  # octoDNS ships no type hints
    """octoDNS provider for the zones of one Misaka account."""

    SUPPORTS_GEO = False
    SUPPORTS_DYNAMIC = False
    SUPPORTS_ROOT_NS = False
    SUPPORTS_MULTIVALUE_PTR = True
    # The record types the spec names as known (its RecordType parameter); a test keeps them
    # equal to the spec's list, less SOA, which octoDNS does not manage.
    SUPPORTS = frozenset({"A", "AAAA", "ALIAS", "CAA", "CNAME", "MX", "NS", "PTR", "SRV", "TXT"})

    def __init__(
        self,
        id: str,  # octoDNS's name for it
        api_token: str,
        base_url: str | None = None,
        *args: Any,
        client: Misaka | None = None,
        **kwargs: Any,
    ) -> None:
        self.log = logging.getLogger(f"MisakaProvider[{id}]")
        super().__init__(id, *args, **kwargs)
        self._client = client or Misaka(api_token=api_token, base_url=base_url)
        self._records = DnsRecords(self._client)

    def populate(self, zone: Any, target: bool = False, lenient: bool = False) -> bool:
        """Add the zone's records to ``zone``; False when the account has no such zone."""
        name = zone.name.rstrip(".")
        try:
            found = list(every_item(self._client.dns.list_recordsets, name))
        except NotFoundError:
            self.log.info("populate: zone %s does not exist", name)
            return False
        before = len(zone.records)
        for recordset in found:
            rtype = recordset.type_.upper()
            if rtype not in self.SUPPORTS:
                self.log.debug("populate: skipping %s %s", recordset.name, rtype)
                continue
            rrset = rrset_of(recordset, zone.name)
            if not rrset.rdatas:
                continue
            record = Record.from_rrset(zone, rrset, lenient=lenient, source=self)
            zone.add_record(record, lenient=lenient)
        self.log.info("populate: found %d records in %s", len(zone.records) - before, name)
        return True

    def _apply(self, plan: Any) -> None:
        zone = plan.desired.name.rstrip(".")
        if not plan.exists:
            self.log.info("apply: creating zone %s", zone)
            self._client.dns.create_zone(body=ZoneCreate(name=zone))
        # Deletes first, so that a name can change from CNAME to another type and back.
        changes = sorted(plan.changes, key=lambda c: 0 if isinstance(c, Delete) else 1)
        for change in changes:
            if isinstance(change, Delete):
                self._write(zone, change.existing, ())
            elif isinstance(change, Create | Update):
                record = change.new
                self._write(zone, record, record.to_rrset().rdatas, ttl=record.ttl)

    def _write(self, zone: str, record: Any, values: Iterable[str], ttl: int | None = None) -> None:
        name = record.name or "@"
        self.log.debug("apply: %s %s <- %s", name, record._type, list(values))
        # The full name: a relative name of several labels (``a.b``) is refused with ``zone=``.
        fqdn = f"{zone}." if name == "@" else f"{name}.{zone}."
        self._records.set(fqdn, record._type, values, ttl=ttl, zone=zone)
