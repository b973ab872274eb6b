"""One session shared by many processes: the session file is written under a file lock, a
refresh refused because another process rotated the token first adopts that process's
session, and a store is cleared only while it still holds the session that failed."""

from __future__ import annotations

import stat
import subprocess
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from misaka_io import AsyncMisaka, AuthenticationError, FileTokenStore, MemoryTokenStore, Misaka
from misaka_io._session_io import STORE_LOCK_WAIT
from misaka_io._tokens import LOCK_POLL, LOCK_WAIT, Tokens
from misaka_io.testing.stub import create_app
from misaka_io.testing.stub.config import ManualClock, StubConfig
from misaka_io.testing.stub.server import serve
from tests.cli_support import EMAIL, MISAKA, PASSWORD, TIMEOUT, Cli
from tests.conftest import BASE, AsyncCounting, Counting

ACCESS_TTL = 300.0
PROCESSES = 8


@pytest.fixture
def rotating() -> Iterator[tuple[str, ManualClock]]:
    """A stub over HTTP that rotates refresh tokens, on a clock the test moves."""
    clock = ManualClock(start=time.time())
    with serve(create_app(StubConfig(clock=clock, access_ttl=ACCESS_TTL))) as url:
        yield url, clock


def _at_once(cli: Cli, count: int, *args: str) -> list[subprocess.CompletedProcess[str]]:
    """``count`` real ``misaka`` processes started together (no API token: the session)."""
    env = cli.env(token=False)

    def run(_: int) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(MISAKA), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=TIMEOUT,
            check=False,
        )

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


@pytest.mark.parametrize("trial", [1, 2, 3])
def test_eight_commands_at_once_after_expiry_all_succeed_and_keep_the_session(
    rotating: tuple[str, ManualClock], tmp_path: Path, trial: int
) -> None:
    url, clock = rotating
    cli = Cli(url, tmp_path / "config")
    done = cli("login", "--email", EMAIL, "--password-stdin", stdin=PASSWORD + "\n", token=False)
    assert done.code == 0, done.err
    session = cli.config_dir / "sessions" / "default.json"
    clock.advance(ACCESS_TTL + 60)
    results = _at_once(cli, PROCESSES, "ports", "list", "-o", "json")
    failures = [(r.returncode, r.stderr.strip()) for r in results if r.returncode != 0]
    assert failures == [], f"trial {trial}: {failures}"
    assert session.exists(), f"trial {trial}: the session file was removed"
    after = cli("ports", "list", "-o", "json", token=False)
    assert after.code == 0, after.err


# ---- the store's decisions --------------------------------------------------------------------

LOGIN, REFRESH = "/v3/session/login", "/v3/session/refresh"
OLD = Tokens("access-old", "refresh-old", account=EMAIL, base_url=BASE)
NEW = Tokens("access-new", "refresh-new", account=EMAIL, base_url=BASE)


