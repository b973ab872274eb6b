"""The DNS lock shared by writers on several machines: a lease in Redis (``MISAKA_LOCK_URL``).

The lock itself is redis-py's (``SET NX PX`` to take it, a token-checked script to extend and
release it); this module decides the rest. A lease lasts ``lease`` seconds and the holder
extends it every third of that while it lives, so a holder that dies frees the lock when its
lease ends. A holder trusts its lease for two thirds of its length after the last extension
it sent; past that (paused, or Redis gone) ``ensure_held()`` raises ``LeaseLostError`` and the
holder writes nothing more. Redis unreachable or refusing: ``SharedLockUnavailableError``,
naming the URL without its password; there is no fall-back to the local lock. The password
comes from the URL, else from ``MISAKA_LOCK_PASSWORD``; it is in no repr, log or error.
redis-py is imported only when a URL is set (the ``redis`` extra).
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import SplitResult, parse_qsl, urlencode, urlsplit

from misaka_io._exceptions import ConfigurationError, MisakaError

log = logging.getLogger("misaka_io")

LEASE = 30.0  # seconds a lease lasts unless extended: how long a dead holder blocks the others
POLL = 0.05  # seconds between two tries of a lock held elsewhere
TIMEOUT = 5.0  # seconds for Redis to connect or answer one command
RETRIES = 2  # a command whose connection broke is sent again at most this often
PASSWORD_ENV = "MISAKA_LOCK_PASSWORD"
PREFIX = "misaka-io:lock:"
SCHEMES = ("redis", "rediss")


class SharedLockError(MisakaError):
    """The shared lock could not be had or kept: nothing more was written."""


class SharedLockUnavailableError(SharedLockError):
    """Redis could not be reached or refused the lock (the URL is named without its password)."""


class LeaseLostError(SharedLockError):
    """The lock's lease ran out before this writer was done (it was paused, or Redis went
    away): another writer may hold the lock now, so this one writes nothing more."""


# ---- decisions --------------------------------------------------------------------------------


# Query parameters of a lock URL that may carry a secret (redis-py reads ``?password=``).
_SECRET_QUERY = ("pass", "secret", "token", "auth")


def shown(url: str) -> str:
    """``url`` with its password (if any) replaced by ``***``: in the user-info part, and as
    a query parameter (``?password=...``, as redis-py reads it)."""
    parts = urlsplit(url)
    if parts.password is not None:
        user = parts.username or ""
        host = parts.netloc.rpartition("@")[2]
        parts = parts._replace(netloc=f"{user}:***@{host}")
    if parts.query:
        query = [
            (k, "***" if any(s in k.lower() for s in _SECRET_QUERY) else v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
        ]
        parts = parts._replace(query=urlencode(query, safe="*/"))
    return parts.geturl()


def check_url(url: str) -> SplitResult:
    """``url``, split, when it names a Redis server; else ``ConfigurationError``."""
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise ConfigurationError(f"lock URL {shown(url)}: the port is not a number") from None
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise ConfigurationError(
            f"lock URL {shown(url)}: expected redis://host:port/db or rediss://host:port/db"
        )
    db = parts.path.strip("/")
    if db and not db.isdigit():
        raise ConfigurationError(f"lock URL {shown(url)}: the database must be a number")
    return parts


def check_lease(lease: float) -> float:
    if isinstance(lease, bool) or not isinstance(lease, int | float) or not lease >= 0.3:
        raise ConfigurationError(f"lock_lease must be seconds (at least 0.3), not {lease!r}")
    return float(lease)


@dataclass
class Lease:
    """What a holder knows of its lease: when it last sent a take or an extension that Redis
    confirmed, and whether it learnt that the lease is gone. Times are the holder's clock."""

    length: float
    confirmed_at: float | None = None
    lost: str | None = None

    @property
    def renew_every(self) -> float:
        return self.length / 3

    def confirmed(self, sent_at: float) -> None:
        self.confirmed_at = sent_at

    def lose(self, why: str) -> None:
        if self.lost is None:
            self.lost = why

    def trusted(self, now: float) -> bool:
        """Safe to write: the lease is not known lost and its last confirmation leaves a
        third of the lease for the write to finish in."""
        return (
            self.lost is None
            and self.confirmed_at is not None
            and now < self.confirmed_at + self.length * 2 / 3
        )

    def why_not(self, now: float) -> str:
        if self.lost is not None:
            return self.lost
        if self.confirmed_at is None:
            return "the lock was not taken"
        return f"its lease was last extended {now - self.confirmed_at:.1f} s ago"


