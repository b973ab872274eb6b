"""Auth: API tokens, login (with 2FA), proactive and reactive refresh, single-flight,
re-login, token stores, logout."""

from __future__ import annotations

import asyncio
import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
import respx

from misaka_io import (
    AsyncMisaka,
    AuthenticationError,
    FileTokenStore,
    Misaka,
    MissingCredentialsError,
    TwoFactorRequired,
)
from misaka_io.testing.stub import STUB_OTP, ManualClock, StubApp
from tests.conftest import AsyncCounting, Counting, LocalClock

LOGIN, REFRESH, LOGIN_2FA = "/v3/session/login", "/v3/session/refresh", "/v3/session/login/2fa"


@pytest.mark.respx(base_url="https://api.misaka.io")
@pytest.mark.parametrize(
    ("prefix", "expected"), [("Token", "Token k3y-123"), ("Bearer", "Bearer k3y-123")]
)
def test_api_token_header(respx_mock: respx.MockRouter, prefix: str, expected: str) -> None:
    route = respx_mock.get("/v3/teams").respond(json={"results": []})
    with Misaka(api_token="k3y-123", token_prefix=prefix) as client:
        client.teams.list_teams()
    assert route.calls.last.request.headers["authorization"] == expected


def test_login_then_bearer(make_client: Callable[..., Misaka], transport: Counting) -> None:
    client = make_client()
    assert client.teams.list_teams().results[0].name == "Example Networks NOC"
    client.ports.list_ports()
    assert transport.paths[LOGIN] == 1 and transport.paths[LOGIN_2FA] == 0
    assert client.token_store.load() is not None


def test_missing_credentials_is_clear_at_first_use() -> None:
    client = Misaka(base_url="http://127.0.0.1")  # constructing is fine
    with pytest.raises(MissingCredentialsError) as info:
        client.teams.list_teams()
    assert "MISAKA_API_TOKEN" in str(info.value) and "MISAKA_EMAIL" in str(info.value)


def test_two_factor_needs_otp(make_client: Callable[..., Misaka]) -> None:
    client = make_client(email="secure@example.net", password="otp-guarded-secret")
    with pytest.raises(TwoFactorRequired, match="otp="):
        client.teams.list_teams()


@pytest.mark.parametrize("otp", [STUB_OTP, lambda: STUB_OTP])
def test_two_factor_with_otp(
    make_client: Callable[..., Misaka], transport: Counting, otp: object
) -> None:
    client = make_client(email="secure@example.net", password="otp-guarded-secret", otp=otp)
    assert client.teams.list_teams().results
    assert transport.paths[LOGIN] == 1 and transport.paths[LOGIN_2FA] == 1


def test_wrong_password_is_authentication_error(make_client: Callable[..., Misaka]) -> None:
    client = make_client(password="not-the-password")
    with pytest.raises(AuthenticationError) as info:
        client.teams.list_teams()
    assert info.value.status_code == 401


def test_proactive_refresh_before_expiry(
    make_client: Callable[..., Misaka], transport: Counting, clock: ManualClock
) -> None:
    client = make_client()
    client.teams.list_teams()
    clock.advance(300 - 20)  # inside the 30 s skew, not yet expired
    client.teams.list_teams()
    assert transport.paths[REFRESH] == 1 and transport.paths[LOGIN] == 1
    # the refreshed token was used straight away: no request was answered 401
    assert transport.paths["/v3/teams"] == 2


def test_reactive_refresh_on_401_replays_once(
    make_client: Callable[..., Misaka], transport: Counting, clock: ManualClock
) -> None:
    local = LocalClock(clock)
    client = make_client(clock=local)
    client.teams.list_teams()
    local.stop_at(0.0)  # the client believes its token is still fresh...
    clock.advance(301)  # ...but the server's clock says it expired
    assert client.teams.list_teams().results
    assert transport.paths[REFRESH] == 1 and transport.paths["/v3/teams"] == 3


def test_failed_refresh_logs_in_again(
    make_client: Callable[..., Misaka], transport: Counting, stub: StubApp
) -> None:
    client = make_client()
    client.teams.list_teams()
    stub.stub_state.sessions.revoke_all(1042)  # kills the access and the refresh token
    assert client.teams.list_teams().results
    assert transport.paths[REFRESH] == 1 and transport.paths[LOGIN] == 2


