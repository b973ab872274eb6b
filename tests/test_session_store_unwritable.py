"""A token store that cannot be written loses nothing: the run that renewed the session
finishes with the new token and warns once, naming the file; the stored session is never
deleted or truncated; the runs that cannot share the new session say why.

The filesystems are real: a small tmpfs mounted over the sessions directory, remounted
read-only or filled to the last byte. Mounting needs root (CAP_SYS_ADMIN); without it the
read-only variant falls back to a directory of mode 0500 (which binds a user, not root), and
the full-filesystem variant is skipped."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import subprocess
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from misaka_io import FileTokenStore, Misaka, StoreNotWritable
from misaka_io.testing.stub import create_app
from misaka_io.testing.stub.config import ManualClock, StubConfig
from misaka_io.testing.stub.server import serve
from tests.cli_support import EMAIL, MISAKA, PASSWORD, TIMEOUT, Cli

ACCESS_TTL = 300.0


def _mount(*args: str) -> bool:
    done = subprocess.run(["mount", *args], capture_output=True, check=False)
    return done.returncode == 0


class Sessions:
    """The CLI's sessions directory on a filesystem of its own that the test can make
    read-only or full."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.mounted = False

    def mount(self) -> bool:
        self.path.mkdir(parents=True, mode=0o700)
        self.mounted = _mount("-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", str(self.path))
        return self.mounted

    def read_only(self) -> None:
        if self.mounted:
            assert _mount("-o", "remount,ro", str(self.path))
        else:
            self.path.chmod(0o500)

    def fill(self) -> None:
        """Write a filler file until the filesystem refuses another byte."""
        with open(self.path / "filler", "wb", buffering=0) as fh:
            for size in (4096, 1):  # whole pages, then the last bytes
                with contextlib.suppress(OSError):
                    while True:
                        fh.write(b"\0" * size)
        probe = self.path / "probe"
        with pytest.raises(OSError) as full:
            probe.write_bytes(b"x")
        assert full.value.errno == errno.ENOSPC
        probe.unlink(missing_ok=True)

    def release(self) -> None:
        if self.mounted:
            subprocess.run(["umount", "-l", str(self.path)], check=False)
        else:
            with contextlib.suppress(OSError):
                self.path.chmod(0o700)


@pytest.fixture
def sessions(tmp_path: Path) -> Iterator[Sessions]:
    made = Sessions(tmp_path / "config" / "sessions")
    yield made
    made.release()


@pytest.fixture
def rotating() -> Iterator[tuple[str, ManualClock]]:
    """A stub over HTTP that rotates refresh tokens, on a clock the test moves."""
    clock = ManualClock(start=time.time())
    with serve(create_app(StubConfig(clock=clock, access_ttl=ACCESS_TTL))) as url:
        yield url, clock


def _logged_in(url: str, tmp_path: Path) -> tuple[Cli, Path, bytes]:
    cli = Cli(url, tmp_path / "config")
    done = cli("login", "--email", EMAIL, "--password-stdin", stdin=PASSWORD + "\n", token=False)
    assert done.code == 0, done.err
    session = cli.config_dir / "sessions" / "default.json"
    return cli, session, session.read_bytes()


def _make_unwritable(sessions: Sessions, how: str) -> None:
    if how == "full":
        if not sessions.mounted:
            pytest.skip("mount is not permitted here (needs root): no full filesystem to test on")
        sessions.fill()
    elif sessions.mounted:
        sessions.read_only()
    elif os.geteuid() == 0:
        pytest.skip("root may write any directory and mount is not permitted here")
    else:
        sessions.read_only()


