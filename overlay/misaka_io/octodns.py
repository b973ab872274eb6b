"""An octoDNS provider for Misaka DNS: ``misaka_io.octodns.MisakaProvider``.

Install it with ``pip install 'misaka-io[octodns]'`` and name it in an octoDNS config::

    providers:
      misaka:
        class: misaka_io.octodns.MisakaProvider
        api_token: env/MISAKA_API_TOKEN
        # base_url: https://api.misaka.io   (optional; also dns_base, timeout, max_retries,
        # and lock_url: redis://host:6379/0 for writers on several machines)

Planning checks every record as the API would (names, values, the TTL range of the spec):
what cannot be written is reported through octoDNS's ``supports_warn_or_except`` (an error
with ``strict_supports``, the default; else omitted with a warning), and a TTL outside the
range is clamped with a warning, so that a sync never fails halfway on a record it could
have refused up front. ``apply`` hands the whole plan to the DNS change engine
(``DnsRecords.apply``): the zone listed once, checked whole, one write per changed recordset,
undone in reverse when a write fails. ``populate`` reads values in their presentation form
(``dns_values.presentation_value``: names absolute, TXT quoted in 255-byte strings) and
skips, with a warning, a record octoDNS cannot represent rather than failing the zone. The
apex SOA is never read or written; the apex NS is left alone (``SUPPORTS_ROOT_NS = False``).
"""

from __future__ import annotations

import logging
from typing import Any

from octodns.provider.base import BaseProvider
from octodns.record import Create, Delete, Record, Update
from octodns.record.exception import RecordException
from octodns.record.rr import Rrset
from octodns.zone.base import DuplicateRecordException, SubzoneRecordException
from octodns.zone.exception import ZoneException

from misaka_io._client import Misaka
from misaka_io._dns_plans import DnsInputError, relative_name, ttl_range
from misaka_io._exceptions import NotFoundError
from misaka_io._options import NOT_GIVEN
from misaka_io._pagination import every_item
from misaka_io.dns_records import DnsRecords, Wanted
from misaka_io.dns_values import InvalidValueError, check_values, presentation_value
from misaka_io_generated.models import RecordSet
from misaka_io_generated.types import Unset

__all__ = ["MisakaProvider", "rrset_of"]

# Types whose values hold a domain name, and where in the value that name stands (the index of
# the whitespace-separated field that is the name): for types dnspython does not know.
_NAME_FIELD = {"CNAME": 0, "NS": 0, "PTR": 0, "ALIAS": 0, "DNAME": 0, "MX": 1, "SRV": 3}
# What octoDNS raises for a record it cannot represent (reading it, or adding it to a zone).
_UNREPRESENTABLE = (
    RecordException,
    SubzoneRecordException,
    DuplicateRecordException,
    ZoneException,
    ValueError,
)


def _absolute(rtype: str, value: str) -> str:
    """A value whose name lacks its trailing dot gets it: the API's names are absolute."""
    index = _NAME_FIELD.get(rtype)
    if index is None:
        return value
    fields = value.split()
    if len(fields) > index and fields[index] != "." and not fields[index].endswith("."):
        fields[index] += "."
    return " ".join(fields)


def presentation(rtype: str, value: str) -> str:
    """A value as read from the API in the presentation form octoDNS reads (dnspython's:
    names absolute, ``(192.0.2.1)`` as ``192.0.2.1``, TXT quoted in 255-byte strings); a
    type dnspython does not know with its name made absolute; a value dnspython cannot read
    as it is (``populate`` then skips the record)."""
    try:
        return _absolute(rtype, presentation_value(rtype, value))
    except InvalidValueError:
        return value


