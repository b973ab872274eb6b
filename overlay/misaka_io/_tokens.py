"""Session tokens and where they are kept between runs."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

import jwt


@dataclass(frozen=True)
class Tokens:
    """The tokens of one web session. ``repr`` never shows them."""

    access: str
    refresh: str | None = None
    sliding: str | None = None

    def __repr__(self) -> str:
        parts = ["access=***", f"refresh={'***' if self.refresh else None}"]
        if self.sliding:
            parts.append("sliding=***")
        return f"Tokens({', '.join(parts)})"

    __str__ = __repr__

    def expires_at(self, which: str = "access") -> float | None:
        """The ``exp`` claim of a token, read without checking its signature."""
        token = getattr(self, which)
        if not token:
            return None
        try:
            claims = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            return None
        exp = claims.get("exp")
        return float(exp) if isinstance(exp, int | float) else None


@runtime_checkable
class TokenStore(Protocol):
    """Where a client keeps its session tokens; implement it to use a keyring or a vault."""

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


class FileTokenStore:
    """Tokens in a JSON file readable by its owner only (mode 0600), written atomically, so a
    script can resume its session on its next run without logging in again."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def load(self) -> Tokens | None:
        with self._lock:
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
            except (FileNotFoundError, ValueError):
                return None
        if not isinstance(data, dict) or not isinstance(data.get("access"), str):
            return None
        return Tokens(
            access=data["access"],
            refresh=data.get("refresh") if isinstance(data.get("refresh"), str) else None,
            sliding=data.get("sliding") if isinstance(data.get("sliding"), str) else None,
        )

    def save(self, tokens: Tokens) -> None:
        data = json.dumps(
            {"access": tokens.access, "refresh": tokens.refresh, "sliding": tokens.sliding}
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
