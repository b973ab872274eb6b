"""The DNS change engine's batches: planned and checked whole before the first write, written
in an order that keeps names filled, one write per changed recordset, undone in reverse when a
write fails midway, one lock per zone."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import httpx
import pytest

from misaka_io import DnsRecords, Misaka
from misaka_io.dns_records import (
    BatchFailedError,
    BatchRefusedError,
    DnsInputError,
    RecordsetBusyError,
    Wanted,
)
from misaka_io.models import ZoneCreate
from misaka_io.testing.stub import create_app
from tests.dns_support import BASE, TOKEN, Faulty, faulty_stub, recordset

ZONE = "example.net"


@pytest.fixture
def faulty() -> Iterator[Faulty]:
    yield from faulty_stub()


@pytest.fixture
def records(faulty: Faulty, tmp_path: Path) -> Iterator[DnsRecords]:
    client = Misaka(api_token=TOKEN, base_url=BASE, transport=faulty, max_retries=0)
    yield DnsRecords(client, lock_dir=tmp_path / "locks")
    client.close()


def _zone(records: DnsRecords) -> dict[tuple[str, str], list[str]]:
    """The zone's recordsets and their values, less the SOA (its serial moves with each write)."""
    found = records.list(ZONE)
    return {(r.name, r.type_): [v.value for v in r.records] for r in found if r.type_ != "SOA"}


# ---- planning, without I/O ----------------------------------------------------------------


def test_a_name_that_swaps_its_cname_for_an_a_is_emptied_first_and_filled_right_after() -> None:
    from misaka_io._dns_batch import plan_batch

    listing = [recordset("web", "CNAME", "www.example.net."), recordset("old", "A", "192.0.2.9")]
    wanted = [
        Wanted("old", "A"),
        Wanted("web", "A", ("192.0.2.1",)),
        Wanted("web", "CNAME"),
        Wanted("new", "AAAA", ("2001:db8::1",)),
    ]
    plan = plan_batch(ZONE, listing, wanted)
    order = [(s.change.action, s.target.name, s.target.type) for s in plan.steps]
    assert order == [
        ("create", "new", "AAAA"),
        ("delete", "web", "CNAME"),
        ("create", "web", "A"),
        ("delete", "old", "A"),
    ]


def test_a_batch_names_every_refused_change_at_once() -> None:
    from misaka_io._dns_batch import plan_batch

    listing = [recordset("mail", "A", "192.0.2.25")]
    wanted = [
        Wanted("ok", "A", ("192.0.2.1",)),
        Wanted("bad", "A", ("300.1.1.1",)),
        Wanted("foo-", "A", ("192.0.2.2",)),
        Wanted("short", "TXT", ("x",), ttl=0),
        Wanted("long", "TXT", ("x",), ttl=1209600),
        Wanted("mail", "CNAME", ("elsewhere.example.org.",)),
        Wanted("@", "NS", ("a.m1ns.moe.",)),
        Wanted("ok", "A", ("192.0.2.3",)),
    ]
    with pytest.raises(BatchRefusedError) as refused:
        plan_batch(ZONE, listing, wanted)
    message = str(refused.value)
    assert len(refused.value.refused) == 7, message
    for part in ("300.1.1.1", "foo-", "short", "long", "mail", "example.net NS", "more than once"):
        assert part in message
    assert "nothing was sent" in message
    assert isinstance(refused.value, DnsInputError)


def test_the_apex_ns_changes_in_a_batch_only_with_force() -> None:
    from misaka_io._dns_batch import plan_batch

    listing = [recordset("@", "NS", "a.m1ns.moe")]
    plan = plan_batch(ZONE, listing, [Wanted("@", "NS", ("ns1.example.org.",))], force=True)
    assert [s.change.action for s in plan.steps] == ["replace"]


def test_recordsets_already_as_wanted_make_no_write() -> None:
    from misaka_io._dns_batch import plan_batch

    listing = [recordset("www", "A", "192.0.2.1"), recordset("txt", "TXT", "hello")]
    wanted = [Wanted("www.example.net.", "a", ("192.0.2.1",)), Wanted("txt", "TXT", ('"hello"',))]
    plan = plan_batch(ZONE, listing, wanted)
    assert plan.steps == () and plan.unchanged == 2


