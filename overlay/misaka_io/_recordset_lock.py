"""One writer at a time per DNS lock key (a zone, or a recordset, of one API) per user.

A zone is changed by reading it, deciding and writing, so two writers that interleave lose
one's change. ``RecordsetLock`` queues them: threads and asyncio tasks of one interpreter on
an in-process gate (first come, first served; a task waits without blocking its loop), then
processes on an advisory ``flock`` of a file named after the key, then, when a Redis URL is
set (``MISAKA_LOCK_URL``, ``_shared_lock``), writers on other machines on a lease in Redis.
The directory is the same for every process of a user whatever its environment: the
``directory`` given, else ``$MISAKA_LOCK_DIR``, else ``~/.cache/misaka-io/locks`` of the home
in the password database (not ``$HOME``, ``$XDG_*`` or the working directory, which differ
between a login shell, cron and systemd). Its last level is made 0700, opened without
following a symlink, and refused (``LockDirectoryError``) unless it is a directory of yours
closed to others. A lock file is removed by its holder before it lets go (a writer that
locked a file removed meanwhile tries again), so files do not pile up. A forked child drops
the locks its parent held. Waiting is bounded: ``RecordsetBusyError`` after ``wait`` seconds.
The held lock's ``ensure_held()`` is called before each write: it raises ``LeaseLostError``
when the shared lease ran out (the local lock cannot be lost while its process lives).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
import pwd
import stat
import threading
import time
import weakref
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from misaka_io._exceptions import ConfigurationError, MisakaError
from misaka_io._lock_gate import Gate, Waiter, enter_gate, forget_gates, leave_gate
from misaka_io._options import NOT_GIVEN, NotGiven
from misaka_io._shared_lock import LEASE, LeaseLostError, SharedHold, SharedLocking

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks between processes
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger("misaka_io")

LOCK_WAIT = 120.0  # seconds a writer waits for the lock in all (gate, file and Redis)
POLL = 0.02  # seconds between two tries of a file lock held by another process
DIR_MODE = 0o700
DIR_ENV = "MISAKA_LOCK_DIR"
URL_ENV = "MISAKA_LOCK_URL"
LEASE_ENV = "MISAKA_LOCK_LEASE"


class RecordsetBusyError(MisakaError, TimeoutError):
    """Another writer held the lock for longer than the wait allows."""


class LockDirectoryError(ConfigurationError):
    """The lock directory cannot be used safely (not yours, open to others, not a directory,
    or not writable): nothing was written."""


def lock_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where the lock files go: ``$MISAKA_LOCK_DIR`` (absolute), else ``.cache/misaka-io/
    locks`` in the home directory that the password database gives this user."""
    env = os.environ if environ is None else environ
    chosen = env.get(DIR_ENV, "")
    if chosen:
        if not os.path.isabs(chosen):
            raise ConfigurationError(f"{DIR_ENV} must be an absolute path, not {chosen!r}")
        return Path(chosen)
    try:
        home = pwd.getpwuid(os.geteuid()).pw_dir
    except KeyError:
        home = ""
    if not home or not os.path.isabs(home):
        raise ConfigurationError(
            f"user {os.geteuid()} has no home directory in the password database: set "
            f"{DIR_ENV} to a directory of yours for the DNS lock"
        )
    return Path(home) / ".cache" / "misaka-io" / "locks"


def lock_name(*parts: str) -> str:
    """The file name of a recordset's lock: a digest of its key (no name characters leak into
    paths, and every key gives a name of the same short length)."""
    digest = hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()
    return f"{digest[:40]}.lock"


# ---- between processes: an advisory lock on a file in a private directory ----------------------


def _open_private_dir(path: Path) -> int:
    """A descriptor of ``path``, made 0700 (with its missing parents) when missing, opened
    without following a symlink; ``LockDirectoryError`` unless it is a directory of yours
    closed to others."""
    try:
        path.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        parent = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            with contextlib.suppress(FileExistsError):
                os.mkdir(path.name, DIR_MODE, dir_fd=parent)
            fd = os.open(path.name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=parent)
        finally:
            os.close(parent)
    except OSError as exc:
        raise LockDirectoryError(
            f"the DNS lock directory {path} cannot be used ({exc.strerror or exc}): set "
            f"{DIR_ENV} to a directory of yours"
        ) from None
    st = os.fstat(fd)
    if st.st_uid != os.geteuid() or stat.S_IMODE(st.st_mode) & 0o077:
        os.close(fd)
        raise LockDirectoryError(
            f"the DNS lock directory {path} is not private to you (owner uid {st.st_uid}, "
            f"mode {stat.S_IMODE(st.st_mode):#o}): others could take or break the lock; "
            "make it yours with mode 0700"
        )
    return fd


