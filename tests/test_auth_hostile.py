"""Auth against broken clocks, failing refreshes, login storms, event loops and shared session
files (issue 11, items 4, 5, 10 and 12).

Two servers play the other side: the stub (real sessions on a manual clock), and a small
scripted session server on ``httpx.MockTransport`` for what the stub does not do (a ``Date``
header, tokens without ``iat``, hostile refresh answers, refusing every token).
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import logging
import os
import stat
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest

from misaka_io import (
    AsyncMisaka,
    AuthenticationError,
    ConfigurationError,
    FileTokenStore,
    Misaka,
    TooManyLogins,
)
from misaka_io._login_budget import MAX_LOGINS_PER_MINUTE
from misaka_io.testing.stub import STUB_OTP, ManualClock, StubConfig, create_app
from misaka_io.testing.stub.transport import SyncASGITransport
from tests.conftest import BASE, EMAIL, PASSWORD, Counting, Sleeps

LOGIN, REFRESH, LOGOUT = "/v3/session/login", "/v3/session/refresh", "/v3/session/logout"
SECRET = "scripted-server-key-0123456789abcdef"


# ---- the stub, on its own clock, with the client's clock offset from it ---------------------


class StubSetup:
    """The stub with a given config, a counting transport into it, and clients whose clock
    runs ``local_offset`` seconds away from the stub's."""

    def __init__(self, **config: Any) -> None:
        self.clock = ManualClock()
        self.app = create_app(StubConfig(clock=self.clock, **config))
        self.inner = SyncASGITransport(self.app)
        self.transport = Counting(self.inner)
        self.local_offset = 0.0
        self.made: list[Misaka] = []

    def client(self, transport: httpx.BaseTransport | None = None, **kwargs: Any) -> Misaka:
        kwargs.setdefault("base_url", BASE)
        if "api_token" not in kwargs:
            kwargs.setdefault("email", EMAIL)
            kwargs.setdefault("password", PASSWORD)
        kwargs.setdefault("clock", lambda: self.clock.now() + self.local_offset)
        client = Misaka(transport=transport or self.transport, **kwargs)
        self.made.append(client)
        return client

    def close(self) -> None:
        for client in self.made:
            client.close()
        self.inner.close()


@pytest.fixture
def setup() -> Iterator[Callable[..., StubSetup]]:
    made: list[StubSetup] = []

    def make(**config: Any) -> StubSetup:
        made.append(StubSetup(**config))
        return made[-1]

    yield make
    for one in made:
        one.close()


