"""Fixtures for the overlay's tests: the in-process stub, clients wired to it (on the stub's
clock), and a recorder in place of the retry sleep (injected with ``sleep=``)."""

from __future__ import annotations

import collections
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from misaka_io import AsyncMisaka, Misaka
from misaka_io.testing.stub import ManualClock, StubApp, StubConfig, create_app
from misaka_io.testing.stub.transport import SyncASGITransport
from tests.cli_support import Cli, served_stub

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


class LocalClock:
    """A client's local clock (``clock=``): the stub's, until a test stops it at a time (the
    client then believes its token is still fresh while the server's clock runs on)."""

    def __init__(self, clock: ManualClock) -> None:
        self.clock = clock
        self.stopped: float | None = None

    def __call__(self) -> float:
        return self.clock.now() if self.stopped is None else self.stopped

    def stop_at(self, when: float) -> None:
        self.stopped = when


class Sleeps(list[float]):
    """The waits a client was asked to make, recorded instead of slept."""

    def sleep(self, seconds: float) -> None:
        self.append(seconds)

    async def async_sleep(self, seconds: float) -> None:
        self.append(seconds)


def _clocks(
    kwargs: dict[str, Any],
    clock: ManualClock,
    request: pytest.FixtureRequest,
    *,
    asynchronous: bool = False,
) -> None:
    """The client reads token expiry on the stub's clock; a test that asks for ``sleeps``
    has its clients record their waits there."""
    kwargs.setdefault("clock", clock.now)
    if "sleeps" in request.fixturenames and "sleep" not in kwargs:
        sleeps: Sleeps = request.getfixturevalue("sleeps")
        kwargs["sleep"] = sleeps.async_sleep if asynchronous else sleeps.sleep


@pytest.fixture
def make_client(
    transport: Counting, clock: ManualClock, request: pytest.FixtureRequest
) -> Iterator[Callable[..., Misaka]]:
    made: list[Misaka] = []

    def make(**kwargs: Any) -> Misaka:
        _clocks(kwargs, clock, request)
        client = Misaka(transport=transport, **_session_defaults(kwargs))
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
async def amake_client(
    atransport: AsyncCounting, clock: ManualClock, request: pytest.FixtureRequest
) -> AsyncIterator[Callable[..., AsyncMisaka]]:
    made: list[AsyncMisaka] = []

    def make(**kwargs: Any) -> AsyncMisaka:
        _clocks(kwargs, clock, request, asynchronous=True)
        client = AsyncMisaka(transport=atransport, **_session_defaults(kwargs))
        made.append(client)
        return client

    yield make
    for client in made:
        await client.close()


@pytest.fixture
def sleeps() -> Sleeps:
    """Retry waits are recorded instead of slept, by the clients of ``make_client`` and
    ``amake_client`` (and any client given ``sleep=sleeps.sleep`` or ``sleeps.async_sleep``)."""
    return Sleeps()


@pytest.fixture(autouse=True)
def _dns_values_checked_afresh() -> None:
    """Each test checks its DNS values itself: values an earlier test left in dns_values'
    cache of checked values would keep the checking code from running (and hide it from
    make mutate, which runs for a mutant only the tests that reached its code)."""
    from misaka_io import dns_values

    dns_values.wire_value.cache_clear()
    dns_values.value_key.cache_clear()


@pytest.fixture(autouse=True)
def _no_misaka_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("MISAKA_API_TOKEN", "MISAKA_BASE_URL", "MISAKA_EMAIL", "MISAKA_PASSWORD"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def stub_url() -> Iterator[str]:
    """The stub served over HTTP, one per test module (for the ``misaka`` command)."""
    yield from served_stub()


@pytest.fixture
def cli(stub_url: str, tmp_path: Path) -> Cli:
    """``misaka`` against ``stub_url``, with a config directory of the test's own and the
    stub's API token (a module may define its own ``cli`` and ``stub_url``)."""
    return Cli(stub_url, tmp_path / "config")
