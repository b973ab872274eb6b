"""Fixtures for the overlay's tests: the in-process stub, clients wired to it, and a
recorder in place of the retry sleep."""

from __future__ import annotations

import collections
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest

from misaka_io import AsyncMisaka, Misaka, _retry
from misaka_io.testing.stub import ManualClock, StubApp, StubConfig, create_app
from misaka_io.testing.stub.transport import SyncASGITransport

BASE = "http://127.0.0.1"
EMAIL, PASSWORD = "noc@example.net", "correct-horse-battery"


class Counting(httpx.BaseTransport):
    """Counts requests per path on their way to the stub."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.paths: collections.Counter[str] = collections.Counter()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.paths[request.url.path] += 1
        return self.inner.handle_request(request)


class AsyncCounting(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.paths: collections.Counter[str] = collections.Counter()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.paths[request.url.path] += 1
        return await self.inner.handle_async_request(request)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def stub(clock: ManualClock) -> StubApp:
    return create_app(StubConfig(clock=clock, access_ttl=300))


@pytest.fixture
def transport(stub: StubApp) -> Iterator[Counting]:
    inner = SyncASGITransport(stub)
    yield Counting(inner)
    inner.close()


@pytest.fixture
def atransport(stub: StubApp) -> AsyncCounting:
    return AsyncCounting(httpx.ASGITransport(app=stub))


def _session_defaults(kwargs: dict[str, Any]) -> dict[str, Any]:
    kwargs.setdefault("base_url", BASE)
    if "api_token" not in kwargs:
        kwargs.setdefault("email", EMAIL)
        kwargs.setdefault("password", PASSWORD)
    return kwargs


@pytest.fixture
def make_client(transport: Counting, clock: ManualClock) -> Iterator[Callable[..., Misaka]]:
    made: list[Misaka] = []

    def make(**kwargs: Any) -> Misaka:
        client = Misaka(transport=transport, **_session_defaults(kwargs))
        client._auth.clock = clock.now  # the client reads token expiry on the stub's clock
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
async def amake_client(
    atransport: AsyncCounting, clock: ManualClock
) -> AsyncIterator[Callable[..., AsyncMisaka]]:
    made: list[AsyncMisaka] = []

    def make(**kwargs: Any) -> AsyncMisaka:
        client = AsyncMisaka(transport=atransport, **_session_defaults(kwargs))
        client._auth.clock = clock.now
        made.append(client)
        return client

    yield make
    for client in made:
        await client.close()


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Retry waits are recorded instead of slept."""
    waited: list[float] = []

    async def async_sleep(seconds: float) -> None:
        waited.append(seconds)

    monkeypatch.setattr(_retry, "sleep", waited.append)
    monkeypatch.setattr(_retry, "async_sleep", async_sleep)
    return waited


@pytest.fixture(autouse=True)
def _no_misaka_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("MISAKA_API_TOKEN", "MISAKA_BASE_URL", "MISAKA_EMAIL", "MISAKA_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
