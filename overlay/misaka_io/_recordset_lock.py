"""One writer at a time per DNS recordset on this machine.

A recordset is changed by reading it, deciding and writing, so two writers that interleave
lose one's change. ``RecordsetLock`` queues them: threads and asyncio tasks of one interpreter
on an in-process gate (first come, first served; a task waits without blocking its loop),
then processes on an advisory ``flock`` of a file named after the recordset, in a per-user
directory. The directory is ``$XDG_RUNTIME_DIR/misaka-io/locks``, else
``$XDG_CACHE_HOME`` (or ``~/.cache``) ``/misaka-io/locks``; the two levels this module makes
are created 0700 and opened without following symlinks, and one that is not a directory owned
by you and closed to others is not used (a warning says why; the in-process gate still
holds). Writers on other machines, or of other users, are not covered: see the README.
Waiting is bounded: ``RecordsetBusyError`` after ``wait`` seconds in all.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
import stat
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from misaka_io._exceptions import ConfigurationError, MisakaError
from misaka_io._options import NotGiven

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks between processes
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger("misaka_io")

LOCK_WAIT = 120.0  # seconds a writer waits for the recordset in all (gate and file)
POLL = 0.02  # seconds between two tries of a file lock held by another process
DIR_MODE = 0o700


class RecordsetBusyError(MisakaError, TimeoutError):
    """Another writer on this machine held the recordset for longer than the wait allows."""


def lock_dir() -> Path | None:
    """Where the lock files go: a per-user runtime directory, else the user's cache; None
    (with a warning) when there is neither (no home directory)."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isabs(runtime):
        return Path(runtime) / "misaka-io" / "locks"
    cache = os.environ.get("XDG_CACHE_HOME", "")
    try:
        base = Path(cache) if cache and os.path.isabs(cache) else Path.home() / ".cache"
    except (RuntimeError, KeyError):
        log.warning("misaka_io: no home directory: no lock between processes")
        return None
    return base / "misaka-io" / "locks"


def lock_name(*parts: str) -> str:
    """The file name of a recordset's lock: a digest of its key (no name characters leak into
    paths, and every key gives a name of the same short length)."""
    digest = hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()
    return f"{digest[:40]}.lock"


# ---- in one interpreter: a gate that threads and tasks queue on --------------------------------


@dataclass(eq=False)
class _Waiter:
    """One thread (``event``) or task (``loop`` and ``future``) waiting for the gate."""

    event: threading.Event | None = None
    loop: asyncio.AbstractEventLoop | None = None
    future: asyncio.Future[None] | None = None
    granted: bool = False

    def grant(self) -> bool:
        """Hand the gate over; False when this waiter can no longer take it."""
        if self.event is not None:
            self.granted = True
            self.event.set()
            return True
        assert self.loop is not None and self.future is not None
        if self.future.done():
            return False
        try:
            self.loop.call_soon_threadsafe(_resolve, self.future)
        except RuntimeError:  # its loop is closed
            return False
        self.granted = True
        return True


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


@dataclass(eq=False)
class _Gate:
    """Held by one thread or task at a time; released, it passes straight to the first
    waiter (no barging), so that a burst of writers is served in order."""

    guard: threading.Lock = field(default_factory=threading.Lock)
    held: bool = False
    waiters: deque[_Waiter] = field(default_factory=deque)
    users: int = 0

    def try_take(self, waiter: _Waiter | None) -> bool:
        """Take the gate now when free; otherwise queue ``waiter`` (when given)."""
        with self.guard:
            if not self.held and not self.waiters:
                self.held = True
                return True
            if waiter is not None:
                self.waiters.append(waiter)
            return False

    def give_up(self, waiter: _Waiter) -> bool:
        """Leave the queue; True when the gate was handed over meanwhile (the caller holds
        it and must release it)."""
        with self.guard:
            if waiter.granted:
                return True
            # A release may have passed over it already (its future was cancelled).
            with contextlib.suppress(ValueError):
                self.waiters.remove(waiter)
            return False

    def release(self) -> None:
        with self.guard:
            while self.waiters:
                if self.waiters.popleft().grant():
                    return
            self.held = False


_gates: dict[str, _Gate] = {}
_gates_guard = threading.Lock()


def _forget_gates() -> None:
    """In a forked child the threads that held gates are gone: start afresh."""
    global _gates_guard
    _gates.clear()
    _gates_guard = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_gates)


def _enter_gate(name: str) -> _Gate:
    with _gates_guard:
        gate = _gates.setdefault(name, _Gate())
        gate.users += 1
        return gate


def _leave_gate(name: str, gate: _Gate) -> None:
    with _gates_guard:
        gate.users -= 1
        if gate.users == 0:
            del _gates[name]


# ---- between processes: an advisory lock on a file in a private directory ----------------------


