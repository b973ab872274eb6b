"""``misaka dns record list|add|rm|set`` and the ACME DNS-01 hooks ``misaka acme auth|cleanup``,
all on the workflows of ``misaka_io.dns_records``.

Names may be full (``www.example.net``, with or without the trailing dot) or, with ``--zone``,
relative (``www``, ``@`` for the apex); types are case-insensitive. Every change can be
previewed (``--dry-run``: the plan with the old and new values, nothing sent); one that would
take values away without naming them (``rm --all``, a ``set`` that drops values) asks first
(``--yes`` without a terminal); the recordsets the spec guards (the apex SOA and NS) change
only with ``--force``.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Literal

import click

from misaka_io._table_types import field_bounds
from misaka_io.cli import _guard
from misaka_io.cli._app import current_app, output_options
from misaka_io.cli._output import emit

if TYPE_CHECKING:
    from misaka_io.dns_records import DnsRecords, Outcome, Plan

ACME_LABEL = "_acme-challenge"
ACME_TTL = 60
MAX_WAIT = 3600

_zone = click.option(
    "--zone",
    help="The zone, when NAME is relative (default: the longest "
    "zone of the account that holds NAME).",
)
# The TTL range of the spec (RecordSetWrite.ttl), carried into the operation table (read from
# it directly: the DNS workflows' modules load with the first command that needs them).
_TTL_LOW, _TTL_HIGH = field_bounds("RecordSetWrite", "ttl")
_TTL_RANGE = click.IntRange(
    None if _TTL_LOW is None else int(_TTL_LOW), None if _TTL_HIGH is None else int(_TTL_HIGH)
)
_ttl = click.option(
    "--ttl",
    type=_TTL_RANGE,
    help="The recordset's TTL in seconds (a new recordset without one gets the zone's "
    "default_ttl; an existing one keeps its TTL on add).",
)


def _records() -> DnsRecords:
    """The DNS workflows on the command's client, with the profile's or the environment's
    shared lock (``lock_url``, ``MISAKA_LOCK_URL``)."""
    from misaka_io._options import NOT_GIVEN
    from misaka_io.dns_records import DnsRecords

    app = current_app()
    return DnsRecords(app.client(), lock_url=app.settings.lock_url or NOT_GIVEN)


def _outcome(outcome: Outcome) -> dict[str, Any]:
    recordset = outcome.recordset
    ttl = getattr(recordset, "ttl", None) if recordset is not None else None
    return {
        "fqdn": outcome.target.fqdn,
        "zone": outcome.target.zone,
        "name": outcome.target.name,
        "type": outcome.target.type,
        "action": outcome.action,
        "ttl": ttl if isinstance(ttl, int) else None,
        "values": list(outcome.values),
    }


Kind = Literal["add", "remove", "set"]


def _shown(plan: Plan) -> dict[str, Any]:
    """What ``--dry-run`` prints: the recordset's values and TTL before and after."""
    before = plan.before
    old_ttl = before.ttl if before is not None else None
    return {
        "dry_run": True,
        "fqdn": plan.target.fqdn,
        "zone": plan.target.zone,
        "name": plan.target.name,
        "type": plan.target.type,
        "action": plan.change.action,
        "old_values": list(before.values) if before is not None else [],
        "new_values": list(plan.after),
        "old_ttl": old_ttl,
        "new_ttl": plan.change.ttl if plan.change.ttl is not None else old_ttl,
    }


def _check_force(plan: Plan, force: bool) -> None:
    """``--force`` for a change of a recordset the spec guards (the apex SOA and NS)."""
    from misaka_io._dns_batch import guarded

    if guarded(plan.target, plan.change.action):
        _guard.require_force(f"the {plan.target.type} recordset of {plan.target.fqdn}", force)


def _change(
    kind: Kind,
    name: str,
    rtype: str,
    values: tuple[str, ...],
    *,
    ttl: int | None = None,
    zone: str | None = None,
    flags: dict[str, bool],
    records: DnsRecords | None = None,
) -> Outcome | None:
    """Plan; show it (``--dry-run``, like a generated command's, needs neither ``--force``
    nor ``--yes``), or check ``--force`` and ask when values would go that were not named
    (``flags["ask"]``), then run the workflow. None when nothing was sent."""
    records = records or _records()
    plan = records.plan(kind, name, rtype, values, ttl=ttl, zone=zone)
    if flags.get("dry_run"):
        emit(current_app(), _shown(plan))
        return None
    _check_force(plan, flags.get("force", False))
    if flags.get("ask") and plan.dropped:
        what = f"remove {len(plan.dropped)} value(s) of {plan.target.fqdn} {plan.target.type}"
        _guard.confirm(what, yes=flags.get("yes", False))
    zone, force = plan.target.zone, flags.get("force", False)
    if kind == "add":
        return records.add(name, rtype, values, ttl=ttl, zone=zone, force=force)
    if kind == "remove":
        return records.remove(name, rtype, values, zone=zone, force=force)
    return records.set(name, rtype, values, ttl=ttl, zone=zone, force=force)


