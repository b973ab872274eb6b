"""misaka_io.testing.mock(): clients the code under test makes itself, anywhere in the process,
talk to one stub; nothing reaches the network; the misaka command in process is caught too."""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from misaka_io import AsyncMisaka, Misaka
from misaka_io.cli import cli, main
from misaka_io.testing import MisakaStub, UnmetFaultsError, UnstubbedRequestError, mock


@pytest.fixture(autouse=True)
def _no_credentials_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("MISAKA_API_TOKEN", "MISAKA_BASE_URL", "MISAKA_EMAIL", "MISAKA_PASSWORD"):
        monkeypatch.delenv(name, raising=False)


def _zones_of_code_under_test() -> list[str]:
    """What a host project's code does: a client from the environment, nothing injected."""
    with Misaka() as client:
        return [zone.name for zone in client.dns.list_zones()]


def test_a_client_built_from_the_environment_talks_to_the_stub() -> None:
    with mock() as stub:
        stub.add_zone("example.net")
        assert _zones_of_code_under_test() == ["example.net"]
    assert stub.requests.last.operation == "dns.list_zones"
    assert "MISAKA_API_TOKEN" not in os.environ


def test_any_base_url_goes_to_the_stub_and_a_token_of_the_environment_is_let_in(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MISAKA_BASE_URL", "https://dnsapi.example.invalid")
    monkeypatch.setenv("MISAKA_API_TOKEN", "the-host-projects-fake-token")
    with mock() as stub:
        stub.add_zone("example.net")
        assert _zones_of_code_under_test() == ["example.net"]
        with Misaka(base_url="https://elsewhere.example", api_token=stub.api_token) as client:
            assert [z.name for z in client.dns.list_zones()] == ["example.net"]
    assert [r.account for r in stub.requests] == [stub.account_id] * 2


def test_the_async_client_is_caught_as_well() -> None:
    async def code_under_test() -> list[str]:
        async with AsyncMisaka() as client:
            return [zone.name async for zone in client.dns.list_zones()]

    with mock() as stub:
        stub.add_zone("example.net")
        assert asyncio.run(code_under_test()) == ["example.net"]


def test_mock_decorates_sync_and_async_functions_each_call_with_a_fresh_stub() -> None:
    seen: list[list[str]] = []

    @mock(zones=["example.net"])
    def sync_test() -> None:
        seen.append(_zones_of_code_under_test())

    @mock(zones=["example.org"])
    async def async_test() -> None:
        async with AsyncMisaka() as client:
            seen.append([zone.name async for zone in client.dns.list_zones()])

    sync_test()
    sync_test()
    asyncio.run(async_test())
    assert seen == [["example.net"], ["example.net"], ["example.org"]]


def test_the_misaka_command_in_process_talks_to_the_stub(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with mock(zones=["example.net"]):
        assert main(["dns", "list-zones", "--output", "json"]) == 0
        assert "example.net" in capsys.readouterr().out
        ran = CliRunner().invoke(cli, ["dns", "create-zone", "--name", "example.org"])
        assert ran.exit_code == 0, ran.output
        assert "example.org" in _zones_of_code_under_test()


def test_a_request_to_another_host_fails_even_when_the_code_swallows_it() -> None:
    leaving = pytest.raises(UnstubbedRequestError, match="refused 1 request")
    refused = pytest.raises(UnstubbedRequestError, match=r"https://example\.com/x")
    with leaving, mock(), refused:
        httpx.get("https://example.com/x")
    failed = mock()
    failed.start()
    with contextlib.suppress(Exception):  # what careless code under test does
        httpx.get("https://user:s3cret@example.org/swallowed?key=s3cret")
    with pytest.raises(UnstubbedRequestError, match=r"example\.org/swallowed") as caught:
        failed.stop()
    assert "s3cret" not in str(caught.value)


def test_a_client_with_its_own_transport_keeps_it() -> None:
    answered = httpx.MockTransport(lambda request: httpx.Response(200, json={"results": []}))
    with mock() as stub, Misaka(api_token="t", transport=answered, max_retries=0) as client:
        assert client.request("GET", "/v3/ports").json() == {"results": []}
    assert len(stub.requests) == 0


def test_the_network_comes_back_after_the_block() -> None:
    before = httpx.HTTPTransport.handle_request
    with mock():
        assert httpx.HTTPTransport.handle_request is not before
    assert httpx.HTTPTransport.handle_request is before


def test_allowed_hosts_go_to_the_network_and_a_given_stub_is_used() -> None:
    served = MisakaStub(zones=["example.net"])
    with served.serve() as url, mock(allow_hosts=["127.0.0.1"]) as stub:
        answer = httpx.get(f"{url}/v3/dns/zones", headers={"Authorization": "Token x"})
        assert answer.status_code == 401  # the served stub answered, over the network
        assert stub.requests == []
    given = MisakaStub(zones=["example.org"])
    with mock(given) as stub:
        assert stub is given and _zones_of_code_under_test() == ["example.org"]


def test_a_fault_never_met_fails_the_mock_block() -> None:
    with pytest.raises(UnmetFaultsError, match=r"dns\.update_recordset"), mock() as stub:
        stub.fail("dns.update_recordset")
    with mock(assert_all_met=False) as stub:
        stub.fail("dns.update_recordset")


WRITER = """
import sys, time
from pathlib import Path
from misaka_io import Misaka
from misaka_io.dns_records import DnsRecords
from misaka_io.testing import mock

role, flags = sys.argv[1], Path(sys.argv[2])


def sleep_until_the_other_wrote(seconds):
    (flags / "held").touch()
    deadline = time.monotonic() + 20
    while not (flags / "done").exists() and time.monotonic() < deadline:
        time.sleep(0.02)


with mock(zones=["example.net"]) as stub:
    if role == "holder":  # holds the zone's lock while it waits to retry a 503
        stub.fail("dns.get_recordset", status=503, retry_after=0)
        with Misaka(sleep=sleep_until_the_other_wrote) as client:
            DnsRecords(client).add("www.example.net", "A", ["192.0.2.1"])
    else:
        with Misaka() as client:
            DnsRecords(client, lock_wait=1).add("www.example.net", "A", ["192.0.2.2"])
        (flags / "done").touch()
print("written")
"""


def test_two_processes_under_mock_share_no_dns_write_lock(tmp_path: Path) -> None:
    """As two pytest-xdist workers: the same API and zone, each its own stub and locks."""
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    run = [sys.executable, str(script)]
    with subprocess.Popen([*run, "holder", str(tmp_path)], stdout=subprocess.PIPE) as holder:
        deadline = time.monotonic() + 30
        while not (tmp_path / "held").exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        other = subprocess.run([*run, "other", str(tmp_path)], capture_output=True, text=True)
        (tmp_path / "done").touch()
        out, _ = holder.communicate(timeout=30)
    assert other.returncode == 0 and other.stdout.strip() == "written", other.stderr[-2000:]
    assert holder.returncode == 0 and out.strip() == b"written"