def _open_private_dir(path: Path) -> int:
    """A descriptor of ``path``'s last two levels, each made 0700 when missing and opened
    without following a symlink; refused (``OSError``) when not a private directory of yours."""
    base = path.parent.parent
    base.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    fd = os.open(base, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for part in (path.parent.name, path.name):
            with contextlib.suppress(FileExistsError):
                os.mkdir(part, DIR_MODE, dir_fd=fd)
            child = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
            os.close(fd)
            fd = child
            st = os.fstat(fd)
            if st.st_uid != os.geteuid() or stat.S_IMODE(st.st_mode) & 0o077:
                raise PermissionError(
                    f"{part} is not private to you (owner uid {st.st_uid}, "
                    f"mode {stat.S_IMODE(st.st_mode):#o})"
                )
        return fd
    except BaseException:
        os.close(fd)
        raise


_warned: set[str] = set()


def open_lock_file(directory: Path, name: str) -> int | None:
    """The lock file's descriptor, or None (with one warning per directory) when there is no
    safe place for it; never follows a symlink."""
    if fcntl is None:  # pragma: no cover - Windows
        return None
    try:
        dir_fd = _open_private_dir(directory)
        try:
            flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
            fd = os.open(name, flags, 0o600, dir_fd=dir_fd)
        finally:
            os.close(dir_fd)
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise OSError(f"{name} is not a regular file")
        return fd
    except OSError as exc:
        if str(directory) not in _warned:
            _warned.add(str(directory))
            log.warning(
                "misaka_io: no lock between processes in %s (%s): only writers in this "
                "process are kept apart",
                directory,
                exc.strerror or exc,
            )
        return None


def _try_flock(fd: int) -> bool:
    assert fcntl is not None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@dataclass(frozen=True)
class Locking:
    """Which lock a writer takes: one per key (a recordset of one API), in ``directory``
    between processes (None: within this process only), waited for ``wait`` seconds."""

    directory: Path | None
    wait: float

    @classmethod
    def of(cls, directory: str | os.PathLike[str] | NotGiven | None, wait: float) -> Locking:
        """``directory`` left out: the per-user default (``lock_dir()``)."""
        if isinstance(wait, bool) or not isinstance(wait, int | float) or not wait > 0:
            raise ConfigurationError(f"lock_wait must be seconds (more than 0), not {wait!r}")
        if isinstance(directory, NotGiven):
            return cls(lock_dir(), float(wait))
        return cls(None if directory is None else Path(directory), float(wait))

    def lock(self, *key: str) -> RecordsetLock:
        return RecordsetLock(*key, directory=self.directory, wait=self.wait)


# ---- the lock -----------------------------------------------------------------------------------


class RecordsetLock:
    """``with RecordsetLock(...)`` or ``async with``: the gate, then the file; released in the
    reverse order. One instance is entered once."""

    def __init__(
        self,
        *key: str,
        directory: Path | None,
        wait: float = LOCK_WAIT,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        async_sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._name = lock_name(*key)
        self._directory = directory
        self._wait, self._clock = wait, clock
        self._sleep, self._async_sleep = sleep, async_sleep
        self._gate: _Gate | None = None
        self._holding = False
        self._fd: int | None = None

    def _busy(self) -> RecordsetBusyError:
        return RecordsetBusyError(
            f"another writer on this machine held the recordset for more than {self._wait:g} s"
        )

    def _left(self, deadline: float) -> float:
        return max(0.0, deadline - self._clock())

    # sync

    def __enter__(self) -> RecordsetLock:
        deadline = self._clock() + self._wait
        gate = self._gate = _enter_gate(self._name)
        waiter = _Waiter(event=threading.Event())
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
            self._lock_file(deadline)
        except BaseException:
            self._abandon(gate, waiter, queued)
            raise
        return self

    def _lock_file(self, deadline: float) -> None:
        if self._directory is None:
            return
        self._fd = open_lock_file(self._directory, self._name)
        while self._fd is not None and not _try_flock(self._fd):
            if self._clock() >= deadline:
                raise self._busy()
            self._sleep(POLL)

    def __exit__(self, *exc: object) -> None:
        self._release()

    # async

    async def __aenter__(self) -> RecordsetLock:
        deadline = self._clock() + self._wait
        gate = self._gate = _enter_gate(self._name)
        loop = asyncio.get_running_loop()
        waiter = _Waiter(loop=loop, future=loop.create_future())
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
            await self._lock_file_async(deadline)
        except BaseException:  # also a cancellation while waiting
            self._abandon(gate, waiter, queued)
            raise
        return self

    async def _lock_file_async(self, deadline: float) -> None:
        if self._directory is None:
            return
        self._fd = open_lock_file(self._directory, self._name)
        while self._fd is not None and not _try_flock(self._fd):
            if self._clock() >= deadline:
                raise self._busy()
            await self._async_sleep(POLL)

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._release()

    # both

    def _abandon(self, gate: _Gate, waiter: _Waiter, queued: bool) -> None:
        """Stop waiting: leave the queue, or release the gate when it came meanwhile."""
        if not self._holding and queued and gate.give_up(waiter):
            self._holding = True
        self._release()

    def _release(self) -> None:
        """Unlock the file (closing it unlocks it), then pass the gate on when held; safe to
        call on a half-taken lock."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        gate, self._gate = self._gate, None
        if gate is not None:
            if self._holding:
                self._holding = False
                gate.release()
            _leave_gate(self._name, gate)
