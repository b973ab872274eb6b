"""Secrets stay out of reprs, messages and logs; settings from arguments and environment;
User-Agent; TLS and plain-http rules; with_options."""

from __future__ import annotations

import logging
import platform
from collections.abc import Callable

import httpx
import pytest
import respx

from misaka_io import (
    AuthenticationError,
    ConfigurationError,
    MemoryTokenStore,
    Misaka,
    UnprocessableEntityError,
    __version__,
)
from misaka_io._config import Credentials
from misaka_io.testing.stub import STUB_OTP, ManualClock
from tests.conftest import Counting

PASSWORD = "otp-guarded-secret"


def test_no_secret_in_logs_reprs_or_errors(
    make_client: Callable[..., Misaka], clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="misaka_io")
    client = make_client(email="secure@example.net", password=PASSWORD, otp=STUB_OTP)
    client.teams.list_teams()
    clock.advance(290)
    client.teams.list_teams()  # proactive refresh
    tokens = client.token_store.load()
    assert tokens is not None and tokens.refresh
    with pytest.raises(UnprocessableEntityError) as bad:
        client.request(
            "POST", "/v3/account/password", json={"current_password": "x", "new_password": "y"}
        )
    secrets = [PASSWORD, STUB_OTP, tokens.access, tokens.refresh]

    # A server that echoes secrets back in its errors.
    def echo(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v3/teams":
            item = {"type": "x", "loc": ["body", "password"], "msg": f"{PASSWORD} is wrong"}
            return httpx.Response(422, json={"detail": [item]})
        return httpx.Response(401, json={"detail": f"token {tokens.access} revoked"})

    store = MemoryTokenStore()
    store.save(tokens)
    echoing = Misaka(
        email="secure@example.net",
        password=PASSWORD,
        otp=STUB_OTP,
        base_url="http://127.0.0.1",
        token_store=store,
        transport=httpx.MockTransport(echo),
        max_retries=0,
        clock=clock.now,
    )
    with pytest.raises(UnprocessableEntityError) as echoed:
        echoing.teams.list_teams()
    resumed = Misaka(  # no credentials, so no re-login: the 401 must surface
        base_url="http://127.0.0.1",
        token_store=store,
        transport=httpx.MockTransport(echo),
        max_retries=0,
        clock=clock.now,
    )
    with pytest.raises(AuthenticationError) as denied:
        resumed.ports.list_ports()

    texts = [caplog.text]
    for thing in (
        client,
        client.with_options(timeout=3),
        *vars(client).values(),  # everything the client holds
        tokens,
        client.token_store,
        bad.value,
        echoed.value,
        denied.value,
        *echoed.value.errors,
    ):
        texts += [repr(thing), str(thing)]
    assert "refreshed" in caplog.text and "logged in" in caplog.text and "-> 200" in caplog.text
    for secret in secrets:
        for text in texts:
            assert secret not in text


def test_api_token_not_in_repr_or_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="misaka_io")
    secret = "s3cr3t-api-t0ken-value"
    with respx.mock(base_url="https://api.misaka.io") as mock, Misaka(api_token=secret) as client:
        mock.get("/v3/teams").respond(401, json={"detail": f"Invalid token {secret}"})
        with pytest.raises(AuthenticationError) as info:
            client.teams.list_teams()
    for text in (
        repr(client),
        str(info.value),
        repr(info.value),
        caplog.text,
        repr(Credentials(api_token=secret)),
    ):
        assert secret not in text
    assert "Invalid token ***" in str(info.value)


def test_environment_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MISAKA_API_TOKEN", "env-t0ken-1")
    monkeypatch.setenv("MISAKA_BASE_URL", "https://api.example.test/")
    with respx.mock(base_url="https://api.example.test") as mock, Misaka() as client:
        route = mock.get("/v3/teams").respond(json={"results": []})
        client.teams.list_teams()
    request = route.calls.last.request
    assert request.headers["authorization"] == "Token env-t0ken-1"
    assert str(client.base_url) == "https://api.example.test"


def test_environment_session_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MISAKA_EMAIL", "noc@example.net")
    monkeypatch.setenv("MISAKA_PASSWORD", "pw-from-env")
    assert "auth='session'" in repr(Misaka())
    # explicit arguments win over the environment
    assert "auth='api-token'" in repr(Misaka(api_token="explicit-t0ken"))


def test_default_base_url_and_user_agent() -> None:
    with (
        respx.mock(base_url="https://api.misaka.io") as mock,
        Misaka(api_token="t0ken-ua") as client,
    ):
        route = mock.get("/v3/teams").respond(json={"results": []})
        client.teams.list_teams()
    ua = route.calls.last.request.headers["user-agent"]
    assert (
        ua
        == f"misaka-io/{__version__} python/{platform.python_version()} httpx/{httpx.__version__}"
    )


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://api.misaka.io", True),
        ("http://127.0.0.1:8080", True),
        ("http://localhost:8080", True),
        ("http://[::1]:8080", True),
        ("http://api.misaka.io", False),
        ("http://10.0.0.5", False),
        ("ftp://api.misaka.io", False),
        ("not a url", False),
        ("https://api.misaka.io/?x=1", False),
    ],
)
def test_plain_http_only_to_loopback(url: str, ok: bool) -> None:
    if ok:
        Misaka(api_token="t0ken-x", base_url=url).close()
    else:
        with pytest.raises(ConfigurationError):
            Misaka(api_token="t0ken-x", base_url=url)


def test_allow_insecure_http() -> None:
    Misaka(
        api_token="t0ken-x", base_url="http://api.example.test", allow_insecure_http=True
    ).close()


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ConfigurationError):
        Misaka(api_token="t0ken-x", max_retries=-1)
    with pytest.raises(ConfigurationError):
        Misaka(api_token="t0ken-x", default_headers={"Authorization": "Token x"})
    with pytest.raises(ConfigurationError):
        Misaka(api_token="t0ken-x", token_prefix="To ken")


def test_default_headers_are_sent() -> None:
    with respx.mock(base_url="https://api.misaka.io") as mock:
        route = mock.get("/v3/teams").respond(json={"results": []})
        with Misaka(api_token="t0ken-x", default_headers={"X-Team": "17"}) as client:
            client.teams.list_teams()
    assert route.calls.last.request.headers["x-team"] == "17"


def test_with_options_shares_pool_and_session(
    make_client: Callable[..., Misaka], transport: Counting
) -> None:
    client = make_client()
    fast = client.with_options(timeout=1.5, max_retries=0)
    assert (fast.max_retries, fast.timeout.read, client.max_retries) == (0, 1.5, 2)
    assert fast.token_store is client.token_store
    fast.teams.list_teams()
    client.teams.list_teams()
    assert transport.paths["/v3/session/login"] == 1  # one session for both
    fast.close()  # a copy does not own the pool: the client goes on
    client.teams.list_teams()
    fast.close()
    assert client.teams.list_teams().results  # closing the copy left the pool open