# ---- the servers and the locks -----------------------------------------------------------------


@dataclass(frozen=True)
class SharedLocking:
    """One Redis server's locks: ``SharedLocking.of(url)``; ``hold(name)`` makes a holder."""

    url: str = field(repr=False)
    display: str
    lease: float
    password: str | None = field(default=None, repr=False)
    _clients: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    _guard: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @classmethod
    def of(
        cls, url: str, *, lease: float = LEASE, environ: Mapping[str, str] | None = None
    ) -> SharedLocking:
        parts = check_url(url)
        lease = check_lease(lease)
        env = os.environ if environ is None else environ
        password = None if parts.password is not None else (env.get(PASSWORD_ENV) or None)
        try:
            import redis  # noqa: F401 - the extra is there
        except ImportError:
            raise ConfigurationError(
                f"lock URL {shown(url)} needs redis-py: pip install 'misaka-io[redis]'"
            ) from None
        return cls(url, shown(url), lease, password)

    def _options(self) -> dict[str, Any]:
        from redis.backoff import ExponentialWithJitterBackoff
        from redis.retry import Retry

        backoff = ExponentialWithJitterBackoff(base=0.05, cap=0.5)
        options: dict[str, Any] = {
            "socket_timeout": TIMEOUT,
            "socket_connect_timeout": TIMEOUT,
            "retry": Retry(backoff, RETRIES),
        }
        if self.password is not None:
            options["password"] = self.password
        return options

    def client(self) -> Any:
        """The blocking client, one per server (its pool serves every thread)."""
        with self._guard:
            if "sync" not in self._clients:
                import redis

                self._clients["sync"] = redis.Redis.from_url(self.url, **self._options())
            return self._clients["sync"]

    def hold(self, name: str, clock: Callable[[], float] = time.monotonic) -> SharedHold:
        return SharedHold(self, PREFIX + name, clock)

    def unavailable(self, exc: BaseException) -> SharedLockUnavailableError:
        text = str(exc).replace(self.password or "\0", "***")
        if self.url != self.display:
            text = text.replace(self.url, self.display)
        return SharedLockUnavailableError(
            f"cannot take the DNS lock at {self.display} ({type(exc).__name__}: {text}): "
            "nothing was written"
        )


class _Renewer:
    """One thread per process that extends every live holder's lease a third of the way
    through it (a thread per holder would cost more than the lock itself)."""

    def __init__(self) -> None:
        self._due: dict[SharedHold, float] = {}
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None
        self._until = 0.0  # when the thread wakes next by itself

    def add(self, hold: SharedHold, due: float) -> None:
        with self._wake:
            self._due[hold] = due
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="misaka-lock-leases", daemon=True
                )
                self._thread.start()
            if due < self._until:  # the thread sleeps past it: wake it (rare: same leases)
                self._wake.notify()

    def remove(self, hold: SharedHold) -> None:
        with self._wake:
            self._due.pop(hold, None)

    def _run(self) -> None:
        while True:
            with self._wake:
                now = time.monotonic()
                due = [h for h, at in self._due.items() if at <= now]
                if not due:
                    self._until = min(self._due.values(), default=now + 60.0)
                    self._wake.wait(max(self._until - now, 0.0))
                    self._until = 0.0
                    continue
                for hold in due:
                    self._due[hold] = now + hold.lease.renew_every
            for hold in due:
                if not hold.renew():
                    self.remove(hold)


