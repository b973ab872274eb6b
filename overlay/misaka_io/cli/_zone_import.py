"""``misaka dns import-zone ZONE FILE``: a zone file written through the DNS change engine.

dnspython reads the file (``-`` for stdin); the zone is listed once and the whole import
planned and checked before the first write, every refused record named, nothing sent when
one is. Without ``--replace`` the file's values are added to the zone's; with it, the zone
holds exactly the file. The file's apex SOA and NS (an exported zone has them: the old
provider's) are left out, with a note, and the zone keeps its own; with ``--force`` they
replace the zone's. Values that would go are confirmed first (``--yes`` without a
terminal); ``--dry-run`` prints the writes and sends none.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any

import click

from misaka_io.cli import _guard
from misaka_io.cli._app import current_app, output_options
from misaka_io.cli._output import emit
from misaka_io.cli._terminal import display

if TYPE_CHECKING:
    from misaka_io.dns_records import BatchPlan, Wanted


def _apex_guarded(zone: str, wanted: list[Wanted], force: bool) -> list[Wanted]:
    """The file's recordsets less its apex SOA and NS (what the spec guards), said on
    stderr; with ``force``, those replace the zone's own instead of adding to them."""
    from misaka_io._dns_batch import guarded
    from misaka_io.dns_records import Target, Wanted, relative_name

    def apex(item: Wanted) -> bool:
        name = relative_name(item.name, zone)
        return guarded(Target(zone, name, item.type.upper()), "replace")

    kept = [w for w in wanted if not apex(w)]
    guarded_ones = [w for w in wanted if apex(w)]
    if guarded_ones and not force:
        types = ", ".join(sorted({w.type for w in guarded_ones}))
        click.echo(
            f"left out the file's apex {types}: {zone} keeps its own (--force writes them)",
            err=True,
        )
        return kept
    return kept + [Wanted(w.name, w.type, w.values, w.ttl, "set") for w in guarded_ones]


def _writes(plan: BatchPlan) -> list[dict[str, Any]]:
    return [
        {
            "action": step.change.action,
            "name": step.target.name,
            "type": step.target.type,
            "old_values": list(step.before.values) if step.before is not None else [],
            "new_values": list(step.after),
            "ttl": step.change.ttl,
        }
        for step in plan.steps
    ]


@click.command("import-zone")
@output_options
@click.argument("zone")
@click.argument("file", metavar="FILE", type=click.File("r", encoding="utf-8"))
@click.option(
    "--replace",
    is_flag=True,
    help="Make the zone hold exactly the file: its other recordsets are deleted "
    "(the apex SOA and NS stay unless the file has them).",
)
@_guard.flags(yes=True, force=True)
def import_zone(
    zone: str, file: IO[str], replace: bool, dry_run: bool, yes: bool, force: bool
) -> None:
    """Write the records of a zone file (RFC 1035) into ZONE: checked whole first, one
    request per changed recordset; values are added unless --replace."""
    from misaka_io._exceptions import NotFoundError
    from misaka_io._zone_file import wanted_of
    from misaka_io.cli._dns import _records
    from misaka_io.dns_records import (
        BatchFailedError,
        BatchRefusedError,
        ZoneNotFoundError,
        normalise_fqdn,
    )

    app = current_app()
    records = _records()
    zone = normalise_fqdn(zone)
    try:
        settings = app.client().dns.get_zone_settings(zone)
    except NotFoundError:
        raise ZoneNotFoundError(f"no zone {zone} in this account (nothing was sent)") from None
    wanted = wanted_of(file.read(), zone, settings.default_ttl, "set" if replace else "add")
    wanted = _apex_guarded(zone, wanted, force)
    try:
        plan = records.plan_zone(zone, wanted, force=force, prune=replace)
    except BatchRefusedError as refused:
        for line in refused.refused:  # one per line; the error's own line sums them up
            click.echo(f"  refused: {display(line)}", err=True)
        hint = " (--force for the apex SOA and NS)" if "only with force" in str(refused) else ""
        raise click.UsageError(
            f"{len(refused.refused)} change(s) to {zone} refused, nothing was sent{hint}"
        ) from None
    if dry_run:
        emit(app, {"dry_run": True, "zone": zone, "writes": _writes(plan)})
        return
    losing = [s for s in plan.steps if s.change.action in ("replace", "delete")]
    if losing:
        _guard.confirm(f"change or delete {len(losing)} recordset(s) of {zone}", yes=yes)
    try:
        outcome = records.apply(zone, wanted, force=force, prune=replace)
    except BatchFailedError as failed:
        for line in str(failed).splitlines()[1:]:  # the lists; the error's line says what failed
            click.echo(f"  {display(line)}", err=True)
        raise
    emit(
        app,
        {
            "zone": zone,
            "writes": _writes(outcome.plan),
            "unchanged": outcome.plan.unchanged,
            "differences": list(outcome.differences),
        },
    )
