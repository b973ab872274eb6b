"""When to retry a request, and how long to wait first.

Idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE) retry on connection errors, timeouts,
408, 429, 500, 502, 503 and 504. POST and PATCH are not idempotent here, so they retry only
when the request provably was not processed: it never left (a failed connect, a full pool),
or the server said so (429, or 503 with ``Retry-After``).
"""

from __future__ import annotations

import email.utils
import random
import time
from dataclasses import dataclass

import httpx

IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# The request never reached the server: safe to send again whatever the method.
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)

# Indirection so that tests can patch the waiting without patching the time module.
sleep = time.sleep


async def async_sleep(seconds: float) -> None:
    import asyncio  # here: a sync program never needs asyncio

    await asyncio.sleep(seconds)


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when is None or when.tzinfo is None:
            return None
        seconds = when.timestamp() - (time.time() if now is None else now)
    if seconds != seconds:  # NaN
        return None
    return float(max(0.0, seconds))


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int = 2
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0
    jitter: float = 0.25

    def backoff(self, attempt: int) -> float:
        """Exponential backoff for retry number ``attempt`` (0 for the first retry), capped,
        then jittered down by up to ``jitter``."""
        delay = min(self.initial_delay * 2.0**attempt, self.max_delay)
        return delay * (1 - random.random() * self.jitter)  # noqa: S311 - jitter, not crypto

    def _delay(self, attempt: int, response: httpx.Response | None) -> float:
        hinted = (
            parse_retry_after(response.headers.get("retry-after")) if response is not None else None
        )
        if hinted is not None:
            return min(hinted, self.max_retry_after)
        return self.backoff(attempt)

    def after_status(
        self, request: httpx.Request, response: httpx.Response, attempt: int
    ) -> float | None:
        """Seconds to wait before retrying after this answer, or None to not retry."""
        if attempt >= self.max_retries or response.status_code not in RETRY_STATUSES:
            return None
        status, method = response.status_code, request.method.upper()
        if method not in IDEMPOTENT:
            has_hint = parse_retry_after(response.headers.get("retry-after")) is not None
            if not (status == 429 or (status == 503 and has_hint)):
                return None
        return self._delay(attempt, response)

    def after_error(
        self, request: httpx.Request, error: httpx.RequestError, attempt: int
    ) -> float | None:
        """Seconds to wait before retrying after a transport failure or a body that does not
        decode, or None to not retry."""
        if attempt >= self.max_retries:
            return None
        if request.method.upper() not in IDEMPOTENT and not isinstance(error, NOT_SENT):
            return None
        return self._delay(attempt, None)
