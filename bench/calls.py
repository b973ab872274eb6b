"""The client's own cost over raw httpx: a small call (per-call overhead), walking a paged
listing (iteration against fetching the same pages by hand), both over an
``httpx.MockTransport`` serving prepared bytes so that only the client's work differs; and
many concurrent async calls against raw ``httpx.AsyncClient``, both on the same in-process
stub."""

from __future__ import annotations

import asyncio
import gc
import json
import statistics
import time
from collections.abc import Awaitable, Callable

import httpx

from bench import payloads
from bench.common import Row, ms, paired
from misaka_io import AsyncMisaka, Misaka
from misaka_io.models import LoginRequest
from misaka_io.testing.stub import create_app, seed

BASE_URL = "https://api.misaka.io"
TOKEN = "bench-t0ken"
JSON = {"content-type": "application/json"}
PORT = seed.PORTS[0]  # the stub's first port: a realistic small answer
LOGIN = {
    "detail": "Login successful",
    "access": "a.b.c",
    "refresh": "d.e.f",
    "access_token": "a.b.c",
    "refresh_token": "d.e.f",
    "user": {
        "id": 1042,
        "email": "noc@example.net",
        "display_name": "Kei Tanaka",
        "country": "JP",
        "is_staff": False,
        "services": ["ip-transit"],
        "modules": [{"name": "lighthouse"}],
        "teams": [{"id": "17", "name": "Example Networks NOC", "is_admin": True}],
    },
}


# ---- per-call overhead -----------------------------------------------------------------------


def _small_answers() -> httpx.MockTransport:
    port_body, login_body = json.dumps(PORT).encode(), json.dumps(LOGIN).encode()

    def answer(request: httpx.Request) -> httpx.Response:
        body = login_body if request.url.path.endswith("/login") else port_body
        return httpx.Response(200, content=body, headers=JSON)

    return httpx.MockTransport(answer)


def overhead(number: int, repeat: int) -> list[Row]:
    transport = _small_answers()
    raw = httpx.Client(
        transport=transport, base_url=BASE_URL, headers={"Authorization": f"Token {TOKEN}"}
    )
    client = Misaka(api_token=TOKEN, transport=transport)
    login = LoginRequest(email="noc@example.net", password="correct-horse-battery")
    login_json = login.to_dict()
    pairs = {
        "GET": (
            lambda: client.ports.get_port("p1"),
            lambda: json.loads(raw.get("/v3/ports/p1").content),
        ),
        "login": (
            lambda: client.session.login(body=login),
            lambda: json.loads(raw.post("/v3/session/login", json=login_json).content),
        ),
    }
    measured = {
        what: paired(ours, reference, number=number, repeat=repeat)
        for what, (ours, reference) in pairs.items()
    }
    client.close()
    raw.close()
    rows = []
    for what, label, goal in (
        ("GET", "small GET (Port info)", "≤ 1.05x"),
        ("login", "login (POST with a body)", "(measured; the goal is for a GET)"),
    ):
        ratio, ours, limit = measured[what]
        rows.append(
            Row(
                f"per call: {label}",
                f"{ours * 1e6:.0f} µs CPU",
                f"raw httpx + json.loads {limit * 1e6:.0f} µs CPU",
                ratio,
                goal,
                ratio <= 1.05 if goal.startswith("≤") else None,
            )
        )
    return rows


# ---- page iteration ------------------------------------------------------------------------------


class Pages(httpx.MockTransport):
    """Serves the prepared pages of the listing by ``offset`` and counts the requests."""

    def __init__(self, pages: dict[int, bytes]) -> None:
        super().__init__(self.answer)
        self.pages = pages
        self.served = 0

    def answer(self, request: httpx.Request) -> httpx.Response:
        self.served += 1
        offset = int(request.url.params.get("offset", 0))
        return httpx.Response(200, content=self.pages[offset], headers=JSON)


