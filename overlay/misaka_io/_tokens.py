"""Session tokens: what they say about themselves (owner, issue and expiry times), and where
they are kept between runs."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import jwt

from misaka_io._exceptions import ConfigurationError
from misaka_io._files import UntrustedFile, read_trusted

# A session file is a few kilobytes; anything much larger is not one.
MAX_STORE_BYTES = 64 * 1024


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

    def __repr__(self) -> str:
        return "MemoryTokenStore()"


def _text(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) else None


class FileTokenStore:
    """Tokens in a JSON file readable by its owner only (mode 0600), written atomically, so a
    script can resume its session on its next run without logging in again.

    ``load()`` refuses (``ConfigurationError``) a file that another user owns or that group or
    others may write: whoever can write it could slip their own session in."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

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
            with self._lock:
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
        with self._lock:
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

    def clear(self) -> None:
        with self._lock, contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    def __repr__(self) -> str:
        return f"FileTokenStore({str(self.path)!r})"