def rrset_of(recordset: RecordSet, zone_name: str) -> Rrset:
    """The octoDNS ``Rrset`` of one recordset read from the API (``zone_name`` ends in a dot)."""
    rtype = recordset.type_.upper()
    owner = zone_name if recordset.name == "@" else f"{recordset.name}.{zone_name}"
    records = [] if isinstance(recordset.records, Unset) else recordset.records
    values = [presentation(rtype, r.value) for r in records]
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
        dns_base: str | None = None,
        timeout: float | None = None,
        max_retries: int | None = None,
        lock_url: str | None = None,
        client: Misaka | None = None,
        **kwargs: Any,
    ) -> None:
        self.log = logging.getLogger(f"MisakaProvider[{id}]")
        super().__init__(id, *args, **kwargs)
        options: dict[str, Any] = {"api_token": api_token, "base_url": base_url}
        if dns_base is not None:
            options["dns_base_path"] = dns_base
        if timeout is not None:
            options["timeout"] = float(timeout)
        if max_retries is not None:
            options["max_retries"] = int(max_retries)
        self._client = client or Misaka(**options)
        # Without lock_url, $MISAKA_LOCK_URL as everywhere.
        self._records = DnsRecords(self._client, lock_url=lock_url or NOT_GIVEN)
        self._types = {cls: name for name, cls in Record.registered_types().items()}

    @property
    def client(self) -> Misaka:
        """The client this provider writes with."""
        return self._client

    def list_zones(self) -> list[str]:
        """The account's zones, as octoDNS names them (with the trailing dot)."""
        return sorted(f"{name.rstrip('.')}." for name in self._records.zones())

    def populate(self, zone: Any, target: bool = False, lenient: bool = False) -> bool:
        """Add the zone's records to ``zone``; False when the account has no such zone. A
        recordset octoDNS cannot represent is skipped with a warning."""
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
            try:
                record = Record.from_rrset(zone, rrset, lenient=lenient, source=self)
                zone.add_record(record, lenient=lenient)
            except _UNREPRESENTABLE as exc:
                self.log.warning(
                    "populate: skipping %s %s, which octoDNS cannot represent: %s",
                    rrset.name,
                    rtype,
                    exc,
                )
        self.log.info("populate: found %d records in %s", len(zone.records) - before, name)
        return True

    def _process_desired_zone(self, desired: Any) -> Any:
        """The API's rules at planning time: a record it would refuse is reported (an error
        with ``strict_supports``, else omitted); a TTL outside its range is clamped."""
        low, high = ttl_range()
        zone = desired.name.rstrip(".")
        for record in list(desired.records):
            problem = self._refusal(zone, record)
            if problem is not None:
                self.supports_warn_or_except(f"{record.fqdn}: {problem}", "omitting record")
                desired.remove_record(record)
                continue
            if not low <= record.ttl <= high:
                clamped = min(max(record.ttl, low), high)
                self.log.warning(
                    "TTL %s of %s is outside %d..%d, which Misaka DNS takes: using %d",
                    record.ttl,
                    record.fqdn,
                    low,
                    high,
                    clamped,
                )
                record = record.copy()
                record.ttl = clamped
                desired.add_record(record, replace=True)
        return super()._process_desired_zone(desired)

    def _refusal(self, zone: str, record: Any) -> str | None:
        """Why the API would refuse ``record`` (its name or a value), or None."""
        rtype = self._types.get(type(record), "")
        try:
            relative_name(record.fqdn, zone)
            check_values(rtype, record.to_rrset().rdatas)
        except (DnsInputError, InvalidValueError) as exc:
            return str(exc)
        return None

    def _apply(self, plan: Any) -> None:
        zone = plan.desired.name.rstrip(".")
        wanted = [self._wanted(change) for change in plan.changes]
        if not plan.exists:
            self.log.info("apply: creating zone %s (one made meanwhile is fine)", zone)
        outcome = self._records.apply(zone, wanted, create=not plan.exists)
        self.log.info(
            "apply: %d write(s) to %s, %d recordset(s) already as wanted",
            len(outcome.plan.steps),
            zone,
            outcome.plan.unchanged,
        )
        for difference in outcome.differences:
            self.log.warning("apply: read back from %s: %s", zone, difference)

    def _wanted(self, change: Any) -> Wanted:
        """The recordset an octoDNS change wants (a Delete: none)."""
        if isinstance(change, Delete):
            record = change.existing
            return Wanted(record.fqdn, self._types[type(record)])
        if not isinstance(change, Create | Update):  # pragma: no cover - octoDNS has no other
            raise TypeError(f"unknown octoDNS change {change!r}")
        record = change.new
        rrset = record.to_rrset()
        return Wanted(record.fqdn, self._types[type(record)], tuple(rrset.rdatas), rrset.ttl)
