"""Whatever a server sends, the client fails with a typed error or not at all: dates and JWT
times out of range are ignored, and errors pickle without secrets (a worker's error reaches
its parent)."""

from __future__ import annotations

import json
import logging
import multiprocessing
import pickle
import stat
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest

from misaka_io import (
    APIConnectionError,
    APIStatusError,
    MemoryTokenStore,
    Misaka,
    NotFoundError,
    ResponseValidationError,
    Tokens,
    TooManyLogins,
    _retry,
)
from misaka_io._files import UntrustedFile, private_directory
from misaka_io.testing.stub import DEFAULT_API_TOKEN, create_app
from misaka_io.testing.stub.server import serve
from misaka_io.testing.stub.transport import SyncASGITransport
from tests.cli_support import Cli, one_line

HUGE_DATE = "Mon, 01 Jan 99999999999999999999 00:00:00 GMT"
BASE = "http://127.0.0.1"


def forged(**claims: Any) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a short HMAC key: these tokens are not checked
        return jwt.encode(claims, "not-checked", algorithm="HS256")


# ---- dates and times out of range ----------------------------------------------------------


@pytest.mark.parametrize("value", [HUGE_DATE, "Fri, 31 Dec 99999 23:59:59 GMT"])
def test_a_retry_after_date_beyond_any_calendar_is_ignored(value: str) -> None:
    assert _retry.parse_retry_after(value) is None


def test_a_huge_retry_after_date_falls_back_to_backoff() -> None:
    waits: list[float] = []
    answers = iter(
        [
            httpx.Response(503, headers={"Retry-After": HUGE_DATE}, json={"detail": "busy"}),
            httpx.Response(200, json={"results": []}),
        ]
    )
    client = Misaka(
        api_token="a-valid-api-token",
        base_url=BASE,
        transport=httpx.MockTransport(lambda request: next(answers)),
        sleep=waits.append,
    )
    assert client.request("GET", "/v3/teams").status_code == 200
    assert len(waits) == 1 and 0 < waits[0] <= 1.0  # the first backoff step, not the header


@pytest.mark.parametrize(
    "claims",
    [{"exp": 10**400, "iat": 10**400}, {"exp": -(10**30)}, {"exp": 1e308}, {"exp": True}],
)
def test_a_jwt_time_out_of_range_is_ignored(claims: dict[str, Any]) -> None:
    tokens = Tokens(access=forged(**claims))
    assert tokens.expires_at() is None and tokens.issued_at() is None


def test_a_session_with_absurd_times_and_dates_still_works() -> None:
    """Stored tokens whose exp/iat are 10**400, answers whose Date has a 20-digit year."""
    access = forged(exp=10**400, iat=10**400)
    store = MemoryTokenStore()
    store.save(Tokens(access=access, refresh=forged(exp=10**400), base_url=BASE, account="a@b.c"))

    def answer(request: httpx.Request) -> httpx.Response:
        assert request.headers["authorization"] == f"Bearer {access}"
        return httpx.Response(200, headers={"Date": HUGE_DATE}, json={"results": []})

    client = Misaka(
        email="a@b.c",
        password="a-password",
        base_url=BASE,
        token_store=store,
        transport=httpx.MockTransport(answer),
    )
    for _ in range(2):
        assert client.teams.list_teams().results == []