@pytest.mark.parametrize("how", ["read-only", "full"])
def test_a_run_that_cannot_store_the_renewed_session_finishes_and_warns_once_naming_the_file(
    rotating: tuple[str, ManualClock], sessions: Sessions, tmp_path: Path, how: str
) -> None:
    url, clock = rotating
    sessions.mount()
    cli, session, before = _logged_in(url, tmp_path)
    _make_unwritable(sessions, how)
    clock.advance(ACCESS_TTL + 60)  # the access token has expired: this run refreshes
    done = cli("ports", "list", "-o", "json", token=False)
    assert done.code == 0, done.err
    warnings = [line for line in done.err.splitlines() if str(session) in line]
    assert len(warnings) == 1, done.err
    assert "could not be saved" in warnings[0]
    assert session.read_bytes() == before  # neither deleted nor truncated


@pytest.mark.parametrize("how", ["read-only", "full"])
def test_a_run_that_cannot_share_the_renewed_session_says_the_store_cannot_be_written(
    rotating: tuple[str, ManualClock], sessions: Sessions, tmp_path: Path, how: str
) -> None:
    url, clock = rotating
    sessions.mount()
    cli, session, before = _logged_in(url, tmp_path)
    _make_unwritable(sessions, how)
    clock.advance(ACCESS_TTL + 60)
    assert cli("ports", "list", "-o", "json", token=False).code == 0  # rotated, not stored
    after = cli("ports", "list", "-o", "json", token=False)
    assert after.code == 3, after.err
    assert "cannot be written" in after.err and str(session) in after.err, after.err
    assert "401" not in after.err
    assert "Traceback" not in after.err
    assert session.read_bytes() == before  # the session was not cleared


def test_eight_runs_at_once_on_a_read_only_store_succeed_or_say_why_and_keep_the_file(
    rotating: tuple[str, ManualClock], sessions: Sessions, tmp_path: Path
) -> None:
    url, clock = rotating
    sessions.mount()
    cli, session, before = _logged_in(url, tmp_path)
    _make_unwritable(sessions, "read-only")
    clock.advance(ACCESS_TTL + 60)
    env = cli.env(token=False)

    def run(_: int) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(MISAKA), "ports", "list", "-o", "json"],
            capture_output=True,
            text=True,
            env=env,
            timeout=TIMEOUT,
            check=False,
        )

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(run, range(8)))
    assert any(r.returncode == 0 for r in results), [r.stderr for r in results]
    for failed in (r for r in results if r.returncode != 0):
        assert failed.returncode == 3 and "cannot be written" in failed.stderr, failed.stderr
    assert session.read_bytes() == before


# ---- the library: any store whose writes fail ---------------------------------------------------


class Unwritable(FileTokenStore):
    """A file store whose writes fail as on a full disk (for the library's own decisions)."""

    def save(self, tokens: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(self.path))

    def unwritable(self) -> str | None:
        return "No space left on device"


def test_a_client_goes_on_with_the_new_session_when_the_store_refuses_it_and_warns_once(
    make_client: Callable[..., Misaka],
    clock: ManualClock,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = tmp_path / "s.json"
    make_client(token_store=FileTokenStore(path)).login()
    before = path.read_bytes()
    client = make_client(email=None, password=None, token_store=Unwritable(path))
    with caplog.at_level(logging.WARNING, logger="misaka_io"):
        for _ in range(3):
            clock.advance(ACCESS_TTL + 60)  # each call refreshes, each save fails
            client.teams.list_teams()
    warned = [r for r in caplog.records if str(path) in r.getMessage()]
    assert len(warned) == 1
    assert path.read_bytes() == before


def test_a_client_whose_stored_session_was_renewed_elsewhere_raises_store_not_writable(
    make_client: Callable[..., Misaka], clock: ManualClock, tmp_path: Path
) -> None:
    path = tmp_path / "s.json"
    make_client(token_store=FileTokenStore(path)).login()
    before = path.read_bytes()
    clock.advance(ACCESS_TTL + 60)
    make_client(email=None, password=None, token_store=Unwritable(path)).teams.list_teams()
    late = make_client(email=None, password=None, token_store=Unwritable(path))
    with pytest.raises(StoreNotWritable) as caught:
        late.teams.list_teams()
    assert caught.value.store == str(path)
    assert path.read_bytes() == before
