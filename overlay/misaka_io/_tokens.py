"""Session tokens: what they say about themselves (owner, issue and expiry times), and where
they are kept between runs.

A ``FileTokenStore`` may be shared by many processes (parallel ``misaka`` commands). Its
writes are atomic (a new file put in place) and made under an advisory lock (``fcntl.flock``
on a ``.<name>.lock`` file beside it), which a client also holds while it refreshes, so that
one process rotates the refresh token and the others then find the new session. ``clear_if``
removes the file only while it still holds the session that failed.

A write that fails (a read-only or full filesystem) leaves the file as it was: the new file is
written beside it and only then put in its place. ``unwritable()`` says why the store cannot
be written, without touching the file, so that a client whose session was renewed by another
process that could not keep it can say so.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from misaka_io._exceptions import ConfigurationError
from misaka_io._files import UntrustedFile, read_trusted

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks; writes stay atomic
    fcntl = None  # type: ignore[assignment]

# A session file is a few kilobytes; anything much larger is not one.
MAX_STORE_BYTES = 64 * 1024
# How long a store's own write waits for the lock another process holds (a refresh, at most
# a request's time) before it goes on without it (the write itself is atomic either way).
LOCK_WAIT = 10.0
LOCK_POLL = 0.01


@dataclass(frozen=True)
class Tokens:
    """The tokens of one web session, and who and where it was opened for: ``account`` (the
    email that logged in) and ``base_url`` (the API). ``repr`` never shows the tokens."""

    access: str
    refresh: str | None = None
    sliding: str | None = None
    account: str | None = None
    base_url: str | None = None

    def __repr__(self) -> str:
        parts = ["access=***", f"refresh={'***' if self.refresh else None}"]
        if self.sliding:
            parts.append("sliding=***")
        return f"Tokens({', '.join(parts)})"

    __str__ = __repr__

    def _claim(self, which: str, name: str) -> float | None:
        token = getattr(self, which)
        if not token:
            return None
        import jwt  # here: PyJWT pulls in cryptography, which a call with an API token never needs

        try:
            claims = jwt.decode(token, options={"verify_signature": False})
        except (jwt.PyJWTError, ValueError, RecursionError):  # a payload nested too deep
            return None
        return _seconds(claims.get(name))

    def expires_at(self, which: str = "access") -> float | None:
        """The ``exp`` claim of a token (server time), read without checking its signature."""
        return self._claim(which, "exp")

    def issued_at(self, which: str = "access") -> float | None:
        """The ``iat`` claim of a token (server time), read without checking its signature."""
        return self._claim(which, "iat")

    def belongs_to(self, account: str | None, base_url: str) -> bool:
        """True when this session was opened on ``base_url`` for ``account`` (any account when
        ``account`` is None: a client resuming a session without credentials of its own)."""
        if self.base_url != base_url:
            return False
        if account is None:
            return True
        return self.account is not None and self.account.casefold() == account.casefold()

    def same_session(self, other: Tokens | None) -> bool:
        """True when ``other`` holds the same access and refresh tokens."""
        return other is not None and (self.access, self.refresh) == (other.access, other.refresh)


# A time claim beyond 9999-12-31 (or before 1970) is not a time: it is ignored, like a
# missing one (10**400 would not even fit a float).
MAX_CLAIM = 253402300799


def _seconds(value: object) -> float | None:
    """A JWT time claim as seconds since the epoch, or None when it is not a plausible one."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, int) and not 0 <= value <= MAX_CLAIM:
        return None
    seconds = float(value)
    return seconds if 0.0 <= seconds <= MAX_CLAIM else None  # NaN fails both


@runtime_checkable
class TokenStore(Protocol):
    """Where a client keeps its session tokens; implement it to use a keyring or a vault.
    Keep every field of ``Tokens``: a session whose owner is lost is not resumed."""

    def load(self) -> Tokens | None: ...

    def save(self, tokens: Tokens) -> None: ...

    def clear(self) -> None: ...


@runtime_checkable
class ProbedTokenStore(Protocol):
    """A store that can tell whether it can be written: ``unwritable()`` is None when it can,
    else why not (it writes and removes a probe of its own, never the stored session)."""

    def unwritable(self) -> str | None: ...


def store_name(store: TokenStore) -> str:
    """How a message names the store: its file, when it has one."""
    path = getattr(store, "path", None)
    return str(path) if isinstance(path, os.PathLike | str) else repr(store)


@runtime_checkable
class LockingTokenStore(Protocol):
    """A store that several processes share: ``try_lock`` takes its lock without waiting
    (True when taken, re-entrant in the thread that holds it), ``unlock`` gives it back, and
    ``clear_if`` clears it only while it holds ``tokens`` (True when it did)."""

    def try_lock(self) -> bool: ...

    def unlock(self) -> None: ...

    def clear_if(self, tokens: Tokens) -> bool: ...


