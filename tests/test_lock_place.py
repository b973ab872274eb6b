"""The DNS lock on one machine, seen from processes: one place per user whatever the
environment (a login shell and cron alike), a private directory or none, no files left
behind, no lock kept by a forked child, and two processes' critical sections that never
overlap (observed directly, with no read-back merge to cover for the lock)."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pwd
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from misaka_io import Misaka
from misaka_io._exceptions import ConfigurationError
from misaka_io._recordset_lock import (
    LockDirectoryError,
    Locking,
    RecordsetBusyError,
    RecordsetLock,
    lock_dir,
    lock_name,
)
from misaka_io._shared_lock import LeaseLostError
from misaka_io.dns_records import DnsRecords
from misaka_io.testing.stub import DEFAULT_API_TOKEN, create_app
from misaka_io.testing.stub.server import serve

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60


def bare_env(**extra: str) -> dict[str, str]:
    """This process's environment without any lock setting or XDG directory, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MISAKA_", "XDG_", "HOME"))}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    env.update(extra)
    return env


def worker(*args: str, env: dict[str, str], cwd: Path | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.lock_worker", *args],
        env=env,
        cwd=cwd or ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def first_line(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    assert line, proc.stderr.read() if proc.stderr else ""
    return line


@contextlib.contextmanager
def held_elsewhere(locks: Path, *key: str) -> Iterator[Path]:
    """Another process's hold on ``key``'s lock file, as the file protocol sees it (an flock
    on the same file, in ``locks``, made 0700 when missing); its path, until the block ends."""
    locks.mkdir(mode=0o700, exist_ok=True)
    path = locks / lock_name(*key)
    other = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(other, fcntl.LOCK_EX)
        yield path
    finally:
        os.close(other)


def try_once(key: str, env: dict[str, str], cwd: Path | None = None, wait: float = 0.3) -> str:
    """Take the lock in a new process and let go at once: "held", or "busy"."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.lock_worker", "hold", key, str(wait)],
        env=env,
        cwd=cwd or ROOT,
        input="",
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode in (0, 3), done.stderr
    return done.stdout.strip()


def test_a_login_shell_and_a_cron_job_of_one_user_take_the_same_lock(tmp_path: Path) -> None:
    key = f"place-{uuid.uuid4()}"
    login = bare_env(
        XDG_RUNTIME_DIR=str(tmp_path / "run"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        HOME=str(tmp_path / "home"),
    )
    cron = bare_env()  # cron: no XDG_RUNTIME_DIR, another HOME, another working directory
    (tmp_path / "run").mkdir(mode=0o700)
    holder = worker("hold", key, "5", env=login)
    try:
        assert first_line(holder) == "held"
        assert try_once(key, cron, cwd=tmp_path) == "busy"
    finally:
        holder.communicate("", timeout=TIMEOUT)
    assert try_once(key, cron, cwd=tmp_path) == "held"
    assert not (tmp_path / "run" / "misaka-io").exists()
    home = Path(pwd.getpwuid(os.geteuid()).pw_dir)
    assert lock_dir(environ={}) == home / ".cache" / "misaka-io" / "locks"


def test_the_lock_directory_named_in_the_environment_is_used_by_every_process(
    tmp_path: Path,
) -> None:
    env = bare_env(MISAKA_LOCK_DIR=str(tmp_path / "locks"))
    holder = worker("hold", "named", "5", env=env)
    try:
        assert first_line(holder) == "held"
        assert len(list((tmp_path / "locks").iterdir())) == 1
        assert try_once("named", env, cwd=tmp_path) == "busy"
    finally:
        holder.communicate("", timeout=TIMEOUT)
    assert (tmp_path / "locks").stat().st_mode & 0o777 == 0o700


def test_a_relative_lock_directory_in_the_environment_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="absolute"):
        Locking.of(environ={"MISAKA_LOCK_DIR": "locks"})


def test_a_forked_child_does_not_hold_the_lock_after_its_parent_lets_go(tmp_path: Path) -> None:
    env = bare_env(MISAKA_LOCK_DIR=str(tmp_path / "locks"))
    parent = worker("fork", "forked", env=env)
    try:
        assert first_line(parent) == "child lost"
        assert try_once("forked", env) == "busy"  # the parent holds it
        assert parent.stdin is not None
        parent.stdin.write("let go\n")
        parent.stdin.flush()
        assert first_line(parent) == "released"
        assert try_once("forked", env, wait=5) == "held"  # while the child still lives
    finally:
        parent.communicate("", timeout=TIMEOUT)
    assert parent.returncode == 0


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o702])
def test_a_lock_directory_others_can_write_is_refused_and_nothing_is_written(
    tmp_path: Path, mode: int
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(mode)
    with serve(create_app()) as url, Misaka(api_token=DEFAULT_API_TOKEN, base_url=url) as client:
        dns = DnsRecords(client, lock_dir=shared)
        with pytest.raises(LockDirectoryError) as refused:
            dns.add("refused.example.net", "TXT", ["x"])
        assert DnsRecords(client, lock_dir=None).list("refused.example.net") == []
    assert str(refused.value) == (
        f"the DNS lock directory {shared} is not private to you (owner uid {os.geteuid()}, "
        f"mode {mode:#o}): others could take or break the lock; make it yours with mode 0700"
    )
    assert list(shared.iterdir()) == []


def test_a_lock_directory_that_is_a_symlink_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (tmp_path / "locks").symlink_to(elsewhere)
    with pytest.raises(LockDirectoryError, match="cannot be used"):
        RecordsetLock("k", directory=tmp_path / "locks").__enter__()
    assert list(elsewhere.iterdir()) == []


def test_lock_files_do_not_pile_up(tmp_path: Path) -> None:
    locking = Locking.of(tmp_path / "locks", 5, url=None)
    for n in range(50):
        with locking.lock("https://api.example", f"zone{n}.example"):
            assert len(list((tmp_path / "locks").iterdir())) == 1
    assert list((tmp_path / "locks").iterdir()) == []


def test_two_processes_are_never_inside_the_lock_at_once(tmp_path: Path) -> None:
    env = bare_env(MISAKA_LOCK_DIR=str(tmp_path / "locks"))
    log = tmp_path / "sections.log"
    procs = [worker("sections", "zone", "40", str(log), env=env) for _ in range(2)]
    for proc in procs:
        _, err = proc.communicate(timeout=TIMEOUT)
        assert proc.returncode == 0, err
    lines = log.read_text().splitlines()
    assert len(lines) == 160
    for inside, outside in zip(lines[::2], lines[1::2], strict=True):
        pid = inside.split()[0]
        assert (inside, outside) == (f"{pid} in", f"{pid} out"), lines
    assert list((tmp_path / "locks").iterdir()) == []


def test_the_local_lock_is_held_inside_its_block_and_not_outside(tmp_path: Path) -> None:
    lock = Locking.of(tmp_path / "locks", 5, url=None).lock("k")
    with pytest.raises(LeaseLostError, match="does not hold"):
        lock.ensure_held()
    with lock:
        lock.ensure_held()
    with pytest.raises(LeaseLostError, match="does not hold"):
        lock.ensure_held()


def test_the_lock_directory_is_the_one_the_environment_names(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert lock_dir({"MISAKA_LOCK_DIR": "/srv/locks"}) == Path("/srv/locks")
    monkeypatch.setenv("MISAKA_LOCK_DIR", str(tmp_path / "named"))
    assert lock_dir() == tmp_path / "named"  # this process's environment when none is given


@pytest.mark.parametrize("home", [None, "", "relative/home"])
def test_a_user_without_a_home_directory_is_told_to_name_a_lock_directory(
    monkeypatch: pytest.MonkeyPatch, home: str | None
) -> None:
    def entry(uid: int) -> object:
        if home is None:
            raise KeyError(uid)
        return type("Entry", (), {"pw_dir": home})()

    monkeypatch.setattr(pwd, "getpwuid", entry)
    with pytest.raises(ConfigurationError) as refused:
        lock_dir({})
    assert str(refused.value) == (
        f"user {os.geteuid()} has no home directory in the password database: set "
        "MISAKA_LOCK_DIR to a directory of yours for the DNS lock"
    )


def test_a_lock_file_is_open_to_its_owner_only(tmp_path: Path) -> None:
    locking = Locking.of(tmp_path / "locks", 5, url=None)
    with locking.lock("https://api.example", "example.net"):
        (made,) = (tmp_path / "locks").iterdir()
        assert made.stat().st_mode & 0o777 == 0o600


def test_a_busy_lock_says_how_long_another_writer_on_this_machine_held_it(tmp_path: Path) -> None:
    locking = Locking.of(tmp_path / "locks", 0.2, url=None)
    with (
        locking.lock("https://api.example", "example.net"),
        pytest.raises(RecordsetBusyError) as busy,
        locking.lock("https://api.example", "example.net"),
    ):
        pass
    assert str(busy.value) == "another writer on this machine held the lock for more than 0.2 s"


def test_a_lock_file_that_is_a_symlink_or_not_a_file_is_refused(tmp_path: Path) -> None:
    locks, target = tmp_path / "locks", tmp_path / "elsewhere"
    locks.mkdir(mode=0o700)
    target.write_text("keep")
    name = lock_name("https://api.example", "example.net")
    (locks / name).symlink_to(target)
    locking = Locking.of(locks, 5, url=None)
    with pytest.raises(LockDirectoryError, match="symbolic links"):
        locking.lock("https://api.example", "example.net").__enter__()
    assert target.read_text() == "keep"
    (locks / name).unlink()
    os.mkfifo(locks / name)
    with pytest.raises(LockDirectoryError) as refused:
        locking.lock("https://api.example", "example.net").__enter__()
    assert f"({name} is not a regular file)" in str(refused.value)


def test_a_lock_file_another_holder_has_locked_keeps_the_lock_busy_until_let_go(
    tmp_path: Path,
) -> None:
    locks = tmp_path / "locks"
    locking = Locking.of(locks, 0.2, url=None)
    with held_elsewhere(locks, "https://api.example", "example.net") as path:
        with pytest.raises(RecordsetBusyError), locking.lock("https://api.example", "example.net"):
            pass
        assert path.exists()  # the writer that gave up left the holder's file alone
    with locking.lock("https://api.example", "example.net"):
        pass


def test_a_writer_that_locked_the_file_its_last_holder_removed_takes_the_new_one(
    tmp_path: Path,
) -> None:
    locks = tmp_path / "locks"
    locks.mkdir(mode=0o700)
    path = locks / lock_name("https://api.example", "example.net")
    other = os.open(path, os.O_RDWR | os.O_CREAT)
    fcntl.flock(other, fcntl.LOCK_EX)
    held = [other]

    def last_holder_lets_go(seconds: float) -> None:  # as a holder leaves: remove, then unlock
        if held:
            path.unlink()
            os.close(held.pop())

    lock = RecordsetLock(
        "https://api.example", "example.net", directory=locks, wait=5, sleep=last_holder_lets_go
    )
    with lock:
        third = os.open(path, os.O_RDWR)  # the file under the name now is the one held
        try:
            with pytest.raises(BlockingIOError):
                fcntl.flock(third, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(third)


def _in_child(lock: RecordsetLock) -> int:
    """In a child forked inside the lock: 0 when it holds none of it and leaves it harmlessly."""
    try:
        lock.ensure_held()
    except LeaseLostError:
        pass
    else:
        return 1
    try:
        lock.__exit__(None, None, None)
    except BaseException:
        return 2
    return 0


def test_a_child_forked_inside_the_lock_holds_none_of_it_and_leaving_it_harms_no_one(
    tmp_path: Path,
) -> None:
    locking = Locking.of(tmp_path / "locks", 5, url=None)
    with locking.lock("https://api.example", "example.net") as lock:
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os._exit(_in_child(lock))
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        lock.ensure_held()
        (path,) = (tmp_path / "locks").iterdir()  # the parent's file is still there...
        probe = os.open(path, os.O_RDWR)
        try:
            with pytest.raises(BlockingIOError):  # ...and still locked
                fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(probe)


def test_a_lock_directory_that_is_a_file_is_refused_as_not_a_directory(tmp_path: Path) -> None:
    path = tmp_path / "locks"
    path.write_text("")
    path.chmod(0o600)
    with pytest.raises(LockDirectoryError) as refused:
        Locking.of(path, 5, url=None).lock("https://api.example", "example.net").__enter__()
    assert str(refused.value) == (
        f"the DNS lock directory {path} cannot be used (Not a directory): set "
        "MISAKA_LOCK_DIR to a directory of yours"
    )


def test_a_lock_not_entered_is_not_held_and_one_whose_file_vanished_is_left_quietly(
    tmp_path: Path,
) -> None:
    locking = Locking.of(tmp_path / "locks", 5, url=None)
    with pytest.raises(LeaseLostError) as lost:
        locking.lock("https://api.example", "example.net").ensure_held()
    assert str(lost.value) == "this writer does not hold the DNS lock: nothing is written"
    with locking.lock("https://api.example", "example.net"):
        for made in (tmp_path / "locks").iterdir():
            made.unlink()
    assert list((tmp_path / "locks").iterdir()) == []