def _open_lock_file(dir_fd: int, name: str) -> int:
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
    fd = os.open(name, flags, 0o600, dir_fd=dir_fd)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(f"{name} is not a regular file")
    return fd


def _try_flock(fd: int) -> bool:
    assert fcntl is not None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _still_linked(dir_fd: int, name: str, fd: int) -> bool:
    """Whether the locked file is still the one under ``name`` (its last holder removes it
    before letting go: a waiter that locked the removed file must start again)."""
    try:
        linked = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (linked.st_dev, linked.st_ino) == (mine.st_dev, mine.st_ino)


@dataclass(eq=False)
class _LockFile:
    """The file lock of one holder: ``attempt()`` until True, then ``release()``."""

    directory: Path
    name: str
    dir_fd: int | None = None
    fd: int | None = None
    locked: bool = False

    def attempt(self) -> bool:
        try:
            if self.dir_fd is None:
                self.dir_fd = _open_private_dir(self.directory)
            while True:
                if self.fd is None:
                    self.fd = _open_lock_file(self.dir_fd, self.name)
                if not _try_flock(self.fd):
                    return False
                if _still_linked(self.dir_fd, self.name, self.fd):
                    self.locked = True
                    return True
                os.close(self.fd)  # locked a removed file: open the new one
                self.fd = None
        except OSError as exc:
            self.release()
            raise LockDirectoryError(
                f"the DNS lock file in {self.directory} cannot be used "
                f"({exc.strerror or exc}): set {DIR_ENV} to a directory of yours"
            ) from None

    def release(self) -> None:
        """Remove the file when locked, then close it: closing unlocks it."""
        if self.locked and self.fd is not None and self.dir_fd is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.name, dir_fd=self.dir_fd)
        self.forget()

    def forget(self) -> None:
        """Close this process's descriptors (in a forked child: the parent keeps its lock)."""
        for fd in (self.fd, self.dir_fd):
            if fd is not None:
                os.close(fd)
        self.fd = self.dir_fd = None
        self.locked = False


# ---- the choice of lock -----------------------------------------------------------------------


@dataclass(frozen=True)
class Locking:
    """Which lock a writer takes: one per key (a zone, or a recordset, of one API), in
    ``directory`` between processes (None: within this process only), and in Redis between
    machines when ``shared`` is set; waited for ``wait`` seconds in all."""

    directory: Path | None
    wait: float
    shared: SharedLocking | None = None

    @classmethod
    def of(
        cls,
        directory: str | os.PathLike[str] | NotGiven | None = NOT_GIVEN,
        wait: float = LOCK_WAIT,
        *,
        url: str | NotGiven | None = NOT_GIVEN,
        lease: float | NotGiven = NOT_GIVEN,
        environ: Mapping[str, str] | None = None,
    ) -> Locking:
        """``directory`` left out: ``lock_dir()``. ``url`` left out: ``$MISAKA_LOCK_URL``
        (unset or empty: no shared lock); None: none. ``lease`` left out:
        ``$MISAKA_LOCK_LEASE``, else 30 s."""
        if isinstance(wait, bool) or not isinstance(wait, int | float) or not wait > 0:
            raise ConfigurationError(f"lock_wait must be seconds (more than 0), not {wait!r}")
        env = os.environ if environ is None else environ
        if isinstance(directory, NotGiven):
            place: Path | None = lock_dir(env)
        else:
            place = None if directory is None else Path(directory).absolute()
        if isinstance(url, NotGiven):
            url = env.get(URL_ENV) or None
        if isinstance(lease, NotGiven):
            lease = _env_lease(env)
        shared = None if url is None else SharedLocking.of(url, lease=lease, environ=env)
        return cls(place, float(wait), shared)

    def lock(self, *key: str) -> RecordsetLock:
        return RecordsetLock(*key, directory=self.directory, wait=self.wait, shared=self.shared)


def _env_lease(env: Mapping[str, str]) -> float:
    text = env.get(LEASE_ENV, "")
    if not text:
        return LEASE
    try:
        return float(text)
    except ValueError:
        raise ConfigurationError(f"{LEASE_ENV} must be seconds, not {text!r}") from None


# ---- the lock -----------------------------------------------------------------------------------

_held: weakref.WeakSet[RecordsetLock] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    """A forked child holds none of its parent's locks: it closes its copies of their files
    (the parent's lock stays with the parent) and forfeits their leases."""
    for held in list(_held):
        held._forget_after_fork()
    _held.clear()
    forget_gates()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


