"""Configuration, seeded credentials and the clock of the stub.

Two seeded accounts, each with an API token (``api_token`` for the first, ``other_api_token``
for the second); what one creates the other never sees. The session-signing key is new on
every start unless a test passes ``jwt_secret``.
"""

from __future__ import annotations

import os
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Protocol

DEFAULT_API_TOKEN = "stub-token-6f1d2c3b4a5e6f708192a3b4c5d6e7f8"
API_TOKEN_ENV = "MISAKA_STUB_API_TOKEN"
# The API token of the second seeded account (SEEDED_USERS[1]): tests of tenancy use both.
OTHER_API_TOKEN = "stub-user-token-1043"  # what Get Current User Token answered it before
# Largest request body the stub reads; a larger one is answered 413 without being read.
MAX_BODY_BYTES = 1024 * 1024
# The one-time code the stub accepts for accounts with two-factor authentication.
STUB_OTP = "492817"


@dataclass(frozen=True)
class SeededUser:
    id: int
    email: str
    password: str
    first_name: str
    last_name: str
    two_factor: bool = False


SEEDED_USERS: tuple[SeededUser, ...] = (
    SeededUser(1042, "noc@example.net", "correct-horse-battery", "Kei", "Tanaka"),
    SeededUser(1043, "secure@example.net", "otp-guarded-secret", "Aiko", "Mori", two_factor=True),
)


class Clock(Protocol):
    def now(self) -> float: ...


class SystemClock:
    def now(self) -> float:
        return time.time()


class ManualClock:
    """A clock that only moves when told to: token-expiry tests without sleeping."""

    def __init__(self, start: float = 1_795_000_000.0) -> None:
        self._now = start
        self._lock = threading.Lock()

    def now(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += seconds

    def set(self, timestamp: float) -> None:
        with self._lock:
            self._now = timestamp


def _env_token() -> str:
    return os.environ.get(API_TOKEN_ENV) or DEFAULT_API_TOKEN


@dataclass
class StubConfig:
    api_token: str = field(default_factory=_env_token)
    other_api_token: str = OTHER_API_TOKEN
    # Random per start: a token signed with any key written down anywhere is refused.
    jwt_secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    max_body_bytes: int = MAX_BODY_BYTES
    access_ttl: float = 300.0
    refresh_ttl: float = 86_400.0
    sliding_ttl: float = 3_600.0
    clock: Clock = field(default_factory=SystemClock)
    # Seed of the deterministic time series.
    series_seed: int = 917
    # Largest number of points a series request may ask for.
    max_points: int = 50_000
    # Where login puts the tokens (facts 2, 3, 4c): "documented" (top level under both
    # names), "top" (`access`/`refresh`), "older" (`access_token`/`refresh_token`) or "user"
    # (`user.access_token`/`user.refresh_token`, as a 2026 integration reads them).
    login_tokens: str = "documented"
    # The bases served, of those the spec's x-misaka-base-paths name (`/v3/dns`, and the older
    # `/dns` every DNS integration uses); None serves them all.
    served_bases: tuple[str, ...] | None = None
    # Whether a new stub holds the seeded zone example.net (with www A) of the first account;
    # misaka_io.testing.MisakaStub starts without it.
    seed_zone: bool = True

    def __repr__(self) -> str:
        return (
            f"StubConfig(api_token='***', access_ttl={self.access_ttl}, "
            f"refresh_ttl={self.refresh_ttl}, clock={type(self.clock).__name__})"
        )
