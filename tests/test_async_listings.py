"""An async listing is an ``AsyncPaginator``: ``async for`` over the call walks every item of
every page, ``await`` gives the first page, and nothing is sent before either."""

from __future__ import annotations

import warnings
from collections.abc import Callable

import pytest

from misaka_io import AsyncMisaka, AsyncPage, Misaka
from misaka_io.testing.stub import StubApp
from tests.conftest import AsyncCounting

ZONE = "example.net"  # the stub's seeded zone: three recordsets
LISTING = f"/v3/dns/zones/{ZONE}/recordsets"


async def test_async_for_over_a_listing_call_walks_every_item_of_every_page(
    amake_client: Callable[..., AsyncMisaka],
    make_client: Callable[..., Misaka],
    atransport: AsyncCounting,
    stub: StubApp,
) -> None:
    client = amake_client(api_token=stub.config.api_token)
    walked = [rs.name async for rs in client.dns.list_recordsets(ZONE, limit=1)]
    synced = [
        rs.name for rs in make_client(api_token=stub.config.api_token).dns.list_recordsets(ZONE)
    ]
    assert walked == synced
    assert len(walked) == 3
    assert atransport.paths[LISTING] == 3  # a page of one recordset at a time


async def test_awaiting_a_listing_call_gives_its_first_page_only(
    amake_client: Callable[..., AsyncMisaka], atransport: AsyncCounting, stub: StubApp
) -> None:
    client = amake_client(api_token=stub.config.api_token)
    first = await client.dns.list_recordsets(ZONE, limit=2)
    assert isinstance(first, AsyncPage)
    assert len(first.results) == 2
    assert first.has_next_page()
    assert atransport.paths[LISTING] == 1
    assert [rs.name async for rs in first] == [
        rs.name async for rs in client.dns.list_recordsets(ZONE)
    ]


async def test_a_listing_call_sends_nothing_until_awaited_or_iterated(
    amake_client: Callable[..., AsyncMisaka], atransport: AsyncCounting, stub: StubApp
) -> None:
    client = amake_client(api_token=stub.config.api_token)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "coroutine was never awaited"
        client.dns.list_recordsets(ZONE)
    assert atransport.paths[LISTING] == 0


async def test_a_wrong_listing_parameter_raises_at_the_call_before_anything_is_sent(
    amake_client: Callable[..., AsyncMisaka], atransport: AsyncCounting, stub: StubApp
) -> None:
    client = amake_client(api_token=stub.config.api_token)
    with pytest.raises(TypeError, match="limit"):
        client.ports.list_ports(limit="ten")  # type: ignore[arg-type]
    assert sum(atransport.paths.values()) == 0


async def test_a_raw_listing_is_awaited_for_the_answer_of_its_first_page(
    amake_client: Callable[..., AsyncMisaka], stub: StubApp
) -> None:
    client = amake_client(api_token=stub.config.api_token)
    answer = await client.with_raw_response.dns.list_recordsets(ZONE, limit=2)
    assert answer.status_code == 200
    page = answer.parse()
    assert isinstance(page, AsyncPage)
    assert len(page.results) == 2
