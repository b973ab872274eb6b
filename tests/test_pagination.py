"""Listings return pages: iteration walks every page lazily and always ends."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from misaka_io import AsyncMisaka, AsyncPage, Misaka, SyncPage
from misaka_io.models import Port

BASE = "https://api.example.test"
# Paging is checked on an inferred listing, whose count/next/previous are optional (the
# recorded recordset listing always has them).
PATH = "/v3/ports"


def ports(start: int, stop: int) -> list[dict[str, Any]]:
    return [{"id": f"port-{i}", "name": f"r{i}"} for i in range(start, stop)]


def serving(
    answer: Callable[[httpx.Request], dict[str, Any]],
) -> tuple[httpx.MockTransport, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=answer(request))

    return httpx.MockTransport(handler), seen


def by_offset(total: int) -> Callable[[httpx.Request], dict[str, Any]]:
    """A server that pages by limit/offset and sends no ``next``."""

    def answer(request: httpx.Request) -> dict[str, Any]:
        offset = int(request.url.params.get("offset", 0))
        limit = int(request.url.params.get("limit", 100))
        return {"results": ports(offset, min(offset + limit, total))}

    return answer


def client(transport: httpx.BaseTransport) -> Misaka:
    return Misaka(api_token="t0ken-for-tests", base_url=BASE, transport=transport, max_retries=0)


def test_one_for_walks_every_page_lazily() -> None:
    transport, seen = serving(by_offset(260))
    page = client(transport).ports.list_ports()
    assert isinstance(page, SyncPage) and len(page.results) == 100 and len(seen) == 1
    names = []
    for rs in page:
        assert isinstance(rs, Port)
        names.append(rs.name)
        if len(names) == 100:
            assert len(seen) == 1, "the second page is fetched only when needed"
    assert names == [f"r{i}" for i in range(260)]
    assert [int(r.url.params["offset"]) for r in seen] == [0, 100, 200]


def test_pages_by_hand() -> None:
    transport, _ = serving(by_offset(5))
    first = client(transport).ports.list_ports(limit=2)
    assert first.has_next_page()
    second = first.next_page()
    assert [rs.name for rs in second.results] == ["r2", "r3"]
    pages = list(first.iter_pages())
    assert [len(p.results) for p in pages] == [2, 2, 1]
    assert not pages[-1].has_next_page()
    with pytest.raises(RuntimeError, match="last page"):
        pages[-1].next_page()


def test_follows_next_and_keeps_the_filters() -> None:
    def answer(request: httpx.Request) -> dict[str, Any]:
        cursor = request.url.params.get("cursor")
        if cursor is None:
            return {"results": ports(0, 2), "next": f"{BASE}{PATH}?cursor=b&device=r"}
        if cursor == "b":
            return {"results": ports(2, 4), "next": f"{PATH}?cursor=c&device=r"}
        return {"results": ports(4, 5), "next": None}

    transport, seen = serving(answer)
    names = [rs.name for rs in client(transport).ports.list_ports(device="r")]
    assert names == ["r0", "r1", "r2", "r3", "r4"]
    assert [r.url.params.get("cursor") for r in seen] == [None, "b", "c"]


@pytest.mark.parametrize(
    "answer",
    [
        # the same next again and again
        lambda r: {"results": ports(0, 2), "next": f"{PATH}?offset=2&limit=2"},
        # a server that ignores offset: every page repeats the first
        lambda r: {"results": ports(0, 2)},
        # count says there is more, pages are empty
        lambda r: {"results": [] if r.url.params.get("offset") != "0" else ports(0, 2)},
    ],
    ids=["repeated-next", "does-not-advance", "empty-page"],
)
def test_never_loops(answer: Callable[[httpx.Request], dict[str, Any]]) -> None:
    transport, seen = serving(answer)
    items = list(client(transport).ports.list_ports(limit=2))
    assert len(seen) <= 3
    assert [rs.name for rs in items] == ["r0", "r1"], "no item twice, none lost"


def test_stops_at_count_and_on_a_short_page() -> None:
    counted, seen = serving(lambda r: {"results": ports(0, 2), "count": 2})
    assert len(list(client(counted).ports.list_ports(limit=2))) == 2
    assert len(seen) == 1
    short, seen = serving(by_offset(3))
    assert len(list(client(short).ports.list_ports(limit=2))) == 3
    assert len(seen) == 2


def test_a_next_on_another_path_is_not_followed() -> None:
    def answer(request: httpx.Request) -> dict[str, Any]:
        offset = int(request.url.params.get("offset", 0))
        return {"results": ports(offset, min(offset + 2, 4)), "next": "/v3/account/password"}

    transport, seen = serving(answer)
    assert len(list(client(transport).ports.list_ports(limit=2))) == 4
    assert {r.url.path for r in seen} == {PATH}


def test_async_pages() -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=by_offset(7)(request))

    async def run() -> tuple[list[str], int]:
        async with AsyncMisaka(
            api_token="t0ken-for-tests", base_url=BASE, transport=httpx.MockTransport(handler)
        ) as aclient:
            page = await aclient.ports.list_ports(limit=3)
            assert isinstance(page, AsyncPage)
            names = [rs.name async for rs in page]
            pages = [p async for p in page.iter_pages()]
            return names, len(pages)

    names, pages = asyncio.run(run())
    assert names == [f"r{i}" for i in range(7)] and pages == 3


def test_the_page_keeps_the_whole_answer() -> None:
    transport, _ = serving(lambda r: {"results": ports(0, 1), "count": 1, "cursor": "x"})
    page = client(transport).ports.list_ports()
    assert page.listing.count == 1 and page.listing["cursor"] == "x"
    assert json.loads(json.dumps(page.listing.to_dict()))["cursor"] == "x"


def test_a_known_count_is_followed_past_short_pages() -> None:
    """A server that caps ``limit`` below what was asked still gives every item when it says
    how many there are."""

    def answer(request: httpx.Request) -> dict[str, Any]:
        offset = int(request.url.params.get("offset", 0))
        return {"results": ports(offset, min(offset + 3, 7)), "count": 7}

    transport, seen = serving(answer)
    assert len(list(client(transport).ports.list_ports(limit=100))) == 7
    assert len(seen) == 3