def huge_retry_after(app: Any) -> Any:
    """The stub, except that the first listing of ports answers 503 with an absurd date."""
    seen: list[bool] = []

    async def asgi(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"] == "/v3/ports" and not seen:
            seen.append(True)
            headers = [(b"content-type", b"application/json"), (b"retry-after", HUGE_DATE.encode())]
            await send({"type": "http.response.start", "status": 503, "headers": headers})
            await send({"type": "http.response.body", "body": b'{"detail":"busy"}'})
            return
        await app(scope, receive, send)

    return asgi


def test_the_cli_retries_past_an_absurd_retry_after_without_a_traceback(tmp_path: Path) -> None:
    with serve(huge_retry_after(create_app())) as url:
        result = Cli(url, tmp_path / "config")("ports", "list", "-o", "json")
    assert "Traceback" not in result.err and result.code == 0, result.err


# ---- pickling ----------------------------------------------------------------------------------

ECHO = "echoed-api-token-value-5d1f"


def _stub_client() -> Misaka:
    return Misaka(
        api_token=DEFAULT_API_TOKEN, base_url=BASE, transport=SyncASGITransport(create_app())
    )


def fetch_missing_port(port_id: str) -> Any:
    """Run in a pool worker: ask the stub for a port that does not exist."""
    with _stub_client() as client:
        return client.ports.get_port(port_id)


@pytest.fixture
def not_found() -> Iterator[NotFoundError]:
    with _stub_client() as client, pytest.raises(NotFoundError) as info:
        client.ports.get_port("no-such-port")
    yield info.value


def test_a_not_found_error_pickles_without_the_token(not_found: NotFoundError) -> None:
    data = pickle.dumps(not_found)
    assert DEFAULT_API_TOKEN[:6].encode() not in data
    again = pickle.loads(data)  # noqa: S301 - our own bytes
    assert type(again) is NotFoundError and str(again) == str(not_found)
    assert (again.status_code, again.detail, again.body) == (404, not_found.detail, not_found.body)
    assert again.response.status_code == 404 and again.response.json() == not_found.body
    assert again.response.request.url == not_found.response.request.url
    assert "authorization" not in again.response.request.headers


def test_secrets_a_server_echoes_are_masked_in_the_pickle() -> None:
    def echo(request: httpx.Request) -> httpx.Response:
        body = {"detail": "no", "token": ECHO, "seen": request.headers["authorization"]}
        return httpx.Response(404, json=body, headers={"set-cookie": f"sid={ECHO}"})

    secret = "the-client-api-token-1234"
    client = Misaka(api_token=secret, base_url=BASE, transport=httpx.MockTransport(echo))
    with pytest.raises(NotFoundError) as info:
        client.request("GET", "/v3/teams")
    data = pickle.dumps(info.value)
    assert secret[:6].encode() not in data and ECHO[:6].encode() not in data
    assert pickle.loads(data).body["detail"] == "no"  # noqa: S301 - our own bytes


def test_a_validation_error_pickles_with_its_body_masked() -> None:
    raw = b'{"access": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", "user": 7}'
    error = ResponseValidationError(
        "does not fit", response=None, raw=raw, field="$.user", model="LoginResponse"
    )
    again = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert b"eyJ" not in pickle.dumps(error) and again.field == "$.user"
    assert again.raw == b'{"access": "***", "user": 7}'


def test_errors_without_an_answer_pickle_too() -> None:
    secret = "the-client-api-token-1234"
    sent = httpx.Request(
        "GET",
        "https://user:pw@api.misaka.io/v3/teams",
        headers={"Authorization": f"Token {secret}"},
    )
    for error in (
        APIConnectionError("GET /v3/teams failed: refused", request=sent),
        TooManyLogins("5 logins in the last minute", retry_after=42.0),
    ):
        data = pickle.dumps(error)
        again = pickle.loads(data)  # noqa: S301 - our own bytes
        assert secret[:6].encode() not in data and b"user:pw" not in data
        assert type(again) is type(error) and str(again) == str(error)
    assert again.retry_after == 42.0


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_a_pool_worker_s_not_found_error_reaches_the_parent(method: str) -> None:
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} here")
    with multiprocessing.get_context(method).Pool(1) as pool:
        pending = pool.apply_async(fetch_missing_port, ("no-such-port",))
        with pytest.raises(NotFoundError) as info:
            pending.get(timeout=60)  # before: the parent waited forever
    assert info.value.status_code == 404 and isinstance(info.value, APIStatusError)
    assert "no-such-port" in str(info.value)


# ---- the command line's files --------------------------------------------------------------


@pytest.fixture
def stub_url() -> Iterator[str]:
    with serve(create_app()) as url:
        yield url


def write_config(cli: Cli, text: str) -> None:
    cli.config_dir.mkdir(parents=True, exist_ok=True)
    path = cli.config_dir / "config.toml"
    path.write_text(text)
    path.chmod(0o600)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("a = " + "[" * 50_000 + "]" * 50_000 + "\n", "nested too deeply"),
        ("b = " + "{c = " * 30_000 + "1" + "}" * 30_000 + "\n", "nested too deeply"),
        ("# padding\n" * 120_000, "larger than"),
    ],
    ids=["deep arrays", "deep tables", "huge"],
)
def test_a_deep_or_huge_config_is_exit_2_with_one_line(
    stub_url: str, tmp_path: Path, text: str, why: str
) -> None:
    cli = Cli(stub_url, tmp_path / "config")
    write_config(cli, text)
    result = cli("ports", "list")
    assert result.code == 2 and why in one_line(result.err), result.err


def test_a_symlink_planted_as_the_sessions_directory_is_refused(
    stub_url: str, tmp_path: Path
) -> None:
    cli = Cli(stub_url, tmp_path / "config")
    target = tmp_path / "elsewhere"
    target.mkdir(mode=0o755)
    target.chmod(0o755)
    cli.config_dir.mkdir()
    (cli.config_dir / "sessions").symlink_to(target)
    # A run that needs the stored session (no API token) refuses the link.
    result = cli("ports", "list", env=cli.env(token=False))
    assert result.code == 2 and "symbolic link" in one_line(result.err), result.err
    # A run with an API token never opens the sessions folder.
    assert cli("ports", "list").code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o755  # the link's target was not touched
    assert list(target.iterdir()) == []


