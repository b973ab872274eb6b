"""Listings are bounded: a server that sends a new ``next`` forever, or a ``next`` that leads
back to a page already read, ends the walk with ``PaginationError`` (sync, async, the
command line's ``--all``) instead of walking on and growing."""

from __future__ import annotations

import asyncio
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from misaka_io import (
    AsyncMisaka,
    ConfigurationError,
    Misaka,
    MisakaError,
    PaginationError,
    RequestOptions,
)
from misaka_io.testing.stub.server import serve
from tests.cli_support import Cli, one_line

BASE = "https://api.example.test"
PATH = "/v3/ports"


def endless(request: httpx.Request) -> dict[str, Any]:
    """A new page, and a new ``next``, every time."""
    n = int(request.url.params.get("cursor", 0))
    return {"results": [{"id": f"port-{n}", "name": f"r{n}"}], "next": f"{PATH}?cursor={n + 1}"}


def looping(request: httpx.Request) -> dict[str, Any]:
    """Pages 0, 1, 2, then a ``next`` back to page 1."""
    n = int(request.url.params.get("cursor", 0))
    after = n + 1 if n < 2 else 1
    return {"results": [{"id": f"port-{n}", "name": f"r{n}"}], "next": f"{PATH}?cursor={after}"}


class Server:
    """A transport that answers every listing with ``answer`` and counts the requests."""

    def __init__(self, answer: Any) -> None:
        self.answer, self.requests = answer, 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        if self.requests > 1_000:  # the test's own bound: the client did not stop
            raise AssertionError("the client walked on")
        return httpx.Response(200, json=self.answer(request))

    def asgi(self) -> Any:
        """The same answers as an ASGI app, to serve over HTTP."""

        async def app(scope: Any, receive: Any, send: Any) -> None:
            assert scope["type"] == "http"
            url = httpx.URL(BASE).copy_with(path=scope["path"], query=scope["query_string"])
            body = self(httpx.Request("GET", url)).content
            headers = [(b"content-type", b"application/json")]
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        return app


def client(server: Server, **kwargs: Any) -> Misaka:
    return Misaka(
        api_token="t0ken-for-tests",
        base_url=BASE,
        transport=httpx.MockTransport(server),
        max_retries=0,
        **kwargs,
    )


def _walk(pages: Any) -> tuple[list[str], PaginationError]:
    names: list[str] = []
    with pytest.raises(PaginationError) as caught:
        for port in pages:
            names.append(port.name)
    return names, caught.value


def test_a_listing_that_never_ends_stops_after_max_pages_of_the_client() -> None:
    server = Server(endless)
    names, error = _walk(client(server, max_pages=5).ports.list_ports())
    assert names == [f"r{i}" for i in range(5)], "the items read are yielded, none twice"
    assert server.requests == 5 and error.pages == 5
    assert "max_pages" in str(error) and isinstance(error, MisakaError)


def test_the_default_bound_is_10000_pages() -> None:
    api = client(Server(endless))
    assert api.max_pages == 10_000 and api.with_options(max_pages=7).max_pages == 7


def test_max_pages_per_call_and_per_copy_of_the_client() -> None:
    server = Server(endless)
    names, _ = _walk(client(server, max_pages=50).ports.list_ports(max_pages=3))
    assert len(names) == 3
    names, _ = _walk(client(server).with_options(max_pages=2).ports.list_ports())
    assert len(names) == 2


def test_a_next_back_to_a_page_already_read_is_an_error() -> None:
    server = Server(looping)
    names, error = _walk(client(server).ports.list_ports())
    assert names == ["r0", "r1", "r2"] and server.requests == 3
    assert "already read" in str(error) and error.pages == 3


def test_pages_by_hand_stop_too() -> None:
    page = client(Server(endless), max_pages=2).ports.list_ports()
    second = page.next_page()
    assert second.number == 2 and second.has_next_page()
    with pytest.raises(PaginationError):
        second.next_page()


def test_async_listings_are_bounded_too() -> None:
    async def walk(answer: Any, **kwargs: Any) -> tuple[list[str], Server]:
        server = Server(answer)

        async def handler(request: httpx.Request) -> httpx.Response:
            return server(request)

        async with AsyncMisaka(
            api_token="t0ken-for-tests",
            base_url=BASE,
            transport=httpx.MockTransport(handler),
            max_retries=0,
            **kwargs,
        ) as api:
            names: list[str] = []
            with pytest.raises(PaginationError):
                async for port in await api.ports.list_ports():
                    names.append(port.name)
        return names, server

    names, server = asyncio.run(walk(endless, max_pages=4))
    assert len(names) == 4 and server.requests == 4
    names, server = asyncio.run(walk(looping))
    assert names == ["r0", "r1", "r2"]


@pytest.mark.parametrize("bad", [0, -1, True, 2.5, "10"])
def test_max_pages_must_be_a_whole_number_of_at_least_one(bad: Any) -> None:
    with pytest.raises(ConfigurationError):
        Misaka(api_token="t0ken-for-tests", base_url=BASE, max_pages=bad)
    with pytest.raises(ConfigurationError):
        RequestOptions.of(max_pages=bad)


def test_the_error_pickles() -> None:
    error = pickle.loads(pickle.dumps(PaginationError("stopped", pages=7)))  # noqa: S301 - our own bytes
    assert isinstance(error, PaginationError) and error.pages == 7 and str(error) == "stopped"


# ---- the command line --------------------------------------------------------------------------


@pytest.fixture(params=[endless, looping], ids=["endless", "looping"])
def hostile(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Cli]:
    server = Server(request.param)
    with serve(server.asgi()) as url:
        yield Cli(url, tmp_path / "config")


def test_all_stops_with_one_line_and_exit_1(hostile: Cli) -> None:
    done = hostile("ports", "list", "--all", "--max-pages", "20", "-o", "json")
    assert done.code == 1, done.err
    line = one_line(done.err)
    assert "max_pages" in line or "already read" in line
    assert done.out == ""