class FakeTime:
    """A monotonic clock that moves only when slept on."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.mark.parametrize("kind", ["file", "memory"])
def test_a_store_is_cleared_only_while_it_holds_the_session_that_failed(
    kind: str, tmp_path: Path
) -> None:
    store = FileTokenStore(tmp_path / "s.json") if kind == "file" else MemoryTokenStore()
    store.save(NEW)  # another process refreshed: the store holds its newer session
    assert store.clear_if(OLD) is False
    assert NEW.same_session(store.load())
    assert store.clear_if(NEW) is True
    assert store.load() is None


def test_a_write_waits_for_the_lock_another_process_holds_then_goes_on_without_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s.json"
    other = FileTokenStore(path)  # its own lock file descriptor: as another process has
    time_ = FakeTime()
    mine = FileTokenStore(path, clock=time_.clock, sleep=time_.sleep)
    assert other.try_lock() is True
    assert mine.try_lock() is False
    mine.save(NEW)  # waited, then written atomically anyway
    assert time_.now >= LOCK_WAIT and len(time_.slept) == pytest.approx(LOCK_WAIT / LOCK_POLL, 1)
    assert NEW.same_session(mine.load())
    other.unlock()
    assert mine.try_lock() is True and mine.try_lock() is True  # re-entrant for its holder
    assert other.try_lock() is False
    mine.unlock()
    mine.unlock()
    assert other.try_lock() is True
    other.unlock()


def test_the_lock_file_is_the_owners_alone(tmp_path: Path) -> None:
    store = FileTokenStore(tmp_path / "sessions" / "s.json")
    store.save(NEW)
    assert stat.S_IMODE(store.lock_path.stat().st_mode) == 0o600


# ---- the session's decisions (two clients with stores of their own: two processes) ------------


def test_a_client_finds_the_session_another_refreshed_and_does_not_refresh_again(
    make_client: Callable[..., Misaka], transport: Counting, clock: ManualClock, tmp_path: Path
) -> None:
    path = tmp_path / "s.json"
    make_client(token_store=FileTokenStore(path)).login()
    first = make_client(email=None, password=None, token_store=FileTokenStore(path))
    second = make_client(email=None, password=None, token_store=FileTokenStore(path))
    first.teams.list_teams(), second.teams.list_teams()  # both resume the stored session
    clock.advance(400)
    first.teams.list_teams()
    second.teams.list_teams()  # its refresh token was rotated away: it takes the stored one
    assert transport.paths[REFRESH] == 1 and transport.paths[LOGIN] == 1
    assert FileTokenStore(path).load() is not None


async def test_an_async_client_finds_the_session_another_refreshed(
    amake_client: Callable[..., AsyncMisaka],
    atransport: AsyncCounting,
    clock: ManualClock,
    tmp_path: Path,
) -> None:
    path = tmp_path / "s.json"
    await amake_client(token_store=FileTokenStore(path)).login()
    first = amake_client(email=None, password=None, token_store=FileTokenStore(path))
    second = amake_client(email=None, password=None, token_store=FileTokenStore(path))
    await first.teams.list_teams()
    await second.teams.list_teams()
    clock.advance(400)
    await first.teams.list_teams()
    await second.teams.list_teams()
    assert atransport.paths[REFRESH] == 1 and atransport.paths[LOGIN] == 1
    assert FileTokenStore(path).load() is not None


class RotateFirst(httpx.BaseTransport):
    """Before the first refresh goes out, ``rotate`` runs: another client refreshes first."""

    def __init__(self, inner: httpx.BaseTransport, rotate: Callable[[], object]) -> None:
        self.inner, self.rotate = inner, rotate
        self.refusals = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == REFRESH and self.rotate:
            rotate, self.rotate = self.rotate, None  # type: ignore[assignment]
            rotate()
            response = self.inner.handle_request(request)
            self.refusals += response.status_code == 401
            return response
        return self.inner.handle_request(request)


def test_a_refused_refresh_reads_the_store_again_before_giving_up(
    make_client: Callable[..., Misaka], transport: Counting, clock: ManualClock
) -> None:
    store = MemoryTokenStore()  # a store without a lock: the refreshes race
    first = make_client(email=None, password=None, token_store=store)
    make_client(token_store=store).login()
    first.teams.list_teams()
    clock.advance(400)
    racing = RotateFirst(transport, first.teams.list_teams)
    # the client reads expiry on the stub's clock
    second = Misaka(base_url=BASE, token_store=store, transport=racing, clock=clock.now)
    try:
        assert second.teams.list_teams() is not None
    finally:
        second.close()
    assert racing.refusals == 1, "the second refresh was refused: the first rotated the token"
    assert store.load() is not None


def test_a_failed_session_leaves_a_store_that_now_holds_another(
    make_client: Callable[..., Misaka], clock: ManualClock, tmp_path: Path
) -> None:
    path = tmp_path / "s.json"
    owner = make_client(token_store=FileTokenStore(path))
    owner.login()
    resumed = make_client(email=None, password=None, token_store=FileTokenStore(path))
    resumed.teams.list_teams()
    owner.logout()  # revokes the session on the server
    elsewhere = Tokens("access-x", "refresh-x", account=EMAIL, base_url="https://other.test")
    FileTokenStore(path).save(elsewhere)  # another API's session, stored meanwhile
    clock.advance(400)
    with pytest.raises(AuthenticationError):
        resumed.teams.list_teams()
    assert elsewhere.same_session(FileTokenStore(path).load())


def test_a_refresh_waits_for_a_held_store_then_goes_on_without_it(
    make_client: Callable[..., Misaka],
    transport: Counting,
    clock: ManualClock,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = tmp_path / "s.json"
    make_client(token_store=FileTokenStore(path)).login()
    time_, store_time = FakeTime(), FakeTime()
    resumed = make_client(
        email=None,
        password=None,
        # the store's own wait for its lock, when it saves, runs on a clock of its own
        token_store=FileTokenStore(path, clock=store_time.clock, sleep=store_time.sleep),
        monotonic=time_.clock,  # injected
        sleep=time_.sleep,
    )
    holder = FileTokenStore(path)  # another process, stuck while holding the lock
    assert holder.try_lock()
    clock.advance(400)
    try:
        resumed.teams.list_teams()
    finally:
        holder.unlock()
    assert STORE_LOCK_WAIT <= time_.now < STORE_LOCK_WAIT + 1
    assert LOCK_WAIT <= store_time.now < LOCK_WAIT + 1  # then saved without the lock
    assert transport.paths[REFRESH] == 1
    assert "going on without the lock" in caplog.text