# ---- against the stub ---------------------------------------------------------------------


def test_a_refused_batch_sends_nothing_but_the_listing(records: DnsRecords, faulty: Faulty) -> None:
    with pytest.raises(BatchRefusedError):
        records.apply(ZONE, [Wanted("a", "A", ("192.0.2.1",)), Wanted("b", "A", ("nope",))])
    assert faulty.writes() == []


def test_a_failed_write_midway_undoes_what_was_written_before_it(
    records: DnsRecords, faulty: Faulty
) -> None:
    records.set("web.example.net", "CNAME", ["www.example.net."])
    records.set("keep.example.net", "A", ["192.0.2.7"])
    before = _zone(records)
    faulty.faults[("POST", "/web/A")] = 422
    wanted = [
        Wanted("keep", "A", ("192.0.2.8",)),
        Wanted("web", "CNAME"),
        Wanted("web", "A", ("192.0.2.1",)),
    ]
    with pytest.raises(BatchFailedError) as failed:
        records.apply(ZONE, wanted)
    error = failed.value
    assert str(error.failed) == "create web.example.net A"
    assert [str(s) for s in error.applied] == [
        "replace keep.example.net A",
        "delete web.example.net CNAME",
    ]
    assert error.undone == tuple(reversed(error.applied)) and error.left == ()
    assert "as it was before the batch" in str(error)
    assert _zone(records) == before  # web has its CNAME back, keep its old value


def test_an_undo_that_fails_too_is_named_as_left(
    records: DnsRecords, faulty: Faulty, caplog: pytest.LogCaptureFixture
) -> None:
    records.set("web.example.net", "CNAME", ["www.example.net."])
    faulty.faults[("POST", "/web/A")] = 422
    faulty.faults[("POST", "/web/CNAME")] = 503
    wanted = [Wanted("web", "CNAME"), Wanted("web", "A", ("192.0.2.1",))]
    with caplog.at_level("WARNING", logger="misaka_io"), pytest.raises(BatchFailedError) as failed:
        records.apply(ZONE, wanted)
    assert [str(s) for s in failed.value.left] == ["delete web.example.net CNAME"]
    assert "Left as written" in str(failed.value)
    (warned,) = [r.getMessage() for r in caplog.records if "undoing" in r.getMessage()]
    assert warned.startswith("misaka_io: undoing delete web.example.net CNAME failed (")
    assert "503" in warned and warned.endswith("); it is left as written")


def test_a_batch_sends_one_write_per_change_and_lists_the_zone_twice(
    records: DnsRecords, faulty: Faulty
) -> None:
    already = len(records.list(ZONE))
    faulty.seen.clear()
    wanted = [Wanted(f"h{i}", "A", (f"192.0.2.{i % 250 + 1}",)) for i in range(230)]
    outcome = records.apply(ZONE, wanted)
    assert len(outcome.plan.steps) == 230 and outcome.differences == ()
    assert len(faulty.writes()) == 230
    reads = [s for s in faulty.seen if s[0] == "GET"]
    assert all(path.endswith("/recordsets") for _, path in reads)
    pages = (already + 99) // 100 + (already + 230 + 99) // 100  # 100 a page, before and after
    assert len(reads) == pages


def test_the_same_batch_applied_twice_writes_nothing_the_second_time(
    records: DnsRecords, faulty: Faulty
) -> None:
    wanted = [Wanted("a", "A", ("192.0.2.1",)), Wanted("t", "TXT", ("v=1",), ttl=60)]
    records.apply(ZONE, wanted)
    writes = len(faulty.writes())
    again = records.apply(ZONE, wanted)
    assert again.plan.steps == () and len(faulty.writes()) == writes


def test_a_lost_answer_to_a_write_that_was_made_counts_as_made(
    records: DnsRecords, faulty: Faulty
) -> None:
    class LoseOne(httpx.BaseTransport):
        def __init__(self) -> None:
            self.lost = False

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            response = faulty.handle_request(request)
            if request.method == "POST" and not self.lost:
                self.lost = True
                raise httpx.ReadTimeout("answer lost", request=request)
            return response

    client = Misaka(api_token=TOKEN, base_url=BASE, transport=LoseOne(), max_retries=0)
    outcome = DnsRecords(client, lock_dir=None).apply(ZONE, [Wanted("x", "A", ("192.0.2.5",))])
    assert [str(s) for s in outcome.plan.steps] == ["create x.example.net A"]
    assert _zone(DnsRecords(client, lock_dir=None))[("x", "A")] == ["192.0.2.5"]


