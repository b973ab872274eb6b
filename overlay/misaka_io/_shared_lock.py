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
import contextlib
import logging
import os
import threading
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import SplitResult, urlsplit

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


def shown(url: str) -> str:
    """``url`` with its password (if any) replaced by ``***``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.netloc.rpartition("@")[2]
    return parts._replace(netloc=f"{user}:***@{host}").geturl()


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

    def _options(self, asynchronous: bool) -> dict[str, Any]:
        from redis.asyncio.retry import Retry as AsyncRetry
        from redis.backoff import ExponentialWithJitterBackoff
        from redis.retry import Retry

        backoff = ExponentialWithJitterBackoff(base=0.05, cap=0.5)
        options: dict[str, Any] = {
            "socket_timeout": TIMEOUT,
            "socket_connect_timeout": TIMEOUT,
            "retry": (AsyncRetry if asynchronous else Retry)(backoff, RETRIES),
        }
        if self.password is not None:
            options["password"] = self.password
        return options

    def client(self) -> Any:
        """The blocking client, one per server (its pool serves every thread)."""
        with self._guard:
            if "sync" not in self._clients:
                import redis

                self._clients["sync"] = redis.Redis.from_url(self.url, **self._options(False))
            return self._clients["sync"]

    def async_client(self) -> Any:
        """A new asyncio client: one per holder, closed when it lets go (a client's
        connections belong to one event loop)."""
        import redis.asyncio

        return redis.asyncio.Redis.from_url(self.url, **self._options(True))

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


class SharedHold:
    """One holder of one lock: ``acquire`` (or ``acquire_async``) with a deadline, then
    ``ensure_held()`` before each write, then ``release`` (``release_async``). A forked child
    forfeits it (``forfeit``): the child neither extends nor releases its parent's lease."""

    def __init__(self, locking: SharedLocking, key: str, clock: Callable[[], float]) -> None:
        self._locking, self._key, self._clock = locking, key, clock
        self.lease = Lease(locking.lease)
        self._lock: Any = None
        self._stop = threading.Event()
        self._renewer: threading.Thread | asyncio.Task[None] | None = None
        self._client: Any = None

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
        self._renewer = None

    # sync

    def acquire(self, left: Callable[[], float], sleep: Callable[[float], None]) -> bool:
        """Take the lock, trying until ``left()`` is 0; False when another holder kept it."""
        import redis

        try:
            self._lock = self._locking.client().lock(
                self._key, timeout=self._locking.lease, thread_local=False
            )
            while True:
                sent = self._clock()
                if self._lock.acquire(blocking=False):
                    self.lease.confirmed(sent)
                    break
                if left() <= 0:
                    self._lock = None
                    return False
                sleep(min(POLL, left()))
        except redis.RedisError as exc:
            self._lock = None
            raise self._locking.unavailable(exc) from None
        self._stop.clear()
        self._renewer = threading.Thread(target=self._renew, name="misaka-lock-lease", daemon=True)
        self._renewer.start()
        return True

    def _renew(self) -> None:
        import redis

        lock = self._lock
        while lock is not None and not self._stop.wait(self.lease.renew_every):
            sent = self._clock()
            try:
                lock.extend(self._locking.lease, replace_ttl=True)
            except redis.RedisError as exc:  # LockNotOwnedError is one
                self.lease.lose(f"its lease could not be extended: {type(exc).__name__}")
                return
            self.lease.confirmed(sent)

    def release(self) -> None:
        import redis

        self._stop.set()
        renewer, self._renewer = self._renewer, None
        if isinstance(renewer, threading.Thread) and renewer is not threading.current_thread():
            renewer.join()
        lock, self._lock = self._lock, None
        if lock is None:
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

    # async

    async def acquire_async(
        self, left: Callable[[], float], sleep: Callable[[float], Awaitable[None]]
    ) -> bool:
        import redis

        self._client = self._locking.async_client()
        try:
            self._lock = self._client.lock(
                self._key, timeout=self._locking.lease, thread_local=False
            )
            while True:
                sent = self._clock()
                if await self._lock.acquire(blocking=False):
                    self.lease.confirmed(sent)
                    break
                if left() <= 0:
                    await self._close()
                    return False
                await sleep(min(POLL, left()))
        except redis.RedisError as exc:
            await self._close()
            raise self._locking.unavailable(exc) from None
        except BaseException:
            await self._close()
            raise
        self._renewer = asyncio.create_task(self._renew_async(self._lock))
        return True

    async def _renew_async(self, lock: Any) -> None:
        import redis

        while True:
            await asyncio.sleep(self.lease.renew_every)
            sent = self._clock()
            try:
                await lock.extend(self._locking.lease, replace_ttl=True)
            except redis.RedisError as exc:
                self.lease.lose(f"its lease could not be extended: {type(exc).__name__}")
                return
            self.lease.confirmed(sent)

    async def release_async(self) -> None:
        import redis

        renewer, self._renewer = self._renewer, None
        if isinstance(renewer, asyncio.Task):
            renewer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewer
        lock, self._lock = self._lock, None
        try:
            if lock is not None:
                await lock.release()
        except redis.RedisError as exc:
            log.warning(
                "misaka_io: the DNS lock at %s was not released (%s): it frees itself within %g s",
                self._locking.display,
                type(exc).__name__,
                self._locking.lease,
            )
        finally:
            await self._close()

    async def _close(self) -> None:
        client, self._client, self._lock = self._client, None, None
        if client is not None:
            with contextlib.suppress(Exception):
                await client.aclose()
