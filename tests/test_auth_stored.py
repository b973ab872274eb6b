"""Auth across event loops and with sessions kept in a file (issue 11, items 10 and 12): one
``AsyncMisaka`` on several loops; a stored session of another account, API or owner is not
used; logout revokes the stored session; a store file others could write, or that is not a
session, is refused or ignored and nothing is left open.
"""

from __future__ import annotations

import asyncio
import json
import os
import stat
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from misaka_io import (
    AsyncMisaka,
    AuthenticationError,
    ConfigurationError,
    FileTokenStore,
    Misaka,
)
from misaka_io.testing.stub import STUB_OTP, ManualClock
from tests.auth_support import (
    LOGIN,
    LOGOUT,
    REFRESH,
    StubSetup,
    stub_setups,
    yielding_stub,
)
from tests.conftest import BASE, EMAIL, PASSWORD


@pytest.fixture
def setup() -> Iterator[Callable[..., StubSetup]]:
    yield from stub_setups()


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