def test_a_batch_holds_its_zone_against_single_writes_to_other_names_of_it(
    faulty: Faulty, tmp_path: Path
) -> None:
    held, release = threading.Event(), threading.Event()

    class Slow(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            if request.method == "POST" and request.url.path.endswith("/slow/A"):
                held.set()
                release.wait(30)
            return faulty.handle_request(request)

    def client() -> Misaka:
        return Misaka(api_token=TOKEN, base_url=BASE, transport=Slow(), max_retries=0)

    locks = tmp_path / "locks"
    client().dns.create_zone(body=ZoneCreate(name="other.example"))
    batch = threading.Thread(
        target=DnsRecords(client(), lock_dir=locks).apply,
        args=(ZONE, [Wanted("slow", "A", ("192.0.2.1",))]),
    )
    batch.start()
    try:
        assert held.wait(30)
        other = DnsRecords(client(), lock_dir=locks, lock_wait=0.3)
        with pytest.raises(RecordsetBusyError):
            other.add("another.example.net", "TXT", ["v"])
        elsewhere = other.add("x.other.example", "TXT", ["v"])  # another zone is free
        assert elsewhere.action == "create"
    finally:
        release.set()
        batch.join(30)
    assert len(list(locks.rglob("*.lock"))) <= 1  # files bounded by the zones written


def test_a_single_write_to_the_apex_ns_needs_force(records: DnsRecords, faulty: Faulty) -> None:
    with pytest.raises(DnsInputError) as refused:
        records.add(ZONE, "NS", ["ns9.example.org."])
    assert str(refused.value) == (
        "example.net NS: the apex SOA and NS change only with force (nothing was sent)"
    )
    assert faulty.writes() == []
    records.add(ZONE, "NS", ["ns9.example.org."], force=True)
    assert "ns9.example.org." in _zone(records)[("@", "NS")]


async def test_the_async_engine_plans_orders_and_undoes_as_the_sync_one(
    tmp_path: Path,
) -> None:
    from misaka_io import AsyncDnsRecords, AsyncMisaka

    app = create_app()

    class AsyncFaulty(httpx.AsyncBaseTransport):
        def __init__(self) -> None:
            self.inner = httpx.ASGITransport(app=app)

        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            if request.method == "POST" and request.url.path.endswith("/web/A"):
                return httpx.Response(422, json={"detail": "refused by the test"})
            return await self.inner.handle_async_request(request)

    async with AsyncMisaka(
        api_token=TOKEN, base_url=BASE, transport=AsyncFaulty(), max_retries=0
    ) as client:
        records = AsyncDnsRecords(client, lock_dir=tmp_path)
        await records.set("web.example.net", "CNAME", ["www.example.net."])
        with pytest.raises(BatchFailedError) as failed:
            await records.apply(ZONE, [Wanted("web", "CNAME"), Wanted("web", "A", ("192.0.2.1",))])
        assert len(failed.value.undone) == 1
        found = await records.list("web.example.net")
        assert [(r.type_, [v.value for v in r.records]) for r in found] == [
            ("CNAME", ["www.example.net."])
        ]
        plan = await records.plan_zone(ZONE, [Wanted("n", "A", ("192.0.2.3",))])
        assert [str(s) for s in plan.steps] == ["create n.example.net A"]


# ---- after a review: lost answers, undo and the lease ---------------------------------------


class Lossy(httpx.BaseTransport):
    """``faulty``, except that the answers of the chosen writes are lost after the stub made
    them, and the chosen reads answer 500."""

    def __init__(self, inner: Faulty) -> None:
        self.inner = inner
        self.lose: set[tuple[str, str]] = set()
        self.broken_reads: set[str] = set()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if request.method == "GET" and any(path.endswith(t) for t in self.broken_reads):
            return httpx.Response(500, json={"detail": "read broken by the test"})
        answer = self.inner.handle_request(request)
        if any(request.method == m and path.endswith(t) for m, t in self.lose):
            raise httpx.ReadTimeout("answer lost after the write was made", request=request)
        return answer


def _lossy_records(faulty: Faulty, tmp_path: Path) -> tuple[DnsRecords, Lossy]:
    wire = Lossy(faulty)
    client = Misaka(api_token=TOKEN, base_url=BASE, transport=wire, max_retries=0)
    return DnsRecords(client, lock_dir=tmp_path / "locks"), wire


def test_a_lost_answer_that_cannot_be_read_for_fails_the_batch_and_undoes_the_rest(
    faulty: Faulty, tmp_path: Path
) -> None:
    records, wire = _lossy_records(faulty, tmp_path)
    wire.lose.add(("POST", "/b/A"))
    wire.broken_reads.add("/b/A")
    with pytest.raises(BatchFailedError) as failed:
        records.apply(ZONE, [Wanted("a", "A", ("192.0.2.1",)), Wanted("b", "A", ("192.0.2.2",))])
    assert [str(s) for s in failed.value.undone] == ["create a.example.net A"]
    assert "may have been made all the same" in str(failed.value)
    assert ("a", "A") not in _zone(records)


def test_an_undo_whose_answer_was_lost_but_was_made_counts_as_undone(
    faulty: Faulty, tmp_path: Path
) -> None:
    records, wire = _lossy_records(faulty, tmp_path)
    records.set("web.example.net", "CNAME", ["www.example.net."])
    faulty.faults[("POST", "/web/A")] = 422
    wire.lose.add(("POST", "/web/CNAME"))  # the undo's own answer
    with pytest.raises(BatchFailedError) as failed:
        records.apply(ZONE, [Wanted("web", "CNAME"), Wanted("web", "A", ("192.0.2.1",))])
    assert failed.value.left == () and len(failed.value.undone) == 1
    assert _zone(records)[("web", "CNAME")] == ["www.example.net."]


def test_a_batch_that_creates_its_zone_checks_everything_first(
    faulty: Faulty, records: DnsRecords
) -> None:
    with pytest.raises(BatchRefusedError):
        records.apply("new.example", [Wanted("a", "A", ("300.1.1.1",))], create=True)
    assert faulty.writes() == []
    records.zones()  # listed before the zone exists: the cache must not keep the old list
    records.apply("sub.example.net", [Wanted("a", "A", ("192.0.2.1",))], create=True)
    outcome = records.add("www.sub.example.net", "TXT", ["v"])
    assert outcome.target.zone == "sub.example.net" and outcome.target.name == "www"


def test_a_batch_whose_shared_lease_is_lost_stops_writing_undo_included(
    faulty: Faulty, tmp_path: Path
) -> None:
    from misaka_io import LeaseLostError
    from tests.redis_support import redis_server

    with redis_server(tmp_path) as server:

        class StopsRedis(httpx.BaseTransport):
            def handle_request(self, request: httpx.Request) -> httpx.Response:
                answer = faulty.handle_request(request)
                if request.method == "POST" and request.url.path.endswith("/b/A"):
                    server.stop()  # the lease cannot be extended from here on
                    time.sleep(2.0)  # past the lease of 1 s: it is known lost by now
                return answer

        client = Misaka(api_token=TOKEN, base_url=BASE, transport=StopsRedis(), max_retries=0)
        with mock.patch.dict(os.environ, {"MISAKA_LOCK_LEASE": "1"}):
            records = DnsRecords(client, lock_dir=tmp_path / "locks", lock_url=server.url)
        wanted = [Wanted(n, "A", (f"192.0.2.{i}",)) for i, n in enumerate("abc", 1)]
        with pytest.raises(BatchFailedError) as failed:
            records.apply(ZONE, wanted)
    assert isinstance(failed.value.cause, LeaseLostError)
    assert failed.value.undone == () and [str(s) for s in failed.value.left] == [
        "create a.example.net A",
        "create b.example.net A",
    ]
    assert [p for _, p in faulty.writes()] == [
        "/v3/dns/zones/example.net/recordsets/a/A",
        "/v3/dns/zones/example.net/recordsets/b/A",
    ]