def test_failed_refresh_without_credentials_raises(
    make_client: Callable[..., Misaka], stub: StubApp, tmp_path: Path
) -> None:
    store = FileTokenStore(tmp_path / "tokens.json")
    make_client(token_store=store).teams.list_teams()
    stub.stub_state.sessions.revoke_all(1042)
    resumed = make_client(email=None, password=None, api_token=None, token_store=store)
    assert "auth='none'" in repr(resumed)  # no credentials at all
    with pytest.raises(AuthenticationError):
        resumed.teams.list_teams()
    assert store.load() is None


def test_single_flight_refresh_with_50_threads(
    make_client: Callable[..., Misaka], transport: Counting, clock: ManualClock
) -> None:
    client = make_client()
    client.teams.list_teams()
    clock.advance(400)  # expired for everyone
    barrier = threading.Barrier(50)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            barrier.wait()
            client.teams.list_teams()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert transport.paths[REFRESH] == 1
    assert transport.paths[LOGIN] == 1
    assert transport.paths["/v3/teams"] == 51


async def test_single_flight_refresh_with_50_tasks(
    amake_client: Callable[..., AsyncMisaka], atransport: AsyncCounting, clock: ManualClock
) -> None:
    client = amake_client()
    await client.teams.list_teams()
    clock.advance(400)
    results = await asyncio.gather(*(client.teams.list_teams() for _ in range(50)))
    assert len(results) == 50
    assert atransport.paths[REFRESH] == 1 and atransport.paths[LOGIN] == 1
    assert atransport.paths["/v3/teams"] == 51


async def test_single_flight_on_401_with_50_tasks(
    amake_client: Callable[..., AsyncMisaka], atransport: AsyncCounting, clock: ManualClock
) -> None:
    local = LocalClock(clock)
    client = amake_client(clock=local)
    await client.teams.list_teams()
    local.stop_at(0.0)  # no proactive refresh: every task gets a 401 first
    clock.advance(301)
    results = await asyncio.gather(*(client.teams.list_teams() for _ in range(50)))
    assert len(results) == 50
    assert atransport.paths[REFRESH] == 1
    # Each task was refused at most once and replayed at most once.
    assert 52 <= atransport.paths["/v3/teams"] <= 101


async def test_async_two_factor_and_logout(
    amake_client: Callable[..., AsyncMisaka], atransport: AsyncCounting
) -> None:
    client = amake_client(email="secure@example.net", password="otp-guarded-secret", otp=STUB_OTP)
    await client.login()
    assert atransport.paths[LOGIN_2FA] == 1
    held = client.token_store.load()
    access = held.access if held else ""
    await client.logout()
    assert client.token_store.load() is None
    raw = httpx.AsyncClient(transport=atransport, base_url="http://127.0.0.1")
    r = await raw.get("/v3/teams", headers={"Authorization": f"Bearer {access}"})
    assert r.status_code == 401
    await raw.aclose()


def test_file_token_store_resumes_a_session(
    make_client: Callable[..., Misaka], transport: Counting, tmp_path: Path
) -> None:
    path = tmp_path / "state" / "tokens.json"
    make_client(token_store=FileTokenStore(path)).teams.list_teams()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    # no temp files left; the lock file stays (removing it would race with its next user)
    assert sorted(p.name for p in path.parent.iterdir()) == [".tokens.json.lock", "tokens.json"]
    second = make_client(token_store=FileTokenStore(path))
    second.teams.list_teams()
    assert transport.paths[LOGIN] == 1  # the second client did not log in


def test_file_token_store_ignores_garbage(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    path.write_text("{not json")
    assert FileTokenStore(path).load() is None
    path.write_text('{"refresh": "x"}')
    assert FileTokenStore(path).load() is None


def test_logout_revokes_and_forgets(
    make_client: Callable[..., Misaka], transport: Counting, tmp_path: Path
) -> None:
    store = FileTokenStore(tmp_path / "t.json")
    client = make_client(token_store=store)
    client.login()
    client.logout()
    assert transport.paths["/v3/session/logout"] == 1
    assert store.load() is None and client.token_store.load() is None
    client.teams.list_teams()  # logs in again on demand
    assert transport.paths[LOGIN] == 2