class RecordsetLock:
    """``with RecordsetLock(...)`` or ``async with``: the gate, then the file, then the lease
    in Redis (when ``shared``); released in the reverse order. One instance is entered once;
    ``ensure_held()`` before each write."""

    def __init__(
        self,
        *key: str,
        directory: Path | None,
        wait: float = LOCK_WAIT,
        shared: SharedLocking | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        async_sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._name = lock_name(*key)
        self._wait, self._clock = wait, clock
        self._sleep, self._async_sleep = sleep, async_sleep
        self._shared = shared
        self._gate: Gate | None = None
        self._holding = False
        self._file = (
            None if directory is None or fcntl is None else _LockFile(directory, self._name)
        )
        self._hold: SharedHold | None = None
        self._forked = False

    def _busy(self) -> RecordsetBusyError:
        where = "on this machine" if self._shared is None else "here or on another machine"
        return RecordsetBusyError(
            f"another writer {where} held the lock for more than {self._wait:g} s"
        )

    def _left(self, deadline: float) -> float:
        return max(0.0, deadline - self._clock())

    def ensure_held(self) -> None:
        """Raise ``LeaseLostError`` when this writer may no longer hold the lock: its lease
        in Redis ran out, or this is a forked child of the holder."""
        if self._forked or not self._holding:
            raise LeaseLostError("this writer does not hold the DNS lock: nothing is written")
        if self._hold is not None:
            self._hold.ensure_held()

    # sync

    def __enter__(self) -> RecordsetLock:
        deadline = self._clock() + self._wait
        gate = self._gate = enter_gate(self._name)
        waiter = Waiter(event=threading.Event())
        queued = False
        try:
            queued = not gate.try_take(waiter)
            if queued:
                assert waiter.event is not None
                waiter.event.wait(self._left(deadline))
                if not gate.give_up(waiter):
                    queued = False
                    raise self._busy()
            self._holding = True
            _held.add(self)
            while self._file is not None and not self._file.attempt():
                if self._clock() >= deadline:
                    raise self._busy()
                self._sleep(POLL)
            if self._shared is not None:
                hold = self._shared.hold(self._name, self._clock)
                if not hold.acquire(lambda: self._left(deadline), self._sleep):
                    raise self._busy()
                self._hold = hold
        except BaseException:
            self._abandon(gate, waiter, queued)
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        hold, self._hold = self._hold, None
        try:
            if hold is not None:
                hold.release()
        finally:
            self._release()

    # async

    async def __aenter__(self) -> RecordsetLock:
        deadline = self._clock() + self._wait
        gate = self._gate = enter_gate(self._name)
        loop = asyncio.get_running_loop()
        waiter = Waiter(loop=loop, future=loop.create_future())
        queued = False
        try:
            queued = not gate.try_take(waiter)
            if queued:
                assert waiter.future is not None
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(waiter.future, self._left(deadline))
                if not gate.give_up(waiter):
                    queued = False
                    raise self._busy()
            self._holding = True
            _held.add(self)
            while self._file is not None and not self._file.attempt():
                if self._clock() >= deadline:
                    raise self._busy()
                await self._async_sleep(POLL)
            if self._shared is not None:
                hold = self._shared.hold(self._name, self._clock)
                if not await hold.acquire_async(lambda: self._left(deadline), self._async_sleep):
                    raise self._busy()
                self._hold = hold
        except BaseException:  # also a cancellation while waiting
            self._abandon(gate, waiter, queued)
            raise
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        hold, self._hold = self._hold, None
        try:
            if hold is not None:
                await hold.release_async()
        finally:
            self._release()

    # both

    def _abandon(self, gate: Gate, waiter: Waiter, queued: bool) -> None:
        """Stop waiting: leave the queue, or release the gate when it came meanwhile."""
        if not self._holding and queued and gate.give_up(waiter):
            self._holding = True
        self._release()

    def _release(self) -> None:
        """Remove and unlock the file when held, then pass the gate on; safe to call on a
        half-taken lock."""
        _held.discard(self)
        if self._file is not None:
            self._file.release()
        gate, self._gate = self._gate, None
        if gate is not None:
            if self._holding:
                self._holding = False
                gate.release()
            leave_gate(self._name, gate)

    def _forget_after_fork(self) -> None:
        self._forked = True
        if self._file is not None:
            self._file.forget()
        self._hold = None  # neither extended (no renewing thread here) nor released
        self._gate = None
        self._holding = False
