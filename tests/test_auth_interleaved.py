"""Async single-flight with tasks that really overlap.

The plain ASGI transport answers without giving the event loop a turn, so fifty gathered
tasks would run one after another and single-flight would hold even without its lock. The
transport here yields to the loop before and after each request and counts how many requests
are in flight at once, so every test also proves that its tasks overlapped.
"""

from __future__ import annotations

import asyncio
import collections
from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from misaka_io import AsyncMisaka, MemoryTokenStore
from misaka_io.testing.stub import ManualClock, StubApp
from tests.conftest import LocalClock

LOGIN, REFRESH, TEAMS = "/v3/session/login", "/v3/session/refresh", "/v3/teams"
TASKS = 50


class Yielding(httpx.AsyncBaseTransport):
    """Gives the loop several turns around each request, counting requests per path and the
    most requests to ``TEAMS`` that were in flight at the same time."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.paths: collections.Counter[str] = collections.Counter()
        self.in_flight = 0
        self.most_in_flight = 0
        self.hold_refresh = asyncio.Event()
        self.hold_refresh.set()
        self.refresh_arrived = asyncio.Event()
        self.hold_login = asyncio.Event()
        self.hold_login.set()
        self.login_arrived = asyncio.Event()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        self.paths[path] += 1
        counted = path == TEAMS
        if counted:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            for _ in range(3):
                await asyncio.sleep(0)
            if path == REFRESH:
                self.refresh_arrived.set()
                await self.hold_refresh.wait()
            if path == LOGIN:
                self.login_arrived.set()
                await self.hold_login.wait()
            response = await self.inner.handle_async_request(request)
            for _ in range(3):
                await asyncio.sleep(0)
            return response
        finally:
            if counted:
                self.in_flight -= 1


@pytest.fixture
def yielding(stub: StubApp) -> Yielding:
    return Yielding(httpx.ASGITransport(app=stub))


@pytest.fixture
async def make(yielding: Yielding, clock: ManualClock) -> AsyncIterator[Callable[..., AsyncMisaka]]:
    made: list[AsyncMisaka] = []

    def build(**kwargs: object) -> AsyncMisaka:
        kwargs.setdefault("clock", clock.now)
        client = AsyncMisaka(
            base_url="http://127.0.0.1",
            email="noc@example.net",
            password="correct-horse-battery",
            transport=yielding,
            **kwargs,  # type: ignore[arg-type]
        )
        made.append(client)
        return client

    yield build
    for client in made:
        await client.close()


async def test_fifty_overlapping_tasks_with_an_expired_token_share_one_refresh(
    make: Callable[..., AsyncMisaka], yielding: Yielding, clock: ManualClock
) -> None:
    client = make()
    await client.teams.list_teams()
    clock.advance(400)  # expired for everyone
    results = await asyncio.gather(*(client.teams.list_teams() for _ in range(TASKS)))
    assert len(results) == TASKS
    assert yielding.most_in_flight > 1  # the tasks overlapped
    assert yielding.paths[REFRESH] == 1 and yielding.paths[LOGIN] == 1
    assert yielding.paths[TEAMS] == TASKS + 1


async def test_fifty_overlapping_tasks_refused_with_401_share_one_refresh(
    make: Callable[..., AsyncMisaka], yielding: Yielding, clock: ManualClock
) -> None:
    local = LocalClock(clock)
    client = make(clock=local)
    await client.teams.list_teams()
    local.stop_at(0.0)  # the client believes its token is fresh: every task is refused first
    clock.advance(301)
    results = await asyncio.gather(*(client.teams.list_teams() for _ in range(TASKS)))
    assert len(results) == TASKS
    assert yielding.most_in_flight > 1
    assert yielding.paths[REFRESH] == 1 and yielding.paths[LOGIN] == 1
    # each task was refused once and replayed once, never more
    assert yielding.paths[TEAMS] == 1 + 2 * TASKS


async def test_tasks_arriving_while_a_refresh_is_out_wait_for_it_and_reuse_its_token(
    make: Callable[..., AsyncMisaka], yielding: Yielding, clock: ManualClock
) -> None:
    client = make()
    await client.teams.list_teams()
    clock.advance(400)
    yielding.hold_refresh.clear()
    first = asyncio.ensure_future(client.teams.list_teams())
    await yielding.refresh_arrived.wait()
    later = [asyncio.ensure_future(client.teams.list_teams()) for _ in range(TASKS - 1)]
    for _ in range(20):
        await asyncio.sleep(0)
    assert yielding.paths[TEAMS] == 1  # nobody went ahead with the expired token
    yielding.hold_refresh.set()
    await asyncio.gather(first, *later)
    assert yielding.paths[REFRESH] == 1 and yielding.paths[LOGIN] == 1
    assert yielding.paths[TEAMS] == TASKS + 1


async def test_a_logout_while_another_tasks_refresh_is_out_leaves_no_session_behind(
    make: Callable[..., AsyncMisaka], yielding: Yielding, clock: ManualClock
) -> None:
    store = MemoryTokenStore()
    client = make(token_store=store)
    await client.teams.list_teams()
    clock.advance(400)
    yielding.hold_refresh.clear()
    call = asyncio.ensure_future(client.teams.list_teams())
    await yielding.refresh_arrived.wait()
    logout = asyncio.ensure_future(client.logout())
    for _ in range(20):
        await asyncio.sleep(0)
    yielding.hold_refresh.set()  # the refresh is answered after the logout began
    await asyncio.gather(call, logout)
    assert store.load() is None  # the logout won: nothing to resume from the store


async def test_a_fresh_login_while_another_tasks_refresh_is_out_still_logs_in(
    make: Callable[..., AsyncMisaka], yielding: Yielding, clock: ManualClock
) -> None:
    client = make()
    await client.teams.list_teams()
    clock.advance(400)
    yielding.hold_refresh.clear()
    call = asyncio.ensure_future(client.teams.list_teams())
    await yielding.refresh_arrived.wait()
    fresh = asyncio.ensure_future(client.login(fresh=True))
    for _ in range(20):
        await asyncio.sleep(0)
    yielding.hold_refresh.set()  # the refresh is answered after the fresh login was asked for
    await asyncio.gather(call, fresh)
    assert yielding.paths[LOGIN] == 2  # the password was checked again


async def test_a_logout_while_another_tasks_first_login_is_out_leaves_no_session_behind(
    make: Callable[..., AsyncMisaka], yielding: Yielding
) -> None:
    store = MemoryTokenStore()
    client = make(token_store=store)
    yielding.hold_login.clear()
    call = asyncio.ensure_future(client.teams.list_teams())
    await yielding.login_arrived.wait()
    logout = asyncio.ensure_future(client.logout())  # no session yet: nothing to revoke
    for _ in range(20):
        await asyncio.sleep(0)
    yielding.hold_login.set()  # the login is answered after the logout began
    await asyncio.gather(call, logout)
    assert store.load() is None
    await client.teams.list_teams()
    assert yielding.paths[LOGIN] == 2  # the session was forgotten: logged in anew
