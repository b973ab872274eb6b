"""The evidence of facts section 4c: login tokens in any of their three places, a refused
token's ``token_not_valid`` code, and the older ``/dns`` base."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import httpx
import pytest

from contract_tests.spec import load_spec
from contract_tests.stub import STUB_OTP, ManualClock, StubApp, StubConfig, create_app
from misaka_io import AsyncMisaka, Misaka, ResponseValidationError, TwoFactorRequired
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