def _done(outcome: Outcome | None) -> None:
    if outcome is not None:
        emit(current_app(), _outcome(outcome))


@click.group()
def record() -> None:
    """Recordsets by name: list, add, remove or set values (idempotent)."""


@record.command("list")
@output_options
@click.argument("name")
@click.argument("rtype", metavar="[TYPE]", required=False)
@_zone
def list_(name: str, rtype: str | None, zone: str | None) -> None:
    """The recordsets of NAME (of the whole zone when NAME is a zone)."""
    emit(current_app(), _records().list(name, rtype, zone=zone))


@record.command()
@output_options
@click.argument("name")
@click.argument("rtype", metavar="TYPE")
@click.argument("values", metavar="VALUE...", nargs=-1, required=True)
@_ttl
@_zone
@_guard.flags(force=True)
def add(
    name: str, rtype: str, values: tuple[str, ...], ttl: int | None, zone: str | None, **flags: bool
) -> None:
    """Add values (creating the recordset when needed); values already there stay as they are."""
    _done(_change("add", name, rtype, values, ttl=ttl, zone=zone, flags=flags))


@record.command()
@output_options
@click.argument("name")
@click.argument("rtype", metavar="TYPE")
@click.argument("values", metavar="[VALUE...]", nargs=-1)
@click.option("--all", "every", is_flag=True, help="Remove the whole recordset (asks first).")
@_zone
@_guard.flags(yes=True, force=True)
def rm(
    name: str, rtype: str, values: tuple[str, ...], every: bool, zone: str | None, **flags: bool
) -> None:
    """Remove values (the recordset goes with its last value); absent values are no error."""
    if bool(values) == every:
        raise click.UsageError("give the VALUEs to remove, or --all for the whole recordset")
    _done(_change("remove", name, rtype, values, zone=zone, flags={**flags, "ask": every}))


@record.command("set")
@output_options
@click.argument("name")
@click.argument("rtype", metavar="TYPE")
@click.argument("values", metavar="VALUE...", nargs=-1, required=True)
@_ttl
@_zone
@_guard.flags(yes=True, force=True)
def set_(
    name: str, rtype: str, values: tuple[str, ...], ttl: int | None, zone: str | None, **flags: bool
) -> None:
    """Make the recordset hold exactly these values (asks first when some would go)."""
    _done(_change("set", name, rtype, values, ttl=ttl, zone=zone, flags={**flags, "ask": True}))


# ---- ACME DNS-01 hooks ------------------------------------------------------------------------


def _challenge_name(domain: str) -> str:
    return f"{ACME_LABEL}.{domain.strip().removeprefix('*.')}"


_domain = click.option(
    "--domain", envvar="CERTBOT_DOMAIN", help="The domain being validated [env CERTBOT_DOMAIN]."
)
_validation = click.option(
    "--validation",
    envvar="CERTBOT_VALIDATION",
    help="The TXT value to publish [env CERTBOT_VALIDATION].",
)


def _challenge(domain: str | None, validation: str | None) -> tuple[DnsRecords, str, str]:
    """The workflows, where the challenge's value goes (its name, or the end of the name's
    CNAME chain into another zone of the account) and the value; a usage error that says
    where they come from when they are not given."""
    if not domain or not validation:
        raise click.UsageError(
            "CERTBOT_DOMAIN and CERTBOT_VALIDATION are not set: run this as certbot's "
            "--manual-auth-hook/--manual-cleanup-hook, or pass --domain and --validation"
        )
    from misaka_io._acme import txt_name

    records = _records()
    return records, txt_name(records, _challenge_name(domain)), validation


@click.group()
def acme() -> None:
    """ACME DNS-01 hooks for certbot: --manual-auth-hook 'misaka acme auth' and
    --manual-cleanup-hook 'misaka acme cleanup'."""


@acme.command()
@output_options
@_domain
@_validation
@click.option("--ttl", type=_TTL_RANGE, default=ACME_TTL, show_default=True)
@click.option(
    "--wait",
    type=click.IntRange(0, MAX_WAIT),
    default=0,
    show_default=True,
    help="Seconds to wait afterwards, for the record to reach the nameservers.",
)
@_guard.flags()
def auth(domain: str | None, validation: str | None, ttl: int, wait: int, dry_run: bool) -> None:
    """Publish the challenge: add VALIDATION to _acme-challenge.DOMAIN TXT."""
    records, name, value = _challenge(domain, validation)
    flags = {"dry_run": dry_run}
    outcome = _change("add", name, "TXT", (value,), ttl=ttl, flags=flags, records=records)
    _done(outcome)
    if outcome is not None:
        time.sleep(wait)


@acme.command()
@output_options
@_domain
@_validation
@_guard.flags()
def cleanup(domain: str | None, validation: str | None, dry_run: bool) -> None:
    """Withdraw the challenge: remove VALIDATION (and the recordset when it was the last)."""
    records, name, value = _challenge(domain, validation)
    flags = {"dry_run": dry_run}
    _done(_change("remove", name, "TXT", (value,), flags=flags, records=records))