def clear_if_holds(store: TokenStore, tokens: Tokens) -> bool:
    """Clear ``store`` only while it still holds ``tokens`` (another client may have put a
    newer session there meanwhile); under the store's lock when it has one."""
    if isinstance(store, LockingTokenStore):
        return store.clear_if(tokens)
    if tokens.same_session(store.load()):
        store.clear()
        return True
    return False


class MemoryTokenStore:
    """The default: tokens live as long as the process."""

    def __init__(self) -> None:
        self._tokens: Tokens | None = None
        self._lock = threading.Lock()

    def load(self) -> Tokens | None:
        with self._lock:
            return self._tokens

    def save(self, tokens: Tokens) -> None:
        with self._lock:
            self._tokens = tokens

    def clear(self) -> None:
        with self._lock:
            self._tokens = None

    def clear_if(self, tokens: Tokens) -> bool:
        with self._lock:
            if not tokens.same_session(self._tokens):
                return False
            self._tokens = None
            return True

    def __repr__(self) -> str:
        return "MemoryTokenStore()"


def _text(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) else None


class FileTokenStore:
    """Tokens in a JSON file readable by its owner only (mode 0600), written atomically, so a
    script can resume its session on its next run without logging in again.

    ``load()`` refuses (``ConfigurationError``) a file that another user owns or that group or
    others may write: whoever can write it could slip their own session in.

    Processes that share the file coordinate through an advisory lock on ``.<name>.lock``
    beside it (see the module's docstring); where there is no ``fcntl`` (Windows), or the
    lock file cannot be opened, the store works unlocked."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()  # the threads of this process; flock: the others
        self._held = 0  # how deep the holding thread is in try_lock
        self._fd: int | None = None
        self._clock, self._sleep = clock, sleep

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(f".{self.path.name}.lock")

    def try_lock(self) -> bool:
        if not self._lock.acquire(blocking=False):
            return False
        if self._held:
            self._held += 1
            return True
        try:
            fd = self._open_lock()
        except OSError:
            fd = None  # no lock to be had here: go on without one
        if fd is not None and fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                self._lock.release()
                return False
        self._fd, self._held = fd, 1
        return True

    def unlock(self) -> None:
        self._held -= 1
        if self._held == 0 and self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)  # closing the only descriptor releases the flock
        self._lock.release()

    def _open_lock(self) -> int | None:
        if fcntl is None:
            return None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        safe = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            return os.open(self.lock_path, os.O_RDWR | os.O_CREAT | safe, 0o600)
        except OSError:
            # A read-only filesystem: a lock file made before still locks (flock needs no
            # write access), so the processes that share the store still take turns.
            return os.open(self.lock_path, os.O_RDONLY | safe)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """The lock for one write, waited for up to ``LOCK_WAIT`` seconds."""
        give_up = self._clock() + LOCK_WAIT
        while not self.try_lock():
            if self._clock() >= give_up:
                yield  # the write is atomic anyway; only its ordering is not guaranteed
                return
            self._sleep(LOCK_POLL)
        try:
            yield
        finally:
            self.unlock()

    def load(self) -> Tokens | None:
        raw = self._read()
        try:
            data = json.loads(raw) if raw is not None else None
        except (ValueError, RecursionError):
            return None
        if not isinstance(data, dict) or not isinstance(data.get("access"), str):
            return None
        return Tokens(
            access=data["access"],
            refresh=_text(data, "refresh"),
            sliding=_text(data, "sliding"),
            account=_text(data, "account"),
            base_url=_text(data, "base_url"),
        )

    def _read(self) -> bytes | None:
        """The file's bytes (None when missing or too large to be a session), once it is
        known to be yours and writable by you alone."""
        try:
            found = read_trusted(
                self.path,
                "the token store",
                limit=MAX_STORE_BYTES,
                hint="point token_store at a file of your own",
            )
        except UntrustedFile as exc:
            raise ConfigurationError(str(exc)) from None
        if found is None:
            return None
        raw, _mode = found
        return raw if len(raw) <= MAX_STORE_BYTES else None

    def save(self, tokens: Tokens) -> None:
        data = json.dumps(
            {
                "access": tokens.access,
                "refresh": tokens.refresh,
                "sliding": tokens.sliding,
                "account": tokens.account,
                "base_url": tokens.base_url,
            }
        )
        with self._locked():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
            try:
                os.fchmod(fd, 0o600)
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, self.path)
            except BaseException:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
                raise

    def unwritable(self) -> str | None:
        """None when a session could be written here now, else why not (a read-only or full
        filesystem, a directory that is not yours): a probe file is written beside the
        session and removed; the session itself is not touched."""
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.probe.", dir=self.path.parent)
        except OSError as exc:
            return exc.strerror or str(exc)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(b"{}")
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            return exc.strerror or str(exc)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return None

    def clear(self) -> None:
        with self._locked(), contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    def clear_if(self, tokens: Tokens) -> bool:
        with self._locked():
            if not tokens.same_session(self.load()):
                return False
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            return True

    def __repr__(self) -> str:
        return f"FileTokenStore({str(self.path)!r})"