_renewer = _Renewer()


def _after_fork_in_child() -> None:
    """The renewing thread is not in a forked child (its holders are forfeited)."""
    global _renewer
    _renewer = _Renewer()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


class SharedHold:
    """One holder of one lock: ``acquire`` (or ``acquire_async``) with a deadline, then
    ``ensure_held()`` before each write, then ``release`` (``release_async``). A forked child
    forfeits it (``forfeit``): the child neither extends nor releases its parent's lease.
    The asyncio side runs the same blocking calls in the loop's executor (a Redis round trip
    on a pooled connection), so both sides share one client and one renewing thread."""

    def __init__(self, locking: SharedLocking, key: str, clock: Callable[[], float]) -> None:
        self._locking, self._key, self._clock = locking, key, clock
        self.lease = Lease(locking.lease)
        self._lock: Any = None

    def ensure_held(self) -> None:
        now = self._clock()
        if not self.lease.trusted(now):
            raise LeaseLostError(
                f"the DNS lock at {self._locking.display} may be held by another writer now "
                f"({self.lease.why_not(now)}): nothing more is written"
            )

    def forfeit(self) -> None:
        self.lease.lose("this process is a fork of the lock's holder")
        self._lock = None

    # the blocking steps, each at most one Redis command

    def _try(self) -> bool:
        """One try to take the lock; ``SharedLockUnavailableError`` when Redis fails."""
        import redis

        try:
            if self._lock is None:
                self._lock = self._locking.client().lock(
                    self._key, timeout=self._locking.lease, thread_local=False
                )
            sent = self._clock()
            if not self._lock.acquire(blocking=False):
                return False
        except redis.RedisError as exc:
            raise self._locking.unavailable(exc) from None
        self.lease.confirmed(sent)
        _renewer.add(self, time.monotonic() + self.lease.renew_every)  # the renewer's clock
        return True

    def renew(self) -> bool:
        """Extend the lease (the renewing thread); False once it is lost."""
        import redis

        lock = self._lock
        if lock is None:
            return False
        sent = self._clock()
        try:
            lock.extend(self._locking.lease, replace_ttl=True)
        except redis.RedisError as exc:  # LockNotOwnedError is one
            self.lease.lose(f"its lease could not be extended: {type(exc).__name__}")
            return False
        self.lease.confirmed(sent)
        return True

    def release(self) -> None:
        import redis

        _renewer.remove(self)
        lock, self._lock = self._lock, None
        if lock is None or lock.local.token is None:
            return
        try:
            lock.release()
        except redis.RedisError as exc:  # it frees itself when its lease ends
            log.warning(
                "misaka_io: the DNS lock at %s was not released (%s): it frees itself within %g s",
                self._locking.display,
                type(exc).__name__,
                self._locking.lease,
            )

    # sync

    def acquire(self, left: Callable[[], float], sleep: Callable[[float], None]) -> bool:
        """Take the lock, trying until ``left()`` is 0; False when another holder kept it."""
        while not self._try():
            if left() <= 0:
                return False
            sleep(min(POLL, left()))
        return True

    # async

    async def acquire_async(
        self, left: Callable[[], float], sleep: Callable[[float], Awaitable[None]]
    ) -> bool:
        loop = asyncio.get_running_loop()
        while True:
            attempt = loop.run_in_executor(None, self._try)
            try:
                taken = await asyncio.shield(attempt)
            except asyncio.CancelledError:  # let go of what the try may still take
                attempt.add_done_callback(lambda _: self.release())
                raise
            if taken:
                return True
            if left() <= 0:
                return False
            await sleep(min(POLL, left()))

    async def release_async(self) -> None:
        await asyncio.get_running_loop().run_in_executor(None, self.release)
