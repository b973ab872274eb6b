"""The DNS change engine's I/O: every DNS write of misaka_io goes through ``DnsRecords``.

The API has no upsert (create on an existing recordset is 409, append on a missing one 404),
no way to remove one value (a PUT with no records is 422), no zone lookup, no name
normalisation, no batch and no conditional requests. ``DnsRecords`` and ``AsyncDnsRecords``
fill those gaps, holding the zone's lock (``_recordset_lock``: one lock per zone of an API,
for a single recordset and a batch alike) while they read and write:
- one recordset (``add``, ``remove``, ``set``): read just before the write, read back after,
  and write again (merged with what another writer changed, at most five writes) until it
  shows what was asked; a write whose answer was lost is not resent blindly;
- a batch (``apply``: an octoDNS plan, a zone file, several names at once): the zone is listed
  once, every change planned and checked before the first write, one write per changed
  recordset, one read-back listing at the end; a failure midway is undone in reverse.
Every workflow is safe to run twice. All decisions are pure functions: normalising, finding
the zone and planning in ``_dns_plans``, batches in ``_dns_batch``, judging each write in
``_dns_writes``. The two classes only do the I/O.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from misaka_io._async_dns_records import AsyncDnsRecords
from misaka_io._dns_batch import (
    BatchFailedError,
    BatchOutcome,
    BatchPlan,
    BatchRefusedError,
    Step,
    Wanted,
    check_guard,
    differences,
    landed,
    plan_batch,
    undo_failed,
)
from misaka_io._dns_plans import (
    Change,
    Current,
    DnsInputError,
    Listing,
    Outcome,
    Plan,
    Planner,
    Target,
    ZoneNotFoundError,
    check_beside,
    check_ttl,
    checked_values,
    course_of,
    current_of,
    lock_key,
    needs_neighbours,
    normalise_fqdn,
    normalise_type,
    normalise_values,
    outcome_of,
    plan_add,
    plan_of,
    plan_remove,
    plan_set,
    relative_name,
    write_body,
    zone_for,
)
from misaka_io._dns_writes import ConcurrentChangeError, maybe_done
from misaka_io._exceptions import ConflictError, MisakaError, NotFoundError
from misaka_io._options import NOT_GIVEN, NotGiven
from misaka_io._pagination import every_item
from misaka_io._recordset_lock import (
    LOCK_WAIT,
    LockDirectoryError,
    Locking,
    RecordsetBusyError,
    RecordsetLock,
)
from misaka_io._shared_lock import LeaseLostError, SharedLockUnavailableError
from misaka_io_generated.models import RecordSet, ZoneCreate

log = logging.getLogger("misaka_io")

if TYPE_CHECKING:
    from misaka_io._client import Misaka

__all__ = [
    "AsyncDnsRecords",
    "BatchFailedError",
    "BatchOutcome",
    "BatchPlan",
    "BatchRefusedError",
    "Change",
    "ConcurrentChangeError",
    "Current",
    "DnsInputError",
    "DnsRecords",
    "LeaseLostError",
    "LockDirectoryError",
    "Outcome",
    "Plan",
    "RecordsetBusyError",
    "SharedLockUnavailableError",
    "Target",
    "Wanted",
    "ZoneNotFoundError",
    "normalise_fqdn",
    "normalise_type",
    "plan_add",
    "plan_remove",
    "plan_set",
    "relative_name",
    "zone_for",
]


class DnsRecords:
    """The DNS change engine on a ``Misaka`` client: ``DnsRecords(client).add("_acme-challenge.
    example.net", "TXT", ["token"])``. Zones are listed once per instance.

    ``lock_dir``: where the locks between processes go (None: none, only the lock within this
    process; left out: ``$MISAKA_LOCK_DIR``, else the user's cache); ``lock_wait``: the
    seconds a write waits for another writer of its zone; ``lock_url``: the Redis that
    writers on several machines share (``redis://`` or ``rediss://``; left out:
    ``$MISAKA_LOCK_URL``; None: none)."""

    def __init__(
        self,
        client: Misaka,
        *,
        lock_dir: str | os.PathLike[str] | NotGiven | None = NOT_GIVEN,
        lock_wait: float = LOCK_WAIT,
        lock_url: str | NotGiven | None = NOT_GIVEN,
    ) -> None:
        self._client = client
        self._zones: tuple[str, ...] | None = None
        self._locking = Locking.of(lock_dir, lock_wait, url=lock_url)
        self._careful: Misaka | None = None

    def zones(self) -> tuple[str, ...]:
        if self._zones is None:
            self._zones = tuple(z.name for z in every_item(self._client.dns.list_zones))
        return self._zones

    def target(self, name: str, rtype: str, *, zone: str | None = None) -> Target:
        """Where ``name`` lives: in ``zone`` when given, else in the longest matching zone."""
        rtype = normalise_type(rtype)
        if zone is None:
            zone = zone_for(name, self.zones())
        return Target(normalise_fqdn(zone), relative_name(name, zone), rtype)

    def get(self, target: Target) -> RecordSet | None:
        try:
            return self._client.dns.get_recordset(target.zone, target.name, target.type)
        except NotFoundError:
            return None

    def list(
        self, name: str, rtype: str | None = None, *, zone: str | None = None
    ) -> list[RecordSet]:
        """The recordsets of a name (all of the zone when ``name`` is the zone itself)."""
        plan = Listing.of(name, rtype, zone or zone_for(name, self.zones()))
        found = every_item(self._client.dns.list_recordsets, plan.zone, **plan.query)
        return [r for r in found if plan.keeps(r)]

    def plan(
        self,
        kind: Planner,
        name: str,
        rtype: str,
        values: Iterable[str] = (),
        *,
        ttl: int | None = None,
        zone: str | None = None,
    ) -> Plan:
        """What ``add``, ``remove`` or ``set`` (``kind``) would do now; reads, sends nothing."""
        target = self.target(name, rtype, zone=zone)
        wanted = values if kind == "remove" else checked_values(target, values)
        before = current_of(self.get(target))
        change = plan_of(kind, before, target, normalise_values(wanted), check_ttl(ttl))
        if needs_neighbours(kind, target, change):
            check_beside(target, change, before, self._types_beside(target))
        return Plan(target, before, change)

    def add(
        self,
        name: str,
        rtype: str,
        values: Iterable[str],
        *,
        ttl: int | None = None,
        zone: str | None = None,
        force: bool = False,
    ) -> Outcome:
        """Add values (create the recordset when missing); values already there are kept.
        ``force``: allow the apex SOA and NS."""
        target = self.target(name, rtype, zone=zone)
        return self._run("add", target, checked_values(target, values), check_ttl(ttl), force)

    def remove(
        self,
        name: str,
        rtype: str,
        values: Iterable[str] = (),
        *,
        zone: str | None = None,
        force: bool = False,
    ) -> Outcome:
        """Remove values (all when none are given); a missing value is not an error."""
        return self._run("remove", self.target(name, rtype, zone=zone), values, None, force)

    def set(
        self,
        name: str,
        rtype: str,
        values: Iterable[str],
        *,
        ttl: int | None = None,
        zone: str | None = None,
        force: bool = False,
    ) -> Outcome:
        """Make the recordset hold exactly these values (none: delete it)."""
        target = self.target(name, rtype, zone=zone)
        return self._run("set", target, checked_values(target, values), check_ttl(ttl), force)

    def plan_zone(
        self, zone: str, wanted: Iterable[Wanted], *, force: bool = False, prune: bool = False
    ) -> BatchPlan:
        """What ``apply`` would write now: the zone listed once, every change checked
        (``BatchRefusedError`` naming each refused one); sends nothing."""
        zone = normalise_fqdn(zone)
        return plan_batch(zone, self._zone(zone), list(wanted), force=force, prune=prune)

    def apply(
        self,
        zone: str,
        wanted: Iterable[Wanted],
        *,
        force: bool = False,
        prune: bool = False,
        create: bool = False,
    ) -> BatchOutcome:
        """Make ``zone`` hold the ``wanted`` recordsets, as one batch under the zone's lock:
        listed once, checked whole before the first write (``BatchRefusedError``), one write
        per changed recordset, one read-back; a write that fails undoes those made before it
        (``BatchFailedError``). ``force``: the apex SOA and NS may change; ``prune``: the
        zone's other recordsets are deleted (the apex SOA and NS stay); ``create``: the zone
        is created first, under its lock (one that exists already is fine)."""
        zone, wanted = normalise_fqdn(zone), list(wanted)
        with self._locking.lock(*lock_key(self._client.base_url, zone)) as held:
            listing = self._listing_for(zone, create)
            plan = plan_batch(zone, listing or (), wanted, force=force, prune=prune)
            if listing is None:  # a new zone, made only once its batch passed the checks
                held.ensure_held()
                self._create_zone(zone)
                plan = plan_batch(zone, self._zone(zone), wanted, force=force, prune=prune)
            for index, step in enumerate(plan.steps):
                try:
                    held.ensure_held()
                    self._apply(step.target, step.change)
                except MisakaError as error:
                    if self._made_anyway(step, error):
                        continue
                    made = plan.steps[:index]
                    undone = [s for s in reversed(made) if self._put_back(s, held)]
                    raise BatchFailedError(
                        step, error, made, undone, plan.steps[index + 1 :]
                    ) from error
            after = self._zone(zone) if plan.steps else []
            return BatchOutcome(plan, differences(plan, after))

    def _zone(self, zone: str) -> Sequence[RecordSet]:
        return list(every_item(self._client.dns.list_recordsets, zone))

    def _listing_for(self, zone: str, create: bool) -> Sequence[RecordSet] | None:
        """The zone's recordsets; None when it does not exist and ``create`` may make it."""
        try:
            return self._zone(zone)
        except NotFoundError:
            if not create:
                raise
            return None

    def _create_zone(self, zone: str) -> None:
        with contextlib.suppress(ConflictError):  # made meanwhile: fine
            self._client.dns.create_zone(body=ZoneCreate(name=zone))
        self._zones = None  # the account's zones changed: list them again when asked

    def _made_anyway(self, step: Step, error: MisakaError) -> bool:
        """Whether a write that raised ``error`` was made all the same (its answer lost), as
        a read shows; False when it cannot have been, or the read fails too."""
        if not maybe_done(error):
            return False
        try:
            return landed(step, self.get(step.target))
        except MisakaError:
            return False

    def _put_back(self, step: Step, held: RecordsetLock) -> bool:
        """Undo ``step`` (only while the lock is still held); False when that failed."""
        undo = Step(step.target, None, step.undo())
        try:
            held.ensure_held()
            self._apply(step.target, undo.change)
        except MisakaError as error:
            return self._made_anyway(undo, error) or undo_failed(step, error)
        return True

    def _run(
        self, kind: Planner, target: Target, values: Iterable[str], ttl: int | None, force: bool
    ) -> Outcome:
        course = course_of(kind, target, normalise_values(values), ttl)
        with self._locking.lock(*lock_key(self._client.base_url, target.zone)) as held:
            found = self.get(target)
            while (change := course.next(found)) is not None:
                check_guard(target, change, force)
                if needs_neighbours(kind, target, change):
                    check_beside(target, change, current_of(found), self._types_beside(target))
                held.ensure_held()
                try:
                    course.answered(change, self._apply(target, change))
                except MisakaError as error:
                    if not course.failed(change, error):
                        raise
                found = self.get(target)  # the read-back, and the read before a next write
            return outcome_of(target, course, found)

    def _types_beside(self, target: Target) -> tuple[str, ...]:
        """The name's types that matter to the CNAME rules: all of them for a CNAME (one
        listing), else whether it has a CNAME (one read)."""
        if target.type == "CNAME":
            return tuple(r.type_ for r in self.list(target.fqdn, zone=target.zone))
        return ("CNAME",) if self.get(Target(target.zone, target.name, "CNAME")) else ()

    def _apply(self, target: Target, change: Change) -> RecordSet | None:
        dns, where = self._client.dns, (target.zone, target.name, target.type)
        if change.action == "delete":
            dns.delete_recordset(*where)
            return None
        if change.action == "create":
            return dns.create_recordset(*where, body=write_body(change))
        if self._careful is None:  # a PUT whose answer was lost is read for, not sent again
            self._careful = self._client.with_options(resend_unanswered=False)
        append = change.action == "append"
        return self._careful.dns.update_recordset(*where, body=write_body(change), append=append)
