"""The evidence of facts section 4c: login tokens in any of their three places, a refused
token's ``token_not_valid`` code, and the older ``/dns`` base."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import httpx
import jwt
import pytest

from contract_tests.spec import load_spec
from contract_tests.stub import STUB_OTP, ManualClock, StubApp, StubConfig, create_app
from misaka_io import (
    AsyncMisaka,
    AuthenticationError,
    Misaka,
    PermissionDeniedError,
    ResponseValidationError,
    TwoFactorRequired,
)
from misaka_io._auth import LOGIN_TOKEN_PLACES
from tests.conftest import AsyncCounting, Counting

LOGIN, LOGIN_2FA = "/v3/session/login", "/v3/session/login/2fa"
PLACES = ["documented", "top", "older", "user"]
SECURE = {"email": "secure@example.net", "password": "otp-guarded-secret"}


@pytest.fixture
def stub(clock: ManualClock, request: pytest.FixtureRequest) -> StubApp:
    """The stub, its login answering with the tokens where the test's parameter says."""
    where = getattr(request, "param", "documented")
    return create_app(StubConfig(clock=clock, access_ttl=300, login_tokens=where))


# ---- login: the tokens at the top level, under the older names, or inside `user` -----------


@pytest.mark.parametrize("stub", PLACES, indirect=True)
def test_login_takes_the_tokens_from_wherever_the_answer_keeps_them(
    make_client: Callable[..., Misaka], transport: Counting
) -> None:
    client = make_client()
    assert client.teams.list_teams().results
    assert transport.paths[LOGIN] == 1 and transport.paths[LOGIN_2FA] == 0
    tokens = client._auth.tokens
    assert tokens is not None and tokens.access.count(".") == 2 and tokens.refresh


@pytest.mark.parametrize("stub", PLACES, indirect=True)
def test_async_login_takes_the_tokens_from_wherever_the_answer_keeps_them(
    amake_client: Callable[..., AsyncMisaka], atransport: AsyncCounting
) -> None:
    async def main() -> None:
        client = amake_client()
        assert (await client.teams.list_teams()).results
        assert (await client.ports.list_ports()).results

    asyncio.run(main())
    assert atransport.paths[LOGIN] == 1 and atransport.paths[LOGIN_2FA] == 0


@pytest.mark.parametrize("stub", ["user"], indirect=True)
def test_a_session_opened_from_tokens_inside_user_refreshes(
    make_client: Callable[..., Misaka], transport: Counting, clock: ManualClock
) -> None:
    client = make_client()
    client.teams.list_teams()
    clock.advance(400)  # the access token expired: the refresh token read from `user` is used
    assert client.teams.list_teams().results
    assert transport.paths["/v3/session/refresh"] == 1 and transport.paths[LOGIN] == 1


@pytest.mark.parametrize("stub", PLACES, indirect=True)
def test_an_answer_with_only_detail_still_asks_for_the_second_factor(
    make_client: Callable[..., Misaka], transport: Counting
) -> None:
    with pytest.raises(TwoFactorRequired):
        make_client(**SECURE).teams.list_teams()
    assert transport.paths[LOGIN_2FA] == 0
    assert make_client(**SECURE, otp=STUB_OTP).teams.list_teams().results
    assert transport.paths[LOGIN_2FA] == 1


def test_every_place_the_client_reads_a_login_token_is_in_the_spec() -> None:
    schemas = load_spec()["components"]["schemas"]
    for inside, access, refresh in LOGIN_TOKEN_PLACES:
        schema = schemas["LoginUser" if inside == "user" else "LoginResponse"]
        assert {access, refresh} <= set(schema["properties"]), (inside, access)
    assert "user.access_token" in schemas["LoginResponse"]["description"]


