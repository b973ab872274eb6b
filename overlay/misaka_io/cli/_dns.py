"""``misaka dns record list|add|rm|set`` and the ACME DNS-01 hooks ``misaka acme auth|cleanup``,
all on the workflows of ``misaka_io.dns_records``.

Names may be full (``www.example.net``, with or without the trailing dot) or, with ``--zone``,
relative (``www``, ``@`` for the apex); types are case-insensitive.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import click

from misaka_io.cli._app import current_app, output_options
from misaka_io.cli._output import emit

if TYPE_CHECKING:
    from misaka_io.dns_records import DnsRecords, Outcome

ACME_LABEL = "_acme-challenge"
ACME_TTL = 60
MAX_WAIT = 3600

_zone = click.option(
    "--zone",
    help="The zone, when NAME is relative (default: the longest "
    "zone of the account that holds NAME).",
)
_ttl = click.option("--ttl", type=click.IntRange(1, 604800), help="The recordset's TTL in seconds.")


def _records() -> DnsRecords:
    from misaka_io.dns_records import DnsRecords

    return DnsRecords(current_app().client())


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
def add(name: str, rtype: str, values: tuple[str, ...], ttl: int | None, zone: str | None) -> None:
    """Add values (creating the recordset when needed); values already there stay as they are."""
    emit(current_app(), _outcome(_records().add(name, rtype, values, ttl=ttl, zone=zone)))


@record.command()
@output_options
@click.argument("name")
@click.argument("rtype", metavar="TYPE")
@click.argument("values", metavar="[VALUE...]", nargs=-1)
@click.option("--all", "every", is_flag=True, help="Remove the whole recordset.")
@_zone
def rm(name: str, rtype: str, values: tuple[str, ...], every: bool, zone: str | None) -> None:
    """Remove values (the recordset goes with its last value); absent values are no error."""
    if bool(values) == every:
        raise click.UsageError("give the VALUEs to remove, or --all for the whole recordset")
    emit(current_app(), _outcome(_records().remove(name, rtype, values, zone=zone)))


@record.command("set")
@output_options
@click.argument("name")
@click.argument("rtype", metavar="TYPE")
@click.argument("values", metavar="VALUE...", nargs=-1, required=True)
@_ttl
@_zone
def set_(name: str, rtype: str, values: tuple[str, ...], ttl: int | None, zone: str | None) -> None:
    """Make the recordset hold exactly these values."""
    emit(current_app(), _outcome(_records().set(name, rtype, values, ttl=ttl, zone=zone)))


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


def _challenge(domain: str | None, validation: str | None) -> tuple[str, str]:
    """The challenge's name and value, or a usage error that says where they come from."""
    if not domain or not validation:
        raise click.UsageError(
            "CERTBOT_DOMAIN and CERTBOT_VALIDATION are not set: run this as certbot's "
            "--manual-auth-hook/--manual-cleanup-hook, or pass --domain and --validation"
        )
    return _challenge_name(domain), validation


@click.group()
def acme() -> None:
    """ACME DNS-01 hooks for certbot: --manual-auth-hook 'misaka acme auth' and
    --manual-cleanup-hook 'misaka acme cleanup'."""


@acme.command()
@output_options
@_domain
@_validation
@click.option("--ttl", type=click.IntRange(1, 604800), default=ACME_TTL, show_default=True)
@click.option(
    "--wait",
    type=click.IntRange(0, MAX_WAIT),
    default=0,
    show_default=True,
    help="Seconds to wait afterwards, for the record to reach the nameservers.",
)
def auth(domain: str | None, validation: str | None, ttl: int, wait: int) -> None:
    """Publish the challenge: add VALIDATION to _acme-challenge.DOMAIN TXT."""
    name, value = _challenge(domain, validation)
    outcome = _records().add(name, "TXT", [value], ttl=ttl)
    emit(current_app(), _outcome(outcome))
    time.sleep(wait)


@acme.command()
@output_options
@_domain
@_validation
def cleanup(domain: str | None, validation: str | None) -> None:
    """Withdraw the challenge: remove VALIDATION (and the recordset when it was the last)."""
    name, value = _challenge(domain, validation)
    outcome = _records().remove(name, "TXT", [value])
    emit(current_app(), _outcome(outcome))