class Hostile(httpx.BaseTransport):
    """Passes requests to ``inner`` except for one path, answered by ``answer``."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        path: str,
        answer: Callable[[httpx.Request], httpx.Response],
    ) -> None:
        self.inner, self.path, self.answer = inner, path, answer
        self.hits = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == self.path:
            self.hits += 1
            return self.answer(request)
        return self.inner.handle_request(request)


# ---- a scripted session server ---------------------------------------------------------------


class Scripted:
    """Logs anyone in; accepts a bearer token until its ``exp`` on the server's clock (or never,
    and no refresh either, with ``refuse_all``); sends a ``Date`` header; leaves ``iat`` out
    when told to."""

    def __init__(self, now: float, *, ttl: int = 300, with_iat: bool = True) -> None:
        self.now, self.ttl, self.with_iat = now, ttl, with_iat
        self.refuse_all = False
        self.paths: Counter[str] = Counter()

    def token(self, kind: str) -> str:
        claims: dict[str, Any] = {"typ": kind, "exp": int(self.now + self.ttl), "sub": "1042"}
        if self.with_iat:
            claims["iat"] = int(self.now)
        return jwt.encode(claims, SECRET, algorithm="HS256")

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        self.paths[path] += 1
        headers = {"Date": email.utils.formatdate(self.now, usegmt=True)}
        if path == REFRESH and self.refuse_all:
            return httpx.Response(401, json={"detail": "Token is invalid"}, headers=headers)
        if path in (LOGIN, REFRESH):
            body = {"access": self.token("access"), "refresh": self.token("refresh")}
            return httpx.Response(200, json=body, headers=headers)
        scheme, _, credential = request.headers.get("authorization", "").partition(" ")
        try:
            claims = jwt.decode(
                credential,
                SECRET,
                algorithms=["HS256"],
                options={"verify_exp": False, "verify_iat": False},
            )
        except jwt.PyJWTError:
            claims = {}
        valid = claims.get("typ") == "access" and claims.get("exp", 0) > self.now
        if self.refuse_all or scheme != "Bearer" or not valid:
            return httpx.Response(401, json={"detail": "Token is invalid"}, headers=headers)
        return httpx.Response(200, json={"results": []}, headers=headers)


def scripted_client(server: Scripted, local: Callable[[], float], **kwargs: Any) -> Misaka:
    client = Misaka(
        base_url=BASE,
        email=EMAIL,
        password=PASSWORD,
        transport=httpx.MockTransport(server),
        clock=local,
        **kwargs,
    )
    return client


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


def yielding_stub(clock: ManualClock, paths: Counter[str]) -> httpx.MockTransport:
    """The stub behind a transport that gives the event loop a turn on every request, as a
    network would, so that concurrent tasks really meet on the auth lock."""
    inner = httpx.ASGITransport(app=create_app(StubConfig(clock=clock, access_ttl=300)))

    async def handler(request: httpx.Request) -> httpx.Response:
        paths[request.url.path] += 1
        await asyncio.sleep(0.001)
        return await inner.handle_async_request(request)

    return httpx.MockTransport(handler)


# ---- single flight from a cold start -------------------------------------------------------------


def crowd(call: Callable[[], object], size: int = 50) -> list[BaseException]:
    """Run ``call`` in ``size`` threads released at once; the errors they raised."""
    barrier, errors = threading.Barrier(size), []

    def work() -> None:
        try:
            barrier.wait()
            call()
        except BaseException as exc:  # pragma: no cover - reported by the caller
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(size)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


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


# ---- item 10: one AsyncMisaka, several event loops ---------------------------------------------


def test_async_client_works_across_event_loops() -> None:
    clock = ManualClock()
    paths: Counter[str] = Counter()
    transport = yielding_stub(clock, paths)
    client = AsyncMisaka(
        base_url=BASE, email=EMAIL, password=PASSWORD, transport=transport, clock=clock.now
    )

    async def crowd() -> int:
        return len(await asyncio.gather(*(client.teams.list_teams() for _ in range(5))))

    assert asyncio.run(crowd()) == 5  # the first loop logs in while the others wait
    clock.advance(400)
    assert asyncio.run(crowd()) == 5  # a second loop refreshes while the others wait
    assert paths[LOGIN] == 1 and paths[REFRESH] == 1
    asyncio.run(client.close())


# Run in a child process: a pool left on a closed loop keeps its sockets (and the server's
# shutdown) waiting while anything, such as a captured log record, still refers to them.
ACROSS_LOOPS_OVER_HTTP = """
import asyncio, contextlib, gc
import httpx
from misaka_io.testing.stub import ManualClock, StubConfig, create_app
from misaka_io.testing.stub.server import serve
from misaka_io import AsyncMisaka, ConfigurationError

clock = ManualClock()
with serve(create_app(StubConfig(clock=clock, access_ttl=300))) as url:
    held = [
        AsyncMisaka(
            base_url=url, email=%(email)r, password=%(password)r, clock=clock.now%(transport)s
        )
    ]

    async def crowd():
        return str(len(await asyncio.gather(*(held[0].teams.list_teams() for _ in range(5)))))

    first = asyncio.run(crowd())
    clock.advance(400)
    try:
        second = asyncio.run(crowd())
    except Exception as exc:
        second = type(exc).__name__
    with contextlib.suppress(RuntimeError):
        asyncio.run(held[0].close())
    held.clear()
    gc.collect()
