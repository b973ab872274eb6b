"""misaka_io.testing: seeding, import and the handlers obey the API's rules; stubs share no
lock; serve() ends promptly whatever it holds."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from misaka_io import APITimeoutError, BadRequestError, Misaka
from misaka_io.dns_records import DnsRecords
from misaka_io.testing import MisakaStub


@pytest.fixture
def stub() -> Iterator[MisakaStub]:
    with MisakaStub(zones=["example.net"]) as made:
        yield made


@pytest.mark.parametrize(
    ("name", "ttl", "values"),
    [
        ("www.example.net", 300, ["192.0.2.1"]),
        ("www.", 300, ["192.0.2.1"]),
        ("bad name!", 300, ["192.0.2.1"]),
        ("www", 0, ["192.0.2.1"]),
        ("www", -5, ["192.0.2.1"]),
        ("www", 300, ["300.1.1.1"]),
    ],
)
def test_seeding_refuses_what_the_api_refuses(
    stub: MisakaStub, name: str, ttl: int, values: list[str]
) -> None:
    with pytest.raises(ValueError):
        stub.add_recordset("example.net", name, "A", values, ttl=ttl)
    with stub.client() as client:
        assert [r.name for r in client.dns.list_recordsets("example.net")] == ["@", "@"]


def test_seeding_a_zone_refuses_a_name_that_is_no_domain() -> None:
    with MisakaStub() as stub:
        for bad in ("bad zone", "net", ""):
            with pytest.raises(ValueError):
                stub.add_zone(bad)
        assert stub.add_zone("Example.NET.")["name"] == "example.net"


def test_the_handlers_refuse_a_full_name_where_a_relative_one_goes(stub: MisakaStub) -> None:
    body = {"ttl": 60, "records": [{"value": "192.0.2.1"}]}
    with stub.client(max_retries=0) as client:
        for name in ("www.example.net", "a.example.net"):
            with pytest.raises(BadRequestError, match="reads as a full name"):
                client.request("POST", f"/v3/dns/zones/example.net/recordsets/{name}/A", json=body)


@pytest.mark.parametrize(
    "text",
    [
        "www 300 IN A 300.1.1.1\n",
        "@ 300 IN CNAME target.example.org.\n",
        "www 300 IN A 192.0.2.1\nwww 300 IN CNAME target.example.org.\n",
        "www.example.org. 300 IN A 192.0.2.1\n",
    ],
)
def test_import_refuses_what_the_api_refuses_and_stores_nothing(
    stub: MisakaStub, text: str
) -> None:
    with pytest.raises(ValueError):
        stub.import_zone("example.net", "ok 60 IN A 192.0.2.9\n" + text)
    with stub.client() as client:
        assert [r.name for r in client.dns.list_recordsets("example.net")] == ["@", "@"]


def test_import_keeps_quoted_txt_whole_and_reads_the_zone_with_dnspython(
    stub: MisakaStub,
) -> None:
    text = (
        "$TTL 600\n"
        'sel._domainkey IN TXT "v=DKIM1; k=rsa; p=MIGf" ; a comment\n'
        "@ 300 IN MX 10 mail\n"
        "www IN CNAME @\n"
    )
    assert stub.import_zone("example.net", text) == 3
    assert stub.requests == []  # seeding is no request of the code under test
    with stub.client() as client:
        dkim = client.dns.get_recordset("example.net", "sel._domainkey", "TXT")
        mx = client.dns.get_recordset("example.net", "@", "MX")
        www = client.dns.get_recordset("example.net", "www", "CNAME")
    assert [r.value for r in dkim.records] == ['"v=DKIM1; k=rsa; p=MIGf"'] and dkim.ttl == 600
    assert [r.value for r in mx.records] == ["10 mail.example.net."] and mx.ttl == 300
    assert [r.value for r in www.records] == ["example.net."]


def test_two_stubs_in_one_process_share_no_dns_write_lock(tmp_path: Path) -> None:
    """Stub A's writer holds its zone's lock while it waits to retry a 503; a writer of the
    same zone on stub B goes ahead (it waited on A's lock, and gave up, before)."""
    held, done = threading.Event(), threading.Event()

    def sleep_while_b_writes(seconds: float) -> None:
        held.set()
        done.wait(10)

    with MisakaStub(zones=["example.net"]) as a, MisakaStub(zones=["example.net"]) as b:
        a.fail("dns.get_recordset", status=503, retry_after=0)
        client_a = a.client(sleep=sleep_while_b_writes)
        writer = threading.Thread(
            target=lambda: DnsRecords(client_a, lock_dir=tmp_path).add(
                "www.example.net", "A", ["192.0.2.1"]
            )
        )
        writer.start()
        try:
            assert held.wait(10)
            with b.client() as client_b:
                DnsRecords(client_b, lock_dir=tmp_path, lock_wait=0.5).add(
                    "www.example.net", "A", ["192.0.2.2"]
                )
        finally:
            done.set()
            writer.join(10)
            client_a.close()
    assert b.requests.filter("dns.create_recordset").last.status == 200


def test_leaving_serve_ends_promptly_while_a_timeout_is_held_and_its_client_times_out(
    stub: MisakaStub,
) -> None:
    stub.fail("dns.list_zones", timeout=True)
    stub.fail("dns.get_zone_settings", timeout=True)
    outcome: list[BaseException] = []
    with stub.serve() as url:
        client = Misaka(base_url=url, api_token=stub.api_token, max_retries=0)
        with pytest.raises(APITimeoutError):
            client.dns.list_zones(timeout=0.3)

        def still_waiting() -> None:
            try:
                client.dns.get_zone_settings("example.net", timeout=3)
            except BaseException as exc:  # what the client saw, checked below
                outcome.append(exc)

        waiting = threading.Thread(target=still_waiting)
        waiting.start()
        deadline = time.monotonic() + 10
        while stub.unmet_faults() and time.monotonic() < deadline:  # the request is held
            time.sleep(0.01)
        started = time.monotonic()
    took = time.monotonic() - started
    waiting.join(10)
    client.close()
    assert took < 5  # it took over 10 s, with the server thread left running
    assert len(outcome) == 1 and isinstance(outcome[0], APITimeoutError), outcome
    assert [r.status for r in stub.requests] == [None, None]
