"""Keeping secrets out of messages, logs and reprs."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable

MASK = "***"
_MIN_SECRET = 6  # shorter values would mask ordinary words (the spec's shortest password is 6)
_JWT = re.compile(r"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}")
# "Token <credential>": only a value shaped like a credential, so "Token is invalid" stays.
_AUTH = re.compile(r"(?i)\b(Token|Bearer)\s+[A-Za-z0-9._~+/=-]{12,}")


class Redactor:
    """Holds the secrets a client knows (tokens, password, one-time codes) and masks them."""

    def __init__(self) -> None:
        self._secrets: set[str] = set()
        self._lock = threading.Lock()

    def add(self, *values: str | None) -> None:
        with self._lock:
            self._secrets.update(v for v in values if v and len(v) >= _MIN_SECRET)

    def secrets(self) -> Iterable[str]:
        with self._lock:
            return sorted(self._secrets, key=len, reverse=True)

    def scrub(self, text: str) -> str:
        for secret in self.secrets():
            if secret in text:
                text = text.replace(secret, MASK)
        text = _JWT.sub(MASK, text)
        return _AUTH.sub(lambda m: f"{m.group(1)} {MASK}", text)
