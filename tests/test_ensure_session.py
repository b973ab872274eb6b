"""``ensure_session()`` and ``login()`` send a login or a refresh and nothing else; the
redactor holds only live secrets; ``enable_debug()`` keeps one handler."""

from __future__ import annotations

import logging
import pickle
from collections.abc import Callable, Iterator

import httpx
import pytest

from misaka_io import AsyncMisaka, FileTokenStore, Misaka, UnprocessableEntityError
from misaka_io._exceptions import status_error
from misaka_io._redact import Redactor
from misaka_io.cli._app import enable_debug
from misaka_io.testing.stub import ManualClock
from tests.conftest import AsyncCounting, Counting

LOGIN, REFRESH = "/v3/session/login", "/v3/session/refresh"


def test_ensure_session_sends_only_a_login_then_nothing_then_only_a_refresh(
    make_client: Callable[..., Misaka], transport: Counting, clock: ManualClock
) -> None:
    client = make_client()
    client.ensure_session()
    assert dict(transport.paths) == {LOGIN: 1}
    client.ensure_session()
    assert dict(transport.paths) == {LOGIN: 1}  # a session exists: nothing sent
    clock.advance(400)
    client.ensure_session()
    assert dict(transport.paths) == {LOGIN: 1, REFRESH: 1}


def test_login_sends_only_a_login(make_client: Callable[..., Misaka], transport: Counting) -> None:
    make_client().login()
    assert dict(transport.paths) == {LOGIN: 1}  # was a login and GET /v3/session/token


def test_ensure_session_resumes_a_stored_session_without_sending_anything(
    make_client: Callable[..., Misaka], transport: Counting, tmp_path: object
) -> None:
    path = f"{tmp_path}/session.json"
    make_client(token_store=FileTokenStore(path)).login()
    make_client(email=None, password=None, token_store=FileTokenStore(path)).ensure_session()
    assert dict(transport.paths) == {LOGIN: 1}


def test_ensure_session_with_an_api_token_sends_nothing() -> None:
    sent: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda r: sent.append(r) or httpx.Response(500))
    with Misaka(api_token="an-api-token-1", base_url="http://127.0.0.1", transport=transport) as c:
        c.ensure_session()
    assert sent == []


async def test_async_ensure_session_sends_only_a_login(
    amake_client: Callable[..., AsyncMisaka], atransport: AsyncCounting, clock: ManualClock
) -> None:
    client = amake_client()
    await client.ensure_session()
    await client.ensure_session()
    assert dict(atransport.paths) == {LOGIN: 1}
    clock.advance(400)
    await client.login()
    assert dict(atransport.paths) == {LOGIN: 1, REFRESH: 1}


class Echoing(httpx.BaseTransport):
    """The stub, but ``/echo`` answers 422 quoting every token the client ever sent."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner, self.seen = inner, list[str]()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        bearer = request.headers.get("authorization", "").removeprefix("Bearer ")
        if bearer and bearer not in self.seen:
            self.seen.append(bearer)
        if request.url.path.endswith("/echo"):
            detail = " ".join(f"token {t} is old; raw {t}" for t in self.seen)
            return httpx.Response(422, json={"detail": detail})
        return self.inner.handle_request(request)


def test_after_three_refreshes_old_tokens_still_never_reach_an_error_or_a_log(
    make_client: Callable[..., Misaka],
    transport: Counting,
    clock: ManualClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="misaka_io")
    echoing = Echoing(transport)
    client = Misaka(
        base_url="http://127.0.0.1",
        email="noc@example.net",
        password="correct-horse-battery",
        transport=echoing,
        clock=clock.now,
        max_retries=0,
    )
    client.teams.list_teams()
    for _ in range(3):
        clock.advance(290)
        client.teams.list_teams()
    assert transport.paths[REFRESH] == 3 and len(echoing.seen) == 4
    with pytest.raises(UnprocessableEntityError) as info:
        client.request("GET", "/echo")
    texts = [str(info.value), repr(info.value), caplog.text]
    assert not [t for t in echoing.seen for text in texts if t in text]
    client.close()


def test_an_error_pickled_after_a_refresh_still_masks_the_tokens_of_its_time() -> None:
    redactor = Redactor(names=())
    redactor.hold("session", "opaque-old-session-token")
    request = httpx.Request("GET", "https://api.example.test/v3/teams")
    said = {"detail": "no such thing", "echo": "opaque-old-session-token"}
    error = status_error(httpx.Response(400, json=said, request=request), redactor)
    redactor.hold("session", "opaque-new-session-token")  # refreshed: the old one is dead
    # dead and not shaped like a secret: the live redactor no longer masks it...
    assert redactor.scrub("opaque-old-session-token") == "opaque-old-session-token"
    # ...but the error made while it was live still does
    assert b"opaque-old-session-token" not in pickle.dumps(error)


@pytest.fixture
def misaka_logger() -> Iterator[logging.Logger]:
    logger = logging.getLogger("misaka_io")
    handlers, level = list(logger.handlers), logger.level
    yield logger
    logger.handlers[:] = handlers
    logger.setLevel(level)


def test_enable_debug_twice_leaves_one_handler(misaka_logger: logging.Logger) -> None:
    before = len(misaka_logger.handlers)
    enable_debug()
    enable_debug()
    assert len(misaka_logger.handlers) == before + 1
    assert misaka_logger.level == logging.DEBUG
