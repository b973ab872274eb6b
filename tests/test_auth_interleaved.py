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
from typing import Any

import httpx
import pytest

from misaka_io import AsyncMisaka, MemoryTokenStore
from misaka_io.testing.stub import ManualClock, StubApp
from tests.conftest import LocalClock

LOGIN, REFRESH, LOGOUT = "/v3/session/login", "/v3/session/refresh", "/v3/session/logout"
TEAMS = "/v3/teams"
TASKS = 50


class Yielding(httpx.AsyncBaseTransport):
    """Gives the loop several turns around each request, counting requests per path and the
    most requests to ``TEAMS`` that were in flight at the same time."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.paths: collections.Counter[str] = collections.Counter()
        self.in_flight = 0
        self.most_in_flight = 0
        self.open = {path: asyncio.Event() for path in (LOGIN, REFRESH, LOGOUT)}
        for gate in self.open.values():
            gate.set()
        self.arrived = {path: asyncio.Event() for path in self.open}

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
            if path in self.open:
                self.arrived[path].set()
                await self.open[path].wait()
            response = await self.inner.handle_async_request(request)
            for _ in range(3):
                await asyncio.sleep(0)
            return response
        finally:
            if counted:
                self.in_flight -= 1

    def hold(self, path: str) -> None:
        """Keep requests to ``path`` waiting (``arrived[path]`` says when one came)."""
        self.open[path].clear()

    def let_go(self, path: str) -> None:
        self.open[path].set()


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


async def _a_refresh_out(
    client: AsyncMisaka, yielding: Yielding, clock: ManualClock
) -> asyncio.Future[Any]:
    """``client`` logged in, its token expired, and a call whose refresh is held out."""
    await client.teams.list_teams()
    clock.advance(400)
    yielding.hold(REFRESH)
    call = asyncio.ensure_future(client.teams.list_teams())
    await yielding.arrived[REFRESH].wait()
    return call


async def test_tasks_arriving_while_a_refresh_is_out_wait_for_it_and_reuse_its_token(
    make: Callable[..., AsyncMisaka], yielding: Yielding, clock: ManualClock
) -> None:
    client = make()
    first = await _a_refresh_out(client, yielding, clock)
    later = [asyncio.ensure_future(client.teams.list_teams()) for _ in range(TASKS - 1)]
    for _ in range(20):
        await asyncio.sleep(0)
    assert yielding.paths[TEAMS] == 1  # nobody went ahead with the expired token
    yielding.let_go(REFRESH)
    await asyncio.gather(first, *later)
    assert yielding.paths[REFRESH] == 1 and yielding.paths[LOGIN] == 1
    assert yielding.paths[TEAMS] == TASKS + 1


async def test_a_logout_while_another_tasks_refresh_is_out_leaves_no_session_behind(
    make: Callable[..., AsyncMisaka], yielding: Yielding, clock: ManualClock
) -> None:
    """The logout's own request waits for the refresh (it needs the session too), so the
    logout comes after it: held here, since the forget that follows must not be undone."""
    store = MemoryTokenStore()
    client = make(token_store=store)
    call = await _a_refresh_out(client, yielding, clock)
    logout = asyncio.ensure_future(client.logout())
    for _ in range(20):
        await asyncio.sleep(0)
    yielding.let_go(REFRESH)  # the refresh is answered after the logout began
    await asyncio.gather(call, logout)
    assert store.load() is None  # the logout won: nothing to resume from the store


async def test_a_fresh_login_while_another_tasks_refresh_is_out_still_logs_in(
    make: Callable[..., AsyncMisaka], yielding: Yielding, clock: ManualClock
) -> None:
    client = make()
    call = await _a_refresh_out(client, yielding, clock)
    fresh = asyncio.ensure_future(client.login(fresh=True))
    for _ in range(20):
        await asyncio.sleep(0)
    yielding.let_go(REFRESH)  # the refresh is answered after the fresh login was asked for
    await asyncio.gather(call, fresh)
    assert yielding.paths[LOGIN] == 2  # the password was checked again


async def test_a_logout_while_another_tasks_first_login_is_out_leaves_no_session_behind(
    make: Callable[..., AsyncMisaka], yielding: Yielding
) -> None:
    store = MemoryTokenStore()
    client = make(token_store=store)
    yielding.hold(LOGIN)
    call = asyncio.ensure_future(client.teams.list_teams())
    await yielding.arrived[LOGIN].wait()
    logout = asyncio.ensure_future(client.logout())  # no session yet: nothing to revoke
    for _ in range(20):
        await asyncio.sleep(0)
    yielding.let_go(LOGIN)  # the login is answered after the logout began
    await asyncio.gather(call, logout)
    assert store.load() is None
    await client.teams.list_teams()
    assert yielding.paths[LOGIN] == 2  # the session was forgotten: logged in anew


async def test_a_logout_cancelled_while_another_task_refreshes_keeps_no_revoked_session(
    make: Callable[..., AsyncMisaka], yielding: Yielding, clock: ManualClock
) -> None:
    store = MemoryTokenStore()
    client = make(token_store=store)
    await client.teams.list_teams()
    yielding.hold(LOGOUT)
    logout = asyncio.ensure_future(client.logout())
    await yielding.arrived[LOGOUT].wait()  # the session is being revoked
    clock.advance(280)  # 20 s left: the next call refreshes early; the logout's token is good
    yielding.hold(REFRESH)
    call = asyncio.ensure_future(client.teams.list_teams())
    await yielding.arrived[REFRESH].wait()  # another task's refresh holds the session's lock
    yielding.let_go(LOGOUT)
    for _ in range(200):  # the logout is answered, then waits for that refresh
        await asyncio.sleep(0)
        if store.load() is None:
            break
    logout.cancel()
    with pytest.raises(asyncio.CancelledError):
        await logout
    assert store.load() is None  # the revoked session is not kept for the next run
    yielding.let_go(REFRESH)
    await asyncio.gather(call, return_exceptions=True)
