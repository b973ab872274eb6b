"""The DNS change engine in bulk: N creates through the octoDNS provider (its plan applied by
``DnsRecords.apply``) against raw httpx sending the same N writes one after another, both to
one in-process stub; with the requests the provider sent per change."""

from __future__ import annotations

import statistics
import time
from typing import Any

import httpx

from bench.common import Row, ms

TOKEN = "stub-token-6f1d2c3b4a5e6f708192a3b4c5d6e7f8"
BASE = "https://api.misaka.io"


class _Counting(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner, self.gets, self.others = inner, 0, 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            self.gets += 1
        else:
            self.others += 1
        return self.inner.handle_request(request)


def _values(records: int) -> list[tuple[str, str]]:
    return [(f"h{i}", f"10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}") for i in range(records)]


def _through_octodns(records: int) -> tuple[float, _Counting]:
    from octodns.record import Record
    from octodns.zone import Zone

    from misaka_io import Misaka
    from misaka_io.models import ZoneCreate
    from misaka_io.octodns import MisakaProvider
    from misaka_io.testing.stub import create_app
    from misaka_io.testing.stub.transport import SyncASGITransport

    inner = SyncASGITransport(create_app())
    wire = _Counting(inner)
    with Misaka(api_token=TOKEN, base_url=BASE, transport=wire) as client:
        client.dns.create_zone(body=ZoneCreate(name="bulk.example"))
        provider = MisakaProvider("misaka", TOKEN, client=client)
        zone = Zone("bulk.example.", [])
        for name, value in _values(records):
            zone.add_record(Record.new(zone, name, {"type": "A", "ttl": 300, "value": value}))
        plan = provider.plan(zone)
        wire.gets = wire.others = 0
        started = time.perf_counter()
        provider.apply(plan)
        elapsed = time.perf_counter() - started
    inner.close()
    return elapsed, wire


def _raw_httpx(records: int) -> float:
    from misaka_io.testing.stub import create_app
    from misaka_io.testing.stub.transport import SyncASGITransport

    inner = SyncASGITransport(create_app())
    headers = {"Authorization": f"Token {TOKEN}"}
    with httpx.Client(transport=inner, base_url=BASE, headers=headers) as http:
        http.post("/v3/dns/zones", json={"name": "bulk.example"}).raise_for_status()
        started = time.perf_counter()
        for name, value in _values(records):
            body: dict[str, Any] = {"records": [{"value": value}], "ttl": 300}
            http.post(f"/v3/dns/zones/bulk.example/recordsets/{name}/A", json=body)
        elapsed = time.perf_counter() - started
    inner.close()
    return elapsed


def octodns_creates(records: int, repeat: int) -> list[Row]:
    ours: list[float] = []
    raw: list[float] = []
    wire = None
    for _ in range(repeat):
        took, wire = _through_octodns(records)
        ours.append(took)
        raw.append(_raw_httpx(records))
    assert wire is not None
    mine, theirs = statistics.median(ours), statistics.median(raw)
    per_change = wire.others / records
    pages = wire.gets
    ratio = mine / theirs
    return [
        Row(
            f"{records} creates through the octoDNS provider: requests per change "
            f"(+ {pages} listing pages, before and after)",
            f"{per_change:.3f}",
            "",
            None,
            "<= 1.05",
            per_change <= 1.05 and (wire.gets + wire.others) <= 1.05 * records + pages,
        ),
        Row(
            f"{records} creates through the octoDNS provider vs raw httpx, same stub",
            ms(mine),
            ms(theirs),
            ratio,
            "<= 1.3x",
            ratio <= 1.3,
        ),
    ]