def _answering(login: dict[str, object]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == LOGIN:
            return httpx.Response(200, json=login)
        return httpx.Response(200, json={"results": []})

    return httpx.MockTransport(handler)


@pytest.mark.parametrize(
    "answer",
    [
        {"detail": "ok", "refresh": "eyJ.r.s"},
        {"detail": "ok", "user": {"id": 1, "access_token": 42}},
        {"detail": "ok", "sliding_token": "eyJ.s.s"},
    ],
)
def test_a_login_answer_with_a_token_but_no_usable_access_token_is_a_validation_error(
    answer: dict[str, object],
) -> None:
    client = Misaka(
        email="a@example.net", password="secret-pw", transport=_answering(answer), max_retries=0
    )
    with client, pytest.raises(ResponseValidationError, match="without an access token"):
        client.teams.list_teams()


def test_a_user_object_that_is_not_an_object_is_no_token() -> None:
    client = Misaka(
        email="a@example.net",
        password="secret-pw",
        transport=_answering({"detail": "need 2FA", "user": "a@example.net"}),
    )
    with client, pytest.raises(TwoFactorRequired):
        client.teams.list_teams()


# ---- a refused session token: 401, or 403 with "code": "token_not_valid" ---------------------


def _jwt(kind: str, n: int) -> str:
    claims = {"sub": "1", "typ": kind, "jti": f"{kind}{n}", "exp": 4_000_000_000}
    return jwt.encode(claims, "k" * 32, algorithm="HS256")


class Server:
    """Login and refresh hand out numbered tokens; ``/v3/teams`` answers ``teams`` in turn
    (the last one again when they run out) and records the bearer of each request."""

    def __init__(self, *teams: tuple[int, dict[str, str]]) -> None:
        self.teams = list(teams)
        self.bearers: list[str] = []
        self.refreshes = 0

    def handle(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == LOGIN:
            return httpx.Response(200, json={"access": _jwt("a", 0), "refresh": _jwt("r", 0)})
        if request.url.path == "/v3/session/refresh":
            self.refreshes += 1
            n = self.refreshes
            return httpx.Response(200, json={"access": _jwt("a", n), "refresh": _jwt("r", n)})
        self.bearers.append(request.headers["authorization"].removeprefix("Bearer "))
        status, body = self.teams.pop(0) if len(self.teams) > 1 else self.teams[0]
        return httpx.Response(status, json=body)


NOT_VALID = {"detail": "Given token not valid for any token type", "code": "token_not_valid"}
OK = (200, {"results": []})


def _sync(server: Server) -> Misaka:
    return Misaka(
        email="a@example.net", password="secret-pw", transport=httpx.MockTransport(server.handle)
    )


def _async(server: Server) -> AsyncMisaka:
    return AsyncMisaka(
        email="a@example.net", password="secret-pw", transport=httpx.MockTransport(server.handle)
    )


@pytest.mark.parametrize("status", [401, 403])
def test_token_not_valid_refreshes_once_and_sends_the_request_again(status: int) -> None:
    server = Server((status, NOT_VALID), OK)
    with _sync(server) as client:
        assert client.teams.list_teams().results == []
    assert server.refreshes == 1 and server.bearers == [_jwt("a", 0), _jwt("a", 1)]


@pytest.mark.parametrize("status", [401, 403])
def test_async_token_not_valid_refreshes_once_and_sends_the_request_again(status: int) -> None:
    server = Server((status, NOT_VALID), OK)

    async def main() -> None:
        async with _async(server) as client:
            assert (await client.teams.list_teams()).results == []

    asyncio.run(main())
    assert server.refreshes == 1 and server.bearers == [_jwt("a", 0), _jwt("a", 1)]


@pytest.mark.parametrize(
    ("status", "error"), [(401, AuthenticationError), (403, PermissionDeniedError)]
)
def test_a_token_refused_again_after_the_refresh_is_an_error_not_a_loop(
    status: int, error: type[Exception]
) -> None:
    server = Server((status, NOT_VALID))
    with _sync(server) as client, pytest.raises(error, match="not valid"):
        client.teams.list_teams()
    assert server.refreshes == 1 and len(server.bearers) == 2

    async def main() -> None:
        async with _async(again := Server((status, NOT_VALID))) as client:
            with pytest.raises(error):
                await client.teams.list_teams()
        assert again.refreshes == 1 and len(again.bearers) == 2

    asyncio.run(main())


def test_a_403_without_the_code_is_not_a_refused_token() -> None:
    server = Server((403, {"detail": "You do not have permission to perform this action."}))
    with _sync(server) as client, pytest.raises(PermissionDeniedError):
        client.teams.list_teams()
    assert server.refreshes == 0 and len(server.bearers) == 1