def test_the_sessions_directory_is_made_private(tmp_path: Path) -> None:
    sessions = tmp_path / "config" / "sessions"
    private_directory(sessions, "the sessions directory")
    assert stat.S_IMODE(sessions.stat().st_mode) == 0o700
    sessions.chmod(0o755)
    private_directory(sessions, "the sessions directory")  # an existing one is tightened
    assert stat.S_IMODE(sessions.stat().st_mode) == 0o700
    (tmp_path / "file").write_text("")
    with pytest.raises(UntrustedFile, match="not a directory"):
        private_directory(tmp_path / "file", "the sessions directory")
    (tmp_path / "link").symlink_to(sessions)
    with pytest.raises(UntrustedFile, match="symbolic link"):
        private_directory(tmp_path / "link", "the sessions directory")


# ---- a password echoed back escaped --------------------------------------------------------

QUOTED = 'pa"ss\\wörd-9-long-enough-to-be-cut'  # a quote, a backslash, a non-ASCII letter


def _echo_body(kind: str) -> httpx.Response:
    echoed = {"password": QUOTED, "email": "a@b.c"}
    if kind == "detail holds JSON":  # ensure_ascii=False, as some servers do
        return httpx.Response(
            401, json={"detail": f"bad login {json.dumps(echoed, ensure_ascii=False)}"}
        )
    if kind == "detail holds ASCII JSON":
        return httpx.Response(401, json={"detail": f"bad login {json.dumps(echoed)}"})
    if kind == "a field error":
        item = {"type": "x", "loc": ["body", "password"], "msg": json.dumps(QUOTED)[1:-1]}
        return httpx.Response(422, json={"detail": [item]})
    # Not JSON at all (a proxy's page), the password 181 characters in: cut at 200.
    page = "x" * 180 + " " + QUOTED + " was refused"
    return httpx.Response(502, text=page)


@pytest.mark.parametrize(
    "kind", ["detail holds JSON", "detail holds ASCII JSON", "a field error", "a proxy page"]
)
def test_a_password_echoed_back_escaped_is_masked(
    kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="misaka_io")
    client = Misaka(
        email="a@b.c",
        password=QUOTED,
        base_url=BASE,
        max_retries=0,
        transport=httpx.MockTransport(lambda request: _echo_body(kind)),
    )
    with pytest.raises(APIStatusError) as info:
        client.teams.list_teams()
    shown = [str(info.value), repr(info.value), str(info.value.detail), caplog.text]
    shown += [e.msg for e in getattr(info.value, "errors", [])]
    for text in shown:
        for form in {
            QUOTED,
            json.dumps(QUOTED)[1:-1],
            json.dumps(QUOTED, ensure_ascii=False)[1:-1],
        }:
            assert form[:6] not in text, (kind, text)


def test_a_body_where_none_is_declared_is_not_quoted_in_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="misaka_io")
    key = "acct-tok-" + "7" * 40
    body = {"note": "x" * 30, "key": key}  # the log used to show 60 bytes: cut through the key
    client = Misaka(
        api_token="a-valid-api-token",
        base_url=BASE,
        transport=httpx.MockTransport(lambda request: httpx.Response(200, json=body)),
    )
    client.dns.delete_zone("example.net")
    assert "returns nothing" in caplog.text and key[:6] not in caplog.text


def test_the_settings_and_credentials_show_no_secret_in_repr_nor_to_rich() -> None:
    """They are msgspec Structs (quick to define): their repr and Rich's pretty printer
    (which asks ``__rich_repr__``, as a traceback with locals does) leave the secrets out."""
    import rich.pretty

    from misaka_io._config import Credentials
    from misaka_io.cli._settings import CliSettings

    token, password = "tok-9f8e7d6c5b4a", "hunter2-long"
    credentials = Credentials(api_token=token, email="a@example.com", password=password)
    settings = CliSettings(profile="work", config_dir=Path("config"), api_token=token)
    for value in (credentials, settings, [credentials, settings]):
        for shown in (repr(value), rich.pretty.pretty_repr(value)):
            assert token not in shown and password not in shown, shown
    assert "profile='work'" in repr(settings) and "a@example.com" in repr(credentials)
    assert pickle.loads(pickle.dumps(credentials)) == credentials  # noqa: S301 - our own bytes


def test_a_short_wrong_password_quoted_by_a_field_error_is_never_shown() -> None:
    from misaka_io import UnprocessableEntityError
    from misaka_io.testing import MisakaStub

    with (
        MisakaStub() as stub,
        stub.client(email=stub.email, password="wrng1") as client,
        pytest.raises(UnprocessableEntityError) as refused,
    ):
        client.ensure_session()
    shown = [str(refused.value), repr(refused.value), *(e.msg for e in refused.value.errors)]
    assert all("wrng1" not in text for text in shown), shown
    assert refused.value.errors[0].field == "password"