print(first, second)
"""


@pytest.mark.parametrize(
    ("transport", "expected"),
    [("", "5"), (", transport=httpx.AsyncHTTPTransport()", "ConfigurationError")],
)
def test_async_client_across_event_loops_over_http(transport: str, expected: str) -> None:
    """A second ``asyncio.run`` works when the client made its transport (it opens a pool per
    loop), and is a typed ``ConfigurationError`` with a network transport of the user's
    (whose connections belong to the first loop; it was an untyped RuntimeError)."""
    script = ACROSS_LOOPS_OVER_HTTP % {
        "email": EMAIL,
        "password": PASSWORD,
        "transport": transport,
    }
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(["generated", "overlay", "."])}
    done = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
        check=False,
    )
    if done.returncode != 0 or len(done.stdout.split()) != 2:
        raise RuntimeError(f"the child process failed: {done.stderr[-2000:]}")
    first, second = done.stdout.split()
    assert (first, second) == ("5", expected)


# ---- item 12: sessions kept in a file ---------------------------------------------------------


def _who(client: Misaka) -> str:
    return str(client.request("GET", "/v3/session/token").json()["token"])


def test_stored_session_of_another_account_is_ignored(
    setup: Callable[..., StubSetup], tmp_path: Path
) -> None:
    stub = setup()
    path = tmp_path / "tokens.json"
    secure = stub.client(
        email="secure@example.net",
        password="otp-guarded-secret",
        otp=STUB_OTP,
        token_store=FileTokenStore(path),
    )
    assert _who(secure) == "stub-user-token-1043"
    noc = stub.client(token_store=FileTokenStore(path))
    assert _who(noc) != "stub-user-token-1043"  # noc@ runs as noc@, not as secure@
    assert stub.transport.paths[LOGIN] == 2  # noc@ logged in: secure@'s session was not used
    assert json.loads(path.read_text())["account"] == EMAIL


def test_logout_leaves_another_accounts_stored_session_alone(
    setup: Callable[..., StubSetup], tmp_path: Path
) -> None:
    stub = setup()
    path = tmp_path / "tokens.json"
    stub.client(
        email="secure@example.net",
        password="otp-guarded-secret",
        otp=STUB_OTP,
        token_store=FileTokenStore(path),
    ).login()
    stub.client(token_store=FileTokenStore(path)).logout()  # noc@: not its session
    assert stub.transport.paths[LOGOUT] == 0
    assert json.loads(path.read_text())["account"] == "secure@example.net"


def test_stored_session_for_another_base_url_is_ignored(
    setup: Callable[..., StubSetup], tmp_path: Path
) -> None:
    stub = setup()
    path = tmp_path / "tokens.json"
    stub.client(base_url="http://localhost:8001", token_store=FileTokenStore(path)).login()
    other = stub.client(base_url="http://127.0.0.1", token_store=FileTokenStore(path))
    other.teams.list_teams()
    assert stub.transport.paths[LOGIN] == 2  # the other client logged in
    assert json.loads(path.read_text())["base_url"] == "http://127.0.0.1"


def test_stored_session_without_owner_is_ignored(
    setup: Callable[..., StubSetup], tmp_path: Path
) -> None:
    stub = setup()
    path = tmp_path / "tokens.json"
    first = stub.client(token_store=FileTokenStore(path))
    first.login()
    record = json.loads(path.read_text())
    path.write_text(json.dumps({"access": record["access"], "refresh": record["refresh"]}))
    os.chmod(path, 0o600)
    second = stub.client(token_store=FileTokenStore(path))
    second.teams.list_teams()
    assert stub.transport.paths[LOGIN] == 2  # the second client logged in


def test_logout_in_a_new_process_revokes_the_stored_session(
    setup: Callable[..., StubSetup], tmp_path: Path
) -> None:
    stub = setup()
    path = tmp_path / "tokens.json"
    stub.client(token_store=FileTokenStore(path)).login()
    access = json.loads(path.read_text())["access"]
    # A new process: a new client holding nothing but the same store.
    later = stub.client(token_store=FileTokenStore(path))
    later.logout()
    assert stub.transport.paths[LOGOUT] == 1 and stub.transport.paths[LOGIN] == 1
    assert not path.exists()
    raw = httpx.Client(transport=stub.transport, base_url=BASE)
    assert raw.get("/v3/teams", headers={"Authorization": f"Bearer {access}"}).status_code == 401
    raw.close()


def test_logout_of_a_dead_stored_session_does_not_log_in(
    setup: Callable[..., StubSetup], tmp_path: Path
) -> None:
    stub = setup()
    path = tmp_path / "tokens.json"
    stub.client(token_store=FileTokenStore(path)).login()
    stub.app.stub_state.sessions.revoke_all(1042)  # revoked elsewhere meanwhile
    later = stub.client(token_store=FileTokenStore(path))
    with pytest.raises(AuthenticationError):  # nothing left to log out of
        later.logout()
    assert stub.transport.paths[LOGIN] == 1  # no login just to log out
    assert not path.exists()


@pytest.mark.parametrize("mode", [0o620, 0o602, 0o666], ids=oct)
def test_store_file_writable_by_others_is_refused(
    setup: Callable[..., StubSetup], tmp_path: Path, mode: int
) -> None:
    stub = setup()
    path = tmp_path / "tokens.json"
    stub.client(token_store=FileTokenStore(path)).login()
    access = json.loads(path.read_text())["access"]
    os.chmod(path, mode)
    with pytest.raises(ConfigurationError, match="writable by") as info:
        FileTokenStore(path).load()
    assert str(path) in str(info.value) and access not in str(info.value)
    sent = sum(stub.transport.paths.values())
    with pytest.raises(ConfigurationError, match="writable by"):
        stub.client(token_store=FileTokenStore(path)).teams.list_teams()
    assert sum(stub.transport.paths.values()) == sent  # refused before anything was sent
    assert stat.S_IMODE(path.stat().st_mode) == mode  # and the file was left alone


def test_store_file_owned_by_someone_else_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "tokens.json"
    path.write_text('{"access": "a", "account": "noc@example.net", "base_url": "x"}')
    os.chmod(path, 0o600)
    monkeypatch.setattr(os, "geteuid", lambda: path.stat().st_uid + 1)
    with pytest.raises(ConfigurationError, match="owned by uid"):
        FileTokenStore(path).load()


def test_store_path_that_is_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "tokens.json"
    os.mkfifo(fifo, 0o600)  # opening it for reading would wait for a writer
    with pytest.raises(ConfigurationError, match="not a regular file"):
        FileTokenStore(fifo).load()


def _open_under(folder: Path) -> list[str]:
    """The files under ``folder`` this process holds open (other threads' sockets and pipes,
    which come and go while a suite runs, are not counted)."""
    out = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:  # closed meanwhile
            continue
        if target.startswith(str(folder)):
            out.append(target)
    return out


def test_a_refused_store_leaves_no_file_open(tmp_path: Path) -> None:
    (tmp_path / "tokens.json").mkdir()
    assert _open_under(tmp_path) == []
    for _ in range(5):
        with pytest.raises(ConfigurationError, match="not a regular file"):
            FileTokenStore(tmp_path / "tokens.json").load()
    assert _open_under(tmp_path) == []


def test_store_file_too_large_to_be_a_session_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    path.write_text(json.dumps({"access": "a" * 70_000, "account": EMAIL, "base_url": BASE}))
    os.chmod(path, 0o600)
    assert FileTokenStore(path).load() is None
