"""The page walk's rules on pages made by hand: where the next page is, when the walk stops,
what its errors say, and ``every_item``'s progress. ``test_pagination.py`` walks listings
through the client; these pin what it leaves open (each was a surviving mutant of
``_pagination.py``: see reports/mutation.md).
"""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any, cast

import pytest

from misaka_io import AsyncPage, ConfigurationError, SyncPage
from misaka_io._pagination import (
    PaginationError,
    check_max_pages,
    every_item,
    every_item_async,
    has_next,
)
from misaka_io_generated.types import Request

PATH = "/v3/ports"
ITEMS = list(range(10))


def request(**params: Any) -> Request[Any]:
    return Request(operation=cast(Any, None), path=PATH, params=params)


def listing(items: list[int], **fields: Any) -> SimpleNamespace:
    """An answer with ``results`` and only the fields given (``count``, ``next_``)."""
    return SimpleNamespace(results=items, **fields)


class Server:
    """Answers by ``offset`` and ``limit`` out of ``ITEMS``; ``fields`` makes the other
    fields of each answer from its offset and limit. Records each request."""

    def __init__(self, fields: Any = lambda offset, limit: {"count": len(ITEMS)}) -> None:
        self.fields = fields
        self.requests: list[Request[Any]] = []

    def answer(self, req: Request[Any]) -> SimpleNamespace:
        self.requests.append(req)
        offset, limit = int(req.params.get("offset", 0)), int(req.params["limit"])
        return listing(ITEMS[offset : offset + limit], **self.fields(offset, limit))

    def fetch(self, req: Request[Any], previous: SyncPage[int]) -> SyncPage[int]:
        return SyncPage(req, self.answer(req), self.fetch, previous=previous)

    def first(self, **params: Any) -> SyncPage[int]:
        req = request(**params)
        return SyncPage(req, self.answer(req), self.fetch)

    async def afetch(self, req: Request[Any], previous: AsyncPage[int]) -> AsyncPage[int]:
        return AsyncPage(req, self.answer(req), self.afetch, previous=previous)

    async def afirst(self, **params: Any) -> AsyncPage[int]:
        req = request(**params)
        return AsyncPage(req, self.answer(req), self.afetch)


# ---- the limits and their messages ---------------------------------------------------------


def test_max_pages_of_one_is_allowed_and_zero_is_refused_naming_the_value() -> None:
    assert check_max_pages(1) == 1
    with pytest.raises(ConfigurationError, match="at least 1: 0"):
        check_max_pages(0)


def test_a_pagination_error_made_without_pages_read_says_none() -> None:
    assert PaginationError("stopped").pages == 0


def test_asking_past_the_last_page_says_to_check_first() -> None:
    first = Server().first(limit=5)
    assert first.has_next_page() and has_next(first)
    last = first.next_page()
    assert not last.has_next_page() and not has_next(last)
    with pytest.raises(RuntimeError) as info:
        last.next_page()
    assert str(info.value) == "this is the last page: check has_next_page() first"


def test_a_next_that_names_the_page_itself_is_a_loop() -> None:
    server = Server(lambda offset, limit: {"next_": f"https://api.example.test{PATH}?limit=2"})
    with pytest.raises(PaginationError) as info:
        list(server.first(limit=2))
    assert str(info.value) == (
        f"the listing {PATH} does not end: after page 1 the server's next names a page already read"
    )
    assert info.value.pages == 1


def test_the_max_pages_error_names_the_listing_and_the_way_out() -> None:
    page = SyncPage(request(limit=2), listing(ITEMS[:2], count=10), Server().fetch, max_pages=1)
    with pytest.raises(PaginationError) as info:
        page.next_page()
    assert str(info.value) == (
        f"the listing {PATH} has more than 1 pages (max_pages): stopped; raise max_pages "
        "(misaka: --max-pages) if the account holds that much"
    )


# ---- where the next page is ------------------------------------------------------------------


def test_the_next_offset_follows_the_items_from_an_unstated_offset() -> None:
    server = Server()
    assert list(server.first(limit=4)) == ITEMS
    assert [r.params.get("offset") for r in server.requests] == [None, 4, 8]


def test_a_listing_without_next_or_count_walks_until_a_short_page() -> None:
    server = Server(lambda offset, limit: {})
    assert list(server.first(limit=4)) == ITEMS
    assert len(server.requests) == 3


def test_a_next_that_is_not_text_is_ignored_for_the_offset() -> None:
    server = Server(lambda offset, limit: {"count": len(ITEMS), "next_": 5})
    assert list(server.first(limit=5)) == ITEMS


def test_a_next_under_a_prefix_is_followed_with_its_whole_query_blank_values_too() -> None:
    def fields(offset: int, limit: int) -> dict[str, Any]:
        if offset:
            return {"count": len(ITEMS), "next_": None}
        url = f"https://api.example.test/api{PATH}?offset=5&limit=5&cursor=c2&search="
        return {"count": len(ITEMS), "next_": url}

    server = Server(fields)
    assert list(server.first(limit=5)) == ITEMS
    assert server.requests[1].params == {"offset": "5", "limit": "5", "cursor": "c2", "search": ""}


class Repeating(Server):
    """Ignores the offset: every page is the first."""

    def answer(self, req: Request[Any]) -> SimpleNamespace:
        self.requests.append(req)
        return listing(ITEMS[:3], count=len(ITEMS))


async def test_the_async_walk_skips_a_page_that_repeats_the_last() -> None:
    server = Repeating()
    assert [item async for item in await server.afirst(limit=3)] == ITEMS[:3]
    assert len(server.requests) == 2


# ---- every item, with progress ---------------------------------------------------------------


def test_repr_names_the_page_size_and_the_path() -> None:
    assert repr(Server().first(limit=3)) == f"<SyncPage of 3 items, {PATH}>"


def test_every_item_passes_the_arguments_on_and_reports_each_page() -> None:
    server, seen, asked = Server(), [], []

    def list_page(zone: str, *, limit: int, offset: int) -> SyncPage[int]:
        asked.append((zone, limit, offset))
        return server.first(limit=limit, offset=offset)

    items = every_item(
        list_page, "example.net", page_size=4, on_page=lambda n, t: seen.append((n, t)), offset=0
    )
    assert list(items) == ITEMS
    assert asked == [("example.net", 4, 0)]
    assert seen == [(4, 10), (8, 10), (10, 10)]


@pytest.mark.parametrize("fields", [{"count": "many"}, {}], ids=["not-a-number", "none"])
def test_every_item_reports_no_total_when_the_server_gives_none(fields: dict[str, Any]) -> None:
    server, seen = Server(lambda offset, limit: fields), []
    items = every_item(server.first, page_size=6, on_page=lambda n, t: seen.append((n, t)))
    assert list(items) == ITEMS and seen == [(6, None), (10, None)]


def test_every_item_async_passes_the_arguments_on_and_reports_each_page() -> None:
    server, seen, asked = Server(), [], []

    async def list_page(zone: str, *, limit: int, offset: int) -> AsyncPage[int]:
        asked.append((zone, limit, offset))
        return await server.afirst(limit=limit, offset=offset)

    async def walk() -> list[int]:
        def progress(n: int, total: int | None) -> None:
            seen.append((n, total))

        found = every_item_async(list_page, "example.net", page_size=5, on_page=progress, offset=0)
        return [item async for item in found]

    assert asyncio.run(walk()) == ITEMS
    assert asked == [("example.net", 5, 0)]
    assert seen == [(5, 10), (10, 10)]
