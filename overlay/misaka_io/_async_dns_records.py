"""``AsyncDnsRecords``: the DNS change engine's I/O for ``AsyncMisaka``, awaited.

Every decision is ``DnsRecords``'s (``_dns_plans``, ``_dns_batch``, ``_dns_writes``); this
module only awaits the same reads and writes under the zone's lock. ``dns_records`` exports it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from misaka_io._dns_batch import (
    BatchFailedError,
    BatchOutcome,
    BatchPlan,
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
    Listing,
    Outcome,
    Plan,
    Planner,
    Target,
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
    plan_of,
    relative_name,
    write_body,
    zone_for,
)
from misaka_io._dns_writes import maybe_done
from misaka_io._exceptions import ConflictError, MisakaError, NotFoundError
from misaka_io._options import NOT_GIVEN, NotGiven
from misaka_io._pagination import every_item_async
from misaka_io._recordset_lock import LOCK_WAIT, Locking, RecordsetLock
from misaka_io_generated.models import RecordSet, ZoneCreate

if TYPE_CHECKING:
    from misaka_io._client import AsyncMisaka

__all__ = ["AsyncDnsRecords"]


class AsyncDnsRecords:
    """``DnsRecords`` for ``AsyncMisaka``: the same decisions, awaited calls."""

    def __init__(
        self,
        client: AsyncMisaka,
        *,
        lock_dir: str | os.PathLike[str] | NotGiven | None = NOT_GIVEN,
        lock_wait: float = LOCK_WAIT,
        lock_url: str | NotGiven | None = NOT_GIVEN,
    ) -> None:
        self._client = client
        self._zones: tuple[str, ...] | None = None
        self._locking = Locking.of(lock_dir, lock_wait, url=lock_url)
        self._careful: AsyncMisaka | None = None

    async def zones(self) -> tuple[str, ...]:
        if self._zones is None:
            self._zones = tuple(
                [z.name async for z in every_item_async(self._client.dns.list_zones)]
            )
        return self._zones

    async def target(self, name: str, rtype: str, *, zone: str | None = None) -> Target:
        rtype = normalise_type(rtype)
        if zone is None:
            zone = zone_for(name, await self.zones())
        return Target(normalise_fqdn(zone), relative_name(name, zone), rtype)

    async def get(self, target: Target) -> RecordSet | None:
        try:
            return await self._client.dns.get_recordset(target.zone, target.name, target.type)
        except NotFoundError:
            return None

    async def list(
        self, name: str, rtype: str | None = None, *, zone: str | None = None
    ) -> list[RecordSet]:
        plan = Listing.of(name, rtype, zone or zone_for(name, await self.zones()))
        found = every_item_async(self._client.dns.list_recordsets, plan.zone, **plan.query)
        return [r async for r in found if plan.keeps(r)]

    async def plan(
        self,
        kind: Planner,
        name: str,
        rtype: str,
        values: Iterable[str] = (),
        *,
        ttl: int | None = None,
        zone: str | None = None,
    ) -> Plan:
        target = await self.target(name, rtype, zone=zone)
        wanted = values if kind == "remove" else checked_values(target, values)
        before = current_of(await self.get(target))
        change = plan_of(kind, before, target, normalise_values(wanted), check_ttl(ttl))
        if needs_neighbours(kind, target, change):
            check_beside(target, change, before, await self._types_beside(target))
        return Plan(target, before, change)

    async def add(
        self,
        name: str,
        rtype: str,
        values: Iterable[str],
        *,
        ttl: int | None = None,
        zone: str | None = None,
        force: bool = False,
    ) -> Outcome:
        target = await self.target(name, rtype, zone=zone)
        values = checked_values(target, values)
        return await self._run("add", target, values, check_ttl(ttl), force)

    async def remove(
        self,
        name: str,
        rtype: str,
        values: Iterable[str] = (),
        *,
        zone: str | None = None,
        force: bool = False,
    ) -> Outcome:
        target = await self.target(name, rtype, zone=zone)
        return await self._run("remove", target, values, None, force)

    async def set(
        self,
        name: str,
        rtype: str,
        values: Iterable[str],
        *,
        ttl: int | None = None,
        zone: str | None = None,
        force: bool = False,
    ) -> Outcome:
        target = await self.target(name, rtype, zone=zone)
        values = checked_values(target, values)
        return await self._run("set", target, values, check_ttl(ttl), force)

    async def plan_zone(
        self, zone: str, wanted: Iterable[Wanted], *, force: bool = False, prune: bool = False
    ) -> BatchPlan:
        zone = normalise_fqdn(zone)
        return plan_batch(zone, await self._zone(zone), list(wanted), force=force, prune=prune)

    async def apply(
        self,
        zone: str,
        wanted: Iterable[Wanted],
        *,
        force: bool = False,
        prune: bool = False,
        create: bool = False,
    ) -> BatchOutcome:
        zone, wanted = normalise_fqdn(zone), list(wanted)
        async with self._locking.lock(*lock_key(self._client.base_url, zone)) as held:
            listing = await self._listing_for(zone, create)
            plan = plan_batch(zone, listing or (), wanted, force=force, prune=prune)
            if listing is None:
                held.ensure_held()
                await self._create_zone(zone)
                plan = plan_batch(zone, await self._zone(zone), wanted, force=force, prune=prune)
            for index, step in enumerate(plan.steps):
                try:
                    held.ensure_held()
                    await self._apply(step.target, step.change)
                except MisakaError as error:
                    if await self._made_anyway(step, error):
                        continue
                    made = plan.steps[:index]
                    undone = [s for s in reversed(made) if await self._put_back(s, held)]
                    raise BatchFailedError(
                        step, error, made, undone, plan.steps[index + 1 :]
                    ) from error
            after = await self._zone(zone) if plan.steps else []
            return BatchOutcome(plan, differences(plan, after))

    async def _zone(self, zone: str) -> Sequence[RecordSet]:
        return [r async for r in every_item_async(self._client.dns.list_recordsets, zone)]

    async def _listing_for(self, zone: str, create: bool) -> Sequence[RecordSet] | None:
        try:
            return await self._zone(zone)
        except NotFoundError:
            if not create:
                raise
            return None

    async def _create_zone(self, zone: str) -> None:
        with contextlib.suppress(ConflictError):
            await self._client.dns.create_zone(body=ZoneCreate(name=zone))
        self._zones = None

    async def _made_anyway(self, step: Step, error: MisakaError) -> bool:
        if not maybe_done(error):
            return False
        try:
            return landed(step, await self.get(step.target))
        except MisakaError:
            return False

    async def _put_back(self, step: Step, held: RecordsetLock) -> bool:
        undo = Step(step.target, None, step.undo())
        try:
            held.ensure_held()
            await self._apply(step.target, undo.change)
        except MisakaError as error:
            return await self._made_anyway(undo, error) or undo_failed(step, error)
        return True

    async def _run(
        self, kind: Planner, target: Target, values: Iterable[str], ttl: int | None, force: bool
    ) -> Outcome:
        course = course_of(kind, target, normalise_values(values), ttl)
        async with self._locking.lock(*lock_key(self._client.base_url, target.zone)) as held:
            found = await self.get(target)
            while (change := course.next(found)) is not None:
                check_guard(target, change, force)
                if needs_neighbours(kind, target, change):
                    beside = await self._types_beside(target)
                    check_beside(target, change, current_of(found), beside)
                held.ensure_held()
                try:
                    course.answered(change, await self._apply(target, change))
                except MisakaError as error:
                    if not course.failed(change, error):
                        raise
                found = await self.get(target)
            return outcome_of(target, course, found)

    async def _types_beside(self, target: Target) -> tuple[str, ...]:
        if target.type == "CNAME":
            return tuple(r.type_ for r in await self.list(target.fqdn, zone=target.zone))
        cname = await self.get(Target(target.zone, target.name, "CNAME"))
        return ("CNAME",) if cname else ()

    async def _apply(self, target: Target, change: Change) -> RecordSet | None:
        dns, where = self._client.dns, (target.zone, target.name, target.type)
        if change.action == "delete":
            await dns.delete_recordset(*where)
            return None
        if change.action == "create":
            return await dns.create_recordset(*where, body=write_body(change))
        if self._careful is None:
            self._careful = self._client.with_options(resend_unanswered=False)
        append = change.action == "append"
        return await self._careful.dns.update_recordset(
            *where, body=write_body(change), append=append
        )
