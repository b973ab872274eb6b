"""The client's own cost over raw httpx: a small call (per-call overhead) and walking a
paged listing (iteration against fetching the same pages by hand). Both run over an
``httpx.MockTransport`` serving prepared bytes, so only the client's work differs."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx

from bench import payloads
from bench.common import Row, interleaved, ms
from misaka_io import Misaka
from misaka_io.models import LoginRequest
from misaka_io.testing.stub import seed

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
        ("GET", "small GET (Port info)", "≤ 1.1x"),
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
                ours / limit <= 1.1 if goal.startswith("≤") else None,
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
            "≤ 1.05x",
            ours / limit <= 1.05,
        )
    ]
