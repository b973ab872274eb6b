"""``misaka dns import-zone ZONE FILE``: a zone file written through the DNS change engine.

dnspython reads the file (``-`` for stdin); the zone is listed once and the whole import
planned and checked before the first write, every refused record named, nothing sent when
one is. Without ``--replace`` the file's values are added to the zone's; with it, the zone
holds exactly the file (the apex SOA and NS stay unless the file has them). The apex SOA and
NS change only with ``--force``; values that would go are confirmed first (``--yes`` without
a terminal); ``--dry-run`` prints the writes and sends none.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any

import click

from misaka_io.cli import _guard
from misaka_io.cli._app import current_app, output_options
from misaka_io.cli._output import emit

if TYPE_CHECKING:
    from misaka_io.dns_records import BatchPlan


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
    from misaka_io._zone_file import wanted_of
    from misaka_io.cli._dns import _records
    from misaka_io.dns_records import BatchRefusedError, normalise_fqdn

    app = current_app()
    records = _records()
    zone = normalise_fqdn(zone)
    settings = app.client().dns.get_zone_settings(zone)
    wanted = wanted_of(file.read(), zone, settings.default_ttl, "set" if replace else "add")
    try:
        plan = records.plan_zone(zone, wanted, force=force, prune=replace)
    except BatchRefusedError as refused:
        hint = " (--force for the apex SOA and NS)" if "only with force" in str(refused) else ""
        raise click.UsageError(f"{refused}{hint}") from None
    if dry_run:
        emit(app, {"dry_run": True, "zone": zone, "writes": _writes(plan)})
        return
    losing = [s for s in plan.steps if s.change.action in ("replace", "delete")]
    if losing:
        _guard.confirm(f"change or delete {len(losing)} recordset(s) of {zone}", yes=yes)
    outcome = records.apply(zone, wanted, force=force, prune=replace)
    emit(
        app,
        {
            "zone": zone,
            "writes": _writes(outcome.plan),
            "unchanged": outcome.plan.unchanged,
            "differences": list(outcome.differences),
        },
    )
