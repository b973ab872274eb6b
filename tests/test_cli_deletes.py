"""Deliberate deletes, over HTTP against the stub: destructive ``misaka`` commands ask on a
terminal and need ``--yes`` without one (exit 2, nothing sent), the apex SOA and NS change only
with ``--force``, and ``--dry-run`` prints the change and sends nothing."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from misaka_io import DnsRecords, Misaka
from misaka_io.models import Record, RecordSetWrite, ZoneCreate
from misaka_io.testing.stub import create_app
from misaka_io.testing.stub.server import serve
from tests.cli_support import MISAKA, TOKEN, Cli, Result, one_line

DEADLINE = 30.0
Writes = list[tuple[str, str]]


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, Writes]]:
    """The stub over HTTP, and every non-GET request it received (method, path)."""
    writes: Writes = []
    app = create_app()

    async def counting(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] != "GET":
            writes.append((scope["method"], scope["path"]))
        await app(scope, receive, send)

    with serve(counting) as url:
        yield url, writes


@pytest.fixture
def writes(served: tuple[str, Writes]) -> Writes:
    served[1].clear()
    return served[1]


@pytest.fixture
def cli(served: tuple[str, Writes], tmp_path: Path) -> Cli:
    return Cli(served[0], tmp_path / "config")


@pytest.fixture
def api(served: tuple[str, Writes]) -> Iterator[Misaka]:
    with Misaka(api_token=TOKEN, base_url=served[0]) as client:
        yield client


@pytest.fixture
def zone(api: Misaka, request: pytest.FixtureRequest, writes: Writes) -> str:
    """A fresh zone with a www A recordset of two values; the writes are counted after it."""
    name = request.node.name.split("[")[0].replace("_", "-")[:40].strip("-") + ".example.org"
    api.dns.create_zone(body=ZoneCreate(name=name))
    DnsRecords(api).add(f"www.{name}", "A", ["192.0.2.1", "192.0.2.2"], ttl=300)
    writes.clear()
    return name


def _zones(api: Misaka) -> set[str]:
    return {z.name for z in api.dns.list_zones(limit=1000).results}


def _values(api: Misaka, zone: str, name: str, rtype: str) -> list[str] | None:
    found = DnsRecords(api).get(DnsRecords(api).target(name, rtype, zone=zone))
    return None if found is None else [r.value for r in found.records or []]


def no_terminal(cli: Cli, *args: str) -> Result:
    """Run with stdin a pipe (no terminal to ask on)."""
    return cli(*args, stdin="")


def in_terminal(cli: Cli, args: tuple[str, ...], answer: str) -> tuple[int, str]:
    """Run on a pseudo-terminal; type ``answer`` once the prompt shows. (exit code, output)"""
    main, child = pty.openpty()
    proc = subprocess.Popen(
        [str(MISAKA), *args], stdin=child, stdout=child, stderr=child, env=cli.env(), close_fds=True
    )
    os.close(child)
    seen, answered = b"", False
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        if not answered and (b"confirm" in seen or b"[y/N]" in seen):
            os.write(main, answer.encode() + b"\r")
            answered = True
        ready, _, _ = select.select([main], [], [], 0.2)
        if ready:
            try:
                data = os.read(main, 65536)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            seen += data
        elif proc.poll() is not None:
            break
    os.close(main)
    return proc.wait(timeout=DEADLINE), seen.decode("utf-8", errors="replace")


# ---- generated commands: the spec's x-misaka-cli -------------------------------------------


def test_delete_zone_without_a_terminal_needs_yes(
    cli: Cli, api: Misaka, zone: str, writes: Writes
) -> None:
    refused = no_terminal(cli, "dns", "delete-zone", zone)
    assert refused.code == 2 and "pass --yes" in one_line(refused.err)
    assert writes == [] and zone in _zones(api)
    cli.ok("dns", "delete-zone", zone, "--yes", stdin="")
    assert writes == [("DELETE", f"/v3/dns/zones/{zone}")] and zone not in _zones(api)


def test_delete_zone_on_a_terminal_asks_for_the_name_typed_back(
    cli: Cli, api: Misaka, zone: str, writes: Writes
) -> None:
    code, text = in_terminal(cli, ("dns", "delete-zone", zone), "example.org")
    assert code == 2 and f"type {zone} to confirm" in text and "nothing was sent" in text
    assert writes == [] and zone in _zones(api)
    code, text = in_terminal(cli, ("dns", "delete-zone", zone), zone)
    assert code == 0, text
    assert writes == [("DELETE", f"/v3/dns/zones/{zone}")] and zone not in _zones(api)


def test_import_and_delete_recordset_ask_yes_or_no(
    cli: Cli, api: Misaka, zone: str, writes: Writes, tmp_path: Path
) -> None:
    zone_file = tmp_path / "zone.txt"
    zone_file.write_text("mail IN A 192.0.2.9\n")
    refused = no_terminal(cli, "dns", "import-zone", zone, str(zone_file), "--replace")
    assert refused.code == 2 and "pass --yes" in one_line(refused.err) and writes == []
    code, text = in_terminal(cli, ("dns", "delete-recordset", zone, "www", "A"), "n")
    assert code == 2 and "not confirmed" in text and writes == []
    assert _values(api, zone, "www", "A") == ["192.0.2.1", "192.0.2.2"]
    code, text = in_terminal(cli, ("dns", "delete-recordset", zone, "www", "A"), "y")
    assert code == 0, text
    assert writes == [("DELETE", f"/v3/dns/zones/{zone}/recordsets/www/A")]
    assert _values(api, zone, "www", "A") is None
    api.dns.create_recordset(zone, "old", "TXT", body=RecordSetWrite(records=[Record(value="x")]))
    done = cli.ok("dns", "import-zone", zone, str(zone_file), "--replace", "--yes")
    assert [(w["action"], w["name"]) for w in done["writes"]] == [
        ("create", "mail"),
        ("delete", "old"),
    ]
    assert (
        _values(api, zone, "mail", "A") == ["192.0.2.9"]
        and _values(api, zone, "old", "TXT") is None
    )
    assert _values(api, zone, "@", "NS")  # the apex NS stays: the file has none


def test_import_zone_adds_values_checks_the_whole_file_first_and_guards_the_apex(
    cli: Cli, api: Misaka, zone: str, writes: Writes, tmp_path: Path
) -> None:
    api.dns.create_recordset(
        zone, "mail", "A", body=RecordSetWrite(records=[Record(value="192.0.2.9")])
    )
    writes.clear()
    good = (
        "$TTL 300\n"
        "www IN A 192.0.2.3\n"
        'dkim IN TXT "v=DKIM1; k=rsa; p=MIGf" ; a comment\n'
        "@ IN NS ns9.example.net.\n"
        "alias IN CNAME www\n"
    )
    zone_file = tmp_path / "zone.txt"
    zone_file.write_text(good + "mail IN CNAME www\nshort 0 IN TXT x\n")
    refused = cli("dns", "import-zone", zone, str(zone_file), "--yes")
    lines = refused.err.splitlines()
    assert refused.code == 2, refused.err
    assert lines[0].startswith("left out the file's apex NS"), lines
    assert sorted(lines[1:3]) == [
        f"  refused: mail.{zone} CNAME: a CNAME cannot be beside other records: mail has A",
        f"  refused: short.{zone} TXT: ttl must be between 1 and 604800 seconds, not 0",
    ]
    assert lines[3].startswith(f"misaka: 2 change(s) to {zone} refused, nothing was sent")
    assert writes == []
    zone_file.write_text(good)
    shown = cli.ok("dns", "import-zone", zone, str(zone_file), "--dry-run")
    assert shown["dry_run"] is True and len(shown["writes"]) == 3 and writes == []
    done = cli.ok("dns", "import-zone", zone, str(zone_file))
    assert {(w["action"], w["name"], w["type"]) for w in done["writes"]} == {
        ("append", "www", "A"),
        ("create", "dkim", "TXT"),
        ("create", "alias", "CNAME"),
    }
    assert len(writes) == 3 and "ns9.example.net." not in (_values(api, zone, "@", "NS") or [])
    assert _values(api, zone, "www", "A") == ["192.0.2.1", "192.0.2.2", "192.0.2.3"]
    assert _values(api, zone, "dkim", "TXT") == ['"v=DKIM1; k=rsa; p=MIGf"']
    assert _values(api, zone, "alias", "CNAME") == [f"www.{zone}."]
    forced = cli.ok("dns", "import-zone", zone, str(zone_file), "--force", "--yes")
    assert [(w["action"], w["name"]) for w in forced["writes"]] == [("replace", "@")]
    assert _values(api, zone, "@", "NS") == ["ns9.example.net."]


def test_import_zone_leaves_an_exported_files_soa_and_ns_to_the_zone(
    cli: Cli, api: Misaka, zone: str, writes: Writes, tmp_path: Path
) -> None:
    soa = _values(api, zone, "@", "SOA")
    ns = _values(api, zone, "@", "NS")
    zone_file = tmp_path / "exported.txt"
    zone_file.write_text(
        "$TTL 3600\n"
        "@ IN SOA ns1.other.example. admin.other.example. 2026010101 3600 600 86400 300\n"
        "@ IN NS ns1.other.example.\n"
        "@ IN NS ns2.other.example.\n"
        "mail IN A 192.0.2.25\n"
    )
    done = cli.ok("dns", "import-zone", zone, str(zone_file))
    assert [(w["action"], w["name"], w["type"]) for w in done["writes"]] == [
        ("create", "mail", "A")
    ]
    assert _values(api, zone, "@", "NS") == ns
    assert [v.split()[0] for v in _values(api, zone, "@", "SOA") or []] == [
        v.split()[0] for v in soa or []
    ]


def test_dry_run_prints_the_request_and_sends_nothing(
    cli: Cli, api: Misaka, zone: str, writes: Writes
) -> None:
    shown = cli.ok("dns", "delete-zone", zone, "--dry-run", stdin="")
    url = f"{cli.base_url}/v3/dns/zones/{zone}"
    assert shown == {"dry_run": True, "method": "DELETE", "url": url, "body": None}
    body = '{"records": [{"value": "192.0.2.7"}]}'
    shown = cli.ok(
        "dns", "update-recordset", zone, "www", "A", "--append", "--body", body, "--dry-run"
    )
    assert shown["method"] == "PUT" and shown["body"] == {"records": [{"value": "192.0.2.7"}]}
    assert shown["url"] == f"{url}/recordsets/www/A?append=true"
    created = cli.ok("dns", "create-zone", "--name", f"new.{zone}", "--dry-run")
    assert created["body"] == {"name": f"new.{zone}"}
    assert writes == [] and f"new.{zone}" not in _zones(api)
    assert _values(api, zone, "www", "A") == ["192.0.2.1", "192.0.2.2"]


def test_the_apex_soa_and_ns_change_only_with_force(
    cli: Cli, api: Misaka, zone: str, writes: Writes
) -> None:
    ns = _values(api, zone, "@", "NS")
    assert ns
    body = '{"records": [{"value": "ns9.example.net."}]}'
    for args in (
        ("dns", "update-recordset", zone, "@", "ns", "--body", body),
        ("dns", "delete-recordset", zone, "@", "SOA", "--yes"),
        ("dns", "record", "rm", zone, "SOA", "--all", "--yes"),
        ("dns", "record", "set", zone, "NS", "ns9.example.net.", "--yes"),
        ("dns", "record", "add", "@", "NS", "ns9.example.net.", "--zone", zone),
    ):
        refused = cli(*args)
        assert refused.code == 2 and "only with --force" in one_line(refused.err), args
    assert writes == [] and _values(api, zone, "@", "NS") == ns
    cli.ok("dns", "record", "add", "@", "NS", "ns9.example.net.", "--zone", zone, "--force")
    assert _values(api, zone, "@", "NS") == [*ns, "ns9.example.net."]
    cli.ok("dns", "update-recordset", zone, "@", "NS", "--body", body, "--force")
    assert _values(api, zone, "@", "NS") == ["ns9.example.net."]


# ---- the workflows: dns record rm --all / set -------------------------------------------------


def test_record_rm_all_and_a_set_that_drops_values_need_yes_without_a_terminal(
    cli: Cli, api: Misaka, zone: str, writes: Writes
) -> None:
    www = f"www.{zone}"
    for args in (("rm", www, "A", "--all"), ("set", www, "A", "192.0.2.1")):
        refused = no_terminal(cli, "dns", "record", *args)
        assert refused.code == 2 and "pass --yes" in one_line(refused.err), args
    assert writes == [] and _values(api, zone, "www", "A") == ["192.0.2.1", "192.0.2.2"]
    grown = cli.ok(
        "dns", "record", "set", www, "A", "192.0.2.1", "192.0.2.2", "192.0.2.3", stdin=""
    )
    assert grown["values"] == ["192.0.2.1", "192.0.2.2", "192.0.2.3"]  # nothing dropped: no ask
    assert cli.ok("dns", "record", "set", www, "A", "192.0.2.3", "--yes")["values"] == ["192.0.2.3"]
    assert cli.ok("dns", "record", "rm", www, "A", "--all", "--yes")["action"] == "delete"
    assert _values(api, zone, "www", "A") is None


def test_record_rm_all_on_a_terminal_asks(cli: Cli, api: Misaka, zone: str, writes: Writes) -> None:
    args = ("dns", "record", "rm", f"www.{zone}", "A", "--all", "-o", "json")
    code, text = in_terminal(cli, args, "n")
    assert code == 2 and "remove 2 value(s)" in text and writes == []
    code, text = in_terminal(cli, args, "y")
    assert code == 0, text
    assert _values(api, zone, "www", "A") is None


def test_record_dry_run_prints_the_plan_with_old_and_new_values(
    cli: Cli, api: Misaka, zone: str, writes: Writes
) -> None:
    www = f"www.{zone}"
    planned = cli.ok("dns", "record", "set", www, "A", "192.0.2.3", "--ttl", "60", "--dry-run")
    assert planned == {
        "dry_run": True,
        "fqdn": www,
        "zone": zone,
        "name": "www",
        "type": "A",
        "action": "replace",
        "old_values": ["192.0.2.1", "192.0.2.2"],
        "new_values": ["192.0.2.3"],
        "old_ttl": 300,
        "new_ttl": 60,
    }
    added = cli.ok("dns", "record", "add", www, "A", "192.0.2.3", "--dry-run")
    assert (added["action"], added["new_values"]) == (
        "append",
        [*planned["old_values"], "192.0.2.3"],
    )
    gone = cli.ok("dns", "record", "rm", www, "A", "--all", "--dry-run", stdin="")
    assert (gone["action"], gone["new_values"]) == ("delete", [])
    fresh = cli.ok("dns", "record", "add", f"new.{zone}", "TXT", "x", "--dry-run")
    assert (fresh["action"], fresh["old_values"], fresh["new_values"]) == ("create", [], ["x"])
    soa = cli.ok("dns", "record", "rm", zone, "SOA", "--all", "--dry-run")  # needs no --force
    assert (soa["name"], soa["action"], soa["new_values"]) == ("@", "delete", [])
    ns = cli.ok("dns", "delete-recordset", zone, "@", "NS", "--dry-run")
    assert (ns["method"], ns["url"]) == (
        "DELETE",
        f"{cli.base_url}/v3/dns/zones/{zone}/recordsets/%40/NS",
    )
    env = {"CERTBOT_DOMAIN": zone, "CERTBOT_VALIDATION": "tok"}
    assert cli.ok("acme", "auth", "--dry-run", **env)["new_values"] == ["tok"]
    assert writes == [] and _values(api, zone, "www", "A") == ["192.0.2.1", "192.0.2.2"]
