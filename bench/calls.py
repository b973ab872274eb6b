"""The client's own cost over raw httpx: a small call (per-call overhead), walking a paged
listing (iteration against fetching the same pages by hand), both over an
``httpx.MockTransport`` serving prepared bytes so that only the client's work differs; and
many concurrent async calls against raw ``httpx.AsyncClient``, both on the same in-process
stub."""

from __future__ import annotations

import asyncio
import json
import statistics
import time
from collections.abc import Awaitable, Callable

import httpx

from bench import payloads
from bench.common import Row, interleaved, ms
from contract_tests.stub import create_app, seed
from misaka_io import AsyncMisaka, Misaka
from misaka_io.models import LoginRequest

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
    times = interleaved(
        {
            "raw GET": lambda: json.loads(raw.get("/v3/ports/p1").content),
            "overlay GET": lambda: client.ports.get_port("p1"),
            "raw login": lambda: json.loads(raw.post("/v3/session/login", json=login_json).content),
            "overlay login": lambda: client.session.login(body=login),
        },
        number=number,
        repeat=repeat,
    )
    client.close()
    raw.close()
    rows = []
    for what, label, goal in (
        ("GET", "small GET (Port info)", "≤ 1.05x"),
        ("login", "login (POST with a body)", "(measured; the goal is for a GET)"),
    ):
        ours, limit = times[f"overlay {what}"], times[f"raw {what}"]
        rows.append(
            Row(
                f"per call: {label}",
                f"{ours * 1e6:.0f} µs",
                f"raw httpx + json.loads {limit * 1e6:.0f} µs",
                ours / limit,
                goal,
                ours / limit <= 1.05 if goal.startswith("≤") else None,
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
    times = interleaved({"iterate": iterate, "by hand": by_hand}, number=number, repeat=repeat)
    client.close()
    ours, limit = times["iterate"], times["by hand"]
    return [
        Row(
            f"iterate a {total:,}-item listing in pages of {size:,} (`for item in page`)",
            ms(ours),
            f"the same {len(transport.pages)} pages by hand (`limit=, offset=`, `.results`) "
            f"{ms(limit)}",
            ours / limit,
            "≤ 1.03x",
            ours / limit <= 1.03,
        )
    ]


# ---- concurrent async calls ------------------------------------------------------------------


async def _paired(
    fns: dict[str, Callable[[], Awaitable[object]]], calls: int, repeat: int
) -> dict[str, float]:
    """Median CPU seconds of ``calls`` concurrent calls of each function, alternating which
    goes first (everything runs in this process: CPU time is the cost, and is less moved by
    other processes than the wall clock)."""
    samples: dict[str, list[float]] = {name: [] for name in fns}
    for fn in fns.values():
        await asyncio.gather(*(fn() for _ in range(min(calls, 50))))
    order = list(fns)
    for _ in range(repeat):
        for name in order:
            started = time.process_time()
            await asyncio.gather(*(fns[name]() for _ in range(calls)))
            samples[name].append(time.process_time() - started)
        order.reverse()
    return {name: statistics.median(times) for name, times in samples.items()}


def concurrent(calls: int, repeat: int) -> list[Row]:
    app = create_app()
    token, port = app.config.api_token, PORT["id"]

    async def measure() -> dict[str, float]:
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

            return await _paired({"raw": by_raw, "ours": by_client}, calls, repeat)

    times = asyncio.run(measure())
    ours, limit = times["ours"], times["raw"]
    return [
        Row(
            f"{calls:,} concurrent async calls (`asyncio.gather`), in-process stub, vs raw httpx",
            f"{ours * 1e3:.0f} ms CPU",
            f"raw `httpx.AsyncClient` + json.loads, same stub {limit * 1e3:.0f} ms CPU",
            ours / limit,
            "≤ 1.1x",
            ours / limit <= 1.1,
        )
    ]
