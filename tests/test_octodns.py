"""The octoDNS provider, driven by octoDNS itself (``octodns-sync``) against the stub over HTTP."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

try:
    import octodns  # noqa: F401 - pinned in requirements.in: its absence is a broken environment
except ImportError as missing:  # pragma: no cover - reported as a collection error
    raise ImportError("octodns (pinned in requirements.in) is not installed: run make setup") from (
        missing
    )

from misaka_io import Misaka
from misaka_io.octodns import MisakaProvider, rrset_of
from misaka_io.spec import load_spec
from tests.cli_support import TOKEN, served_stub
from tests.dns_support import recordset

SYNC = Path(sys.executable).parent / "octodns-sync"
ZONE = "octo.example"
CONFIG = {
    "providers": {
        "config": {"class": "octodns.provider.yaml.YamlProvider", "directory": "./zones"},
        "misaka": {
            "class": "misaka_io.octodns.MisakaProvider",
            "api_token": "env/MISAKA_API_TOKEN",
            "base_url": "env/MISAKA_BASE_URL",
        },
    },
    "zones": {f"{ZONE}.": {"sources": ["config"], "targets": ["misaka"]}},
}
RECORDS = {
    "": [
        {"type": "A", "values": ["192.0.2.1", "192.0.2.2"]},
        {"type": "MX", "values": [{"exchange": f"mail.{ZONE}.", "preference": 10}]},
        {
            "type": "TXT",
            "values": ["v=spf1 include:_spf.example.net -all", 'say "hello world"\\; twice'],
        },
    ],
    "mail": {"type": "A", "value": "192.0.2.25"},
    "v6": {"type": "AAAA", "value": "2001:db8::1"},
    "www": {"type": "CNAME", "value": f"{ZONE}."},
}


@pytest.fixture
def stub_url() -> Iterator[str]:
    yield from served_stub()


def _sync(folder: Path, url: str, *flags: str, ok: bool = True) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MISAKA_")}
    env.update(MISAKA_API_TOKEN=TOKEN, MISAKA_BASE_URL=url)
    done = subprocess.run(
        [str(SYNC), "--config-file", "config.yaml", *flags],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode == 0) == ok, (done.stdout + done.stderr)[-3000:]
    return done.stdout + done.stderr


def _write(folder: Path, records: dict[str, object]) -> None:
    (folder / "zones").mkdir(exist_ok=True)
    (folder / "config.yaml").write_text(yaml.safe_dump(CONFIG))
    (folder / "zones" / f"{ZONE}.yaml").write_text(yaml.safe_dump(records))


def _stored(url: str) -> dict[tuple[str, str], list[str]]:
    with Misaka(api_token=TOKEN, base_url=url) as client:
        page = client.dns.list_recordsets(ZONE)
        return {(r.name, r.type_): [v.value for v in r.records] for r in page}


def test_octodns_applies_a_zone_plans_nothing_the_second_time_and_removes(
    tmp_path: Path, stub_url: str
) -> None:
    _write(tmp_path, RECORDS)
    _sync(tmp_path, stub_url, "--doit")
    stored = _stored(stub_url)
    assert stored[("@", "A")] == ["192.0.2.1", "192.0.2.2"]
    assert stored[("@", "MX")] == [f"10 mail.{ZONE}."]
    assert sorted(stored[("@", "TXT")]) == [
        '"say \\"hello world\\"; twice"',
        '"v=spf1 include:_spf.example.net -all"',
    ]
    assert stored[("www", "CNAME")] == [f"{ZONE}."]
    assert stored[("v6", "AAAA")] == ["2001:db8::1"]
    assert ("@", "SOA") in stored and ("@", "NS") in stored  # the apex is left to the service

    assert "No changes were planned" in _sync(tmp_path, stub_url)

    smaller = dict(RECORDS)
    del smaller["mail"]
    _write(tmp_path, smaller)
    _sync(tmp_path, stub_url, "--doit")
    after = _stored(stub_url)
    assert ("mail", "A") not in after
    assert after[("@", "A")] == stored[("@", "A")]
    assert ("@", "SOA") in after and ("@", "NS") in after
    assert "No changes were planned" in _sync(tmp_path, stub_url)


def test_a_sync_the_api_would_refuse_in_part_writes_nothing_and_keeps_the_cname(
    tmp_path: Path, stub_url: str
) -> None:
    _write(tmp_path, RECORDS)
    _sync(tmp_path, stub_url, "--doit")
    before = _stored(stub_url)
    swapped = {**RECORDS, "www": {"type": "A", "value": "192.0.2.80"}}
    swapped["foo-"] = {"type": "A", "value": "192.0.2.81"}
    _write(tmp_path, swapped)
    err = _sync(tmp_path, stub_url, "--doit", ok=False)
    assert "foo-" in err
    after = _stored(stub_url)
    assert after == {k: v for k, v in after.items() if k in before}
    assert {k: v for k, v in after.items() if k[1] != "SOA"} == {
        k: v for k, v in before.items() if k[1] != "SOA"
    }
    assert after[("www", "CNAME")] == [f"{ZONE}."]


@pytest.mark.parametrize(
    ("rtype", "stored", "read"),
    [
        ("NS", "a.m1ns.moe", "a.m1ns.moe."),  # the recorded apex NS has no trailing dot
        ("MX", "10 mail.example.net", "10 mail.example.net."),
        ("SRV", "10 5 443 sip.example.net", "10 5 443 sip.example.net."),
        ("CNAME", "example.net.", "example.net."),
        ("TXT", "challengetoken1", '"challengetoken1"'),  # Lexicon sent it without quotes
        ("TXT", '"challengetoken1"', '"challengetoken1"'),  # acme.sh's hook, with them
        ("TXT", 'say "hi"', '"say \\"hi\\""'),
        ("A", "192.0.2.1", "192.0.2.1"),
    ],
)
def test_values_read_from_the_api_become_presentation_text(
    rtype: str, stored: str, read: str
) -> None:
    rrset = rrset_of(recordset("www", rtype, stored), "example.net.")
    assert rrset.name == "www.example.net."
    assert rrset.rdatas == [read]


def test_the_apex_is_the_zone_name() -> None:
    assert rrset_of(recordset("@", "A", "192.0.2.1"), "example.net.").name == "example.net."


def test_supported_types_are_the_specs_known_types() -> None:
    """SUPPORTS repeats the spec's list of known record types (``x-misaka-known-values`` of
    the RecordType parameter): when the spec's list changes, change
    ``MisakaProvider.SUPPORTS`` with it (SOA stays out: octoDNS does not manage it)."""
    known = load_spec()["components"]["parameters"]["RecordType"]["schema"]["x-misaka-known-values"]
    assert set(MisakaProvider.SUPPORTS) == set(known) - {"SOA"}