def _counted(transport: Pages, walk: Callable[[], list[object]], expected: tuple[int, int]) -> None:
    """Check once that a walk makes the expected number of requests and yields every item."""
    transport.served = 0
    items = walk()
    if (transport.served, len(items)) != expected:
        raise RuntimeError(f"walk made {transport.served} requests for {len(items)} items")


def pagination(total: int, size: int, number: int, repeat: int) -> list[Row]:
    transport = Pages(payloads.recordset_pages(total, size, BASE_URL))
    client = Misaka(api_token=TOKEN, transport=transport)
    zone = payloads.ZONE

    def iterate() -> list[object]:
        return list(client.dns.list_recordsets(zone, limit=size))

    def by_hand() -> list[object]:
        items: list[object] = []
        for offset in range(0, total, size):
            items += client.dns.list_recordsets(zone, limit=size, offset=offset).results
        return items

    expected = (len(transport.pages), total)
    _counted(transport, iterate, expected)
    _counted(transport, by_hand, expected)
    ratio, ours, limit = paired(iterate, by_hand, number=number, repeat=repeat)
    client.close()
    return [
        Row(
            f"iterate a {total:,}-item listing in pages of {size:,} (`for item in page`)",
            f"{ms(ours)} CPU",
            f"the same {len(transport.pages)} pages by hand (`limit=, offset=`, `.results`) "
            f"{ms(limit)} CPU",
            ratio,
            "≤ 1.03x",
            ratio <= 1.03,
        )
    ]


# ---- concurrent async calls ------------------------------------------------------------------


async def _paired(
    ours: Callable[[], Awaitable[object]],
    reference: Callable[[], Awaitable[object]],
    calls: int,
    repeat: int,
) -> tuple[float, float, float]:
    """As ``bench.common.paired``, for ``calls`` concurrent calls of each side (everything
    runs in this process: CPU time is the cost, less moved by other processes than the wall
    clock)."""
    sides = {"ours": ours, "reference": reference}
    for fn in sides.values():
        await asyncio.gather(*(fn() for _ in range(min(calls, 50))))
    ratios: list[float] = []
    samples: dict[str, list[float]] = {name: [] for name in sides}
    for run in range(repeat):
        timed: dict[str, float] = {}
        for name in ("ours", "reference") if run % 2 == 0 else ("reference", "ours"):
            gc.collect()
            started = time.process_time()
            await asyncio.gather(*(sides[name]() for _ in range(calls)))
            timed[name] = time.process_time() - started
            samples[name].append(timed[name])
        ratios.append(timed["ours"] / timed["reference"])
    medians = [statistics.median(samples[name]) for name in ("ours", "reference")]
    return statistics.median(ratios), medians[0], medians[1]


def concurrent(calls: int, repeat: int) -> list[Row]:
    app = create_app()
    token, port = app.config.api_token, PORT["id"]

    async def measure() -> tuple[float, float, float]:
        transport = httpx.ASGITransport(app=app)
        base = "http://127.0.0.1"
        auth = {"Authorization": f"Token {token}"}
        async with (
            httpx.AsyncClient(transport=transport, base_url=base, headers=auth) as raw,
            AsyncMisaka(api_token=token, base_url=base, transport=transport) as client,
        ):

            async def by_raw() -> object:
                return json.loads((await raw.get(f"/v3/ports/{port}")).content)

            async def by_client() -> object:
                return await client.ports.get_port(port)

            return await _paired(by_client, by_raw, calls, repeat)

    ratio, ours, limit = asyncio.run(measure())
    return [
        Row(
            f"{calls:,} concurrent async calls (`asyncio.gather`), in-process stub, vs raw httpx",
            f"{ours * 1e3:.0f} ms CPU",
            f"raw `httpx.AsyncClient` + json.loads, same stub {limit * 1e3:.0f} ms CPU",
            ratio,
            "≤ 1.1x",
            ratio <= 1.1,
        )
    ]
