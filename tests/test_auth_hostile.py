"""Auth against broken clocks, failing refreshes, login storms and many callers at once
(issue 11, items 4 and 5, the login budget, single flight).

Two servers play the other side (``tests.auth_support``): the stub (real sessions on a
manual clock), and a small scripted session server on ``httpx.MockTransport`` for what the
stub does not do (a ``Date`` header, tokens without ``iat``, hostile refresh answers,
refusing every token).
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from misaka_io import (
    AsyncMisaka,
    FileTokenStore,
    TooManyLogins,
)
from misaka_io._login_budget import MAX_LOGINS_PER_MINUTE
from misaka_io.testing.stub import ManualClock
from tests.auth_support import (
    LOGIN,
    REFRESH,
    Hostile,
    Scripted,
    StubSetup,
    crowd,
    scripted_client,
    stub_setups,
    yielding_stub,
)
from tests.conftest import BASE, EMAIL, PASSWORD, Sleeps


@pytest.fixture
def setup() -> Iterator[Callable[..., StubSetup]]:
    yield from stub_setups()


# ---- item 4: clock skew and the early-refresh window -----------------------------------------


@pytest.mark.parametrize("refresh_ttl", [86_400.0, 300.0], ids=["refresh-fresh", "refresh-short"])
def test_local_clock_ten_minutes_ahead_makes_no_refresh_or_login_storm(
    setup: Callable[..., StubSetup], refresh_ttl: float
) -> None:
    stub = setup(access_ttl=300, refresh_ttl=refresh_ttl)
    stub.local_offset = 600.0
    client = stub.client()
    for _ in range(20):
        client.teams.list_teams()
        stub.clock.advance(1)
    assert stub.transport.paths[LOGIN] == 1
    assert stub.transport.paths[REFRESH] == 0
    assert stub.transport.paths["/v3/teams"] == 20  # and never refused


def test_skew_is_read_from_the_date_header_when_tokens_have_no_iat() -> None:
    server = Scripted(now=1_800_000_000.0, with_iat=False)
    with scripted_client(server, lambda: server.now + 600) as client:
        for _ in range(20):
            client.request("GET", "/v3/teams")
            server.now += 1
    assert server.paths[LOGIN] == 1 and server.paths[REFRESH] == 0


def test_local_clock_behind_still_refreshes_before_the_server_refuses() -> None:
    server = Scripted(now=1_800_000_000.0, with_iat=False)
    with scripted_client(server, lambda: server.now - 600) as client:
        for _ in range(10):
            client.request("GET", "/v3/teams")
            server.now += 45
    assert server.paths[LOGIN] == 1
    assert server.paths[REFRESH] == 1  # early, at 270 s of 300, not after a 401 at 315 s
    assert server.paths["/v3/teams"] == 10  # no request was answered 401


def test_short_lived_tokens_refresh_at_a_fraction_of_their_lifetime(
    setup: Callable[..., StubSetup],
) -> None:
    stub = setup(access_ttl=3)
    client = stub.client()
    for _ in range(30):
        client.teams.list_teams()
        stub.clock.advance(0.1)
    assert stub.transport.paths[LOGIN] == 1
    assert stub.transport.paths[REFRESH] <= 2  # was one per request with a fixed 30 s window
    assert stub.transport.paths["/v3/teams"] == 30


# ---- item 5: an early refresh that fails -------------------------------------------------------


def _html(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, text="<html><body>Bad gateway</body></html>")


def _truncated(request: httpx.Request) -> httpx.Response:
    body = b'{"access": "eyJhbGciOiJIUzI1NiJ9.eyJz'
    return httpx.Response(200, content=body, headers={"content-type": "application/json"})


HOSTILE_REFRESH: dict[str, Callable[[httpx.Request], httpx.Response]] = {
    "500": lambda r: httpx.Response(500, json={"detail": "boom"}),
    "503-retry-after": lambda r: httpx.Response(503, headers={"Retry-After": "120"}),
    "html": _html,
    "truncated-json": _truncated,
    "200-without-access": lambda r: httpx.Response(200, json={"refresh": "x"}),
}


@pytest.mark.parametrize("answer", list(HOSTILE_REFRESH), ids=list(HOSTILE_REFRESH))
def test_failed_early_refresh_keeps_using_the_valid_token(
    setup: Callable[..., StubSetup], answer: str, caplog: pytest.LogCaptureFixture
) -> None:
    stub = setup(access_ttl=300)
    hostile = Hostile(stub.transport, REFRESH, HOSTILE_REFRESH[answer])
    client = stub.client(transport=hostile)
    client.teams.list_teams()
    held = client.token_store.load()
    access = held.access if held else ""
    stub.clock.advance(285)  # inside the early-refresh window, still valid for 15 s
    for _ in range(5):
        assert client.teams.list_teams().results
    assert hostile.hits == 1  # one try, then a pause: no refresh per request
    assert stub.transport.paths[LOGIN] == 1  # a failure is not a refusal: no login
    held = client.token_store.load()
    assert held is not None and held.access == access
    assert "refresh" in caplog.text and access not in caplog.text


def test_failed_refresh_of_an_expired_token_falls_back_to_login(
    setup: Callable[..., StubSetup],
) -> None:
    stub = setup(access_ttl=300)
    hostile = Hostile(stub.transport, REFRESH, HOSTILE_REFRESH["500"])
    client = stub.client(transport=hostile)
    client.teams.list_teams()
    stub.clock.advance(400)  # expired: nothing to keep using
    assert client.teams.list_teams().results
    assert hostile.hits == 1 and stub.transport.paths[LOGIN] == 2


def test_refused_early_refresh_falls_back_to_one_login(setup: Callable[..., StubSetup]) -> None:
    stub = setup(access_ttl=300)
    hostile = Hostile(
        stub.transport, REFRESH, lambda r: httpx.Response(401, json={"detail": "revoked"})
    )
    client = stub.client(transport=hostile)
    client.teams.list_teams()
    stub.clock.advance(285)
    for _ in range(3):
        client.teams.list_teams()
    assert hostile.hits == 1 and stub.transport.paths[LOGIN] == 2


def test_early_refresh_lost_to_a_broken_connection_keeps_the_token(
    setup: Callable[..., StubSetup], sleeps: Sleeps
) -> None:
    stub = setup(access_ttl=300)

    def broken(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    hostile = Hostile(stub.transport, REFRESH, broken)
    client = stub.client(transport=hostile, sleep=sleeps.sleep)
    client.teams.list_teams()
    stub.clock.advance(285)
    assert client.teams.list_teams().results  # the retry goes out with the still-valid token
    assert hostile.hits == 1 and stub.transport.paths[LOGIN] == 1


# ---- logins per minute -------------------------------------------------------------------------


def test_login_storm_is_bounded_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    server = Scripted(now=1_800_000_000.0)
    server.refuse_all = True  # every token is refused: each call would log in again
    monotonic = [1000.0]
    with scripted_client(server, lambda: server.now, monotonic=lambda: monotonic[0]) as client:
        errors: Counter[str] = Counter()
        for _ in range(20):
            try:
                client.request("GET", "/v3/teams")
            except Exception as exc:
                errors[type(exc).__name__] += 1
        assert server.paths[LOGIN] == MAX_LOGINS_PER_MINUTE
        assert errors["AuthenticationError"] + errors["TooManyLogins"] == 20
        assert errors["TooManyLogins"] >= 20 - MAX_LOGINS_PER_MINUTE
        warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
        assert warnings and "logins" in warnings[0].getMessage()
        assert PASSWORD not in caplog.text
        with pytest.raises(TooManyLogins, match="per minute"):
            client.request("GET", "/v3/teams")
        monotonic[0] += 61  # a minute later, logging in is allowed again
        server.refuse_all = False
        client.login(fresh=True)  # drops the refused session: one login
        client.request("GET", "/v3/teams")
        assert server.paths[LOGIN] == MAX_LOGINS_PER_MINUTE + 1


# ---- single flight from a cold start -------------------------------------------------------------


def test_cold_start_with_50_threads_gives_one_login_then_one_refresh(
    setup: Callable[..., StubSetup],
) -> None:
    stub = setup(access_ttl=300)
    client = stub.client()
    assert crowd(client.teams.list_teams) == []
    assert stub.transport.paths[LOGIN] == 1 and stub.transport.paths[REFRESH] == 0
    stub.clock.advance(400)
    assert crowd(client.teams.list_teams) == []
    assert stub.transport.paths[LOGIN] == 1 and stub.transport.paths[REFRESH] == 1
    assert stub.transport.paths["/v3/teams"] == 100


def test_cold_start_from_a_stored_expired_session_with_50_threads_gives_one_refresh(
    setup: Callable[..., StubSetup], tmp_path: Path
) -> None:
    stub = setup(access_ttl=300)
    path = tmp_path / "tokens.json"
    stub.client(token_store=FileTokenStore(path)).login()
    stub.clock.advance(400)
    resumed = stub.client(token_store=FileTokenStore(path))  # a new process
    assert crowd(resumed.teams.list_teams) == []
    assert stub.transport.paths[LOGIN] == 1 and stub.transport.paths[REFRESH] == 1


async def test_cold_start_with_50_tasks_gives_one_login_then_one_refresh() -> None:
    clock = ManualClock()
    paths: Counter[str] = Counter()
    transport = yielding_stub(clock, paths)
    async with AsyncMisaka(
        base_url=BASE, email=EMAIL, password=PASSWORD, transport=transport, clock=clock.now
    ) as client:
        await asyncio.gather(*(client.teams.list_teams() for _ in range(50)))
        assert paths[LOGIN] == 1 and paths[REFRESH] == 0
        clock.advance(400)
        await asyncio.gather(*(client.teams.list_teams() for _ in range(50)))
        assert paths[LOGIN] == 1 and paths[REFRESH] == 1
