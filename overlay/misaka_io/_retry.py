"""When to retry a request, and how long to wait first.

Idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE) retry on connection errors, timeouts,
408, 429, 500, 502, 503 and 504. POST and PATCH are not idempotent here, so they retry only
when the request provably was not processed: it never left (a failed connect, a full pool),
or the server said so (429, or 503 with ``Retry-After``). A policy with
``resend_unanswered=False`` (``client.with_options(resend_unanswered=False)``) treats every
method so: a PUT that adds to a list must not be sent twice when its answer was lost.
"""

from __future__ import annotations

import email.utils
import random
import time

import httpx
import msgspec

IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# The request never reached the server: safe to send again whatever the method.
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: a number of seconds or an HTTP date.
    None (the header is ignored, backoff applies) when it is neither, or is a date no
    calendar holds (a 20-digit year); a huge number is clamped later by ``max_retry_after``."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        if when is None or when.tzinfo is None:
            return None
        seconds = when.timestamp() - (time.time() if now is None else now)
    if seconds != seconds:  # NaN
        return None
    return float(max(0.0, seconds))


class RetryPolicy(msgspec.Struct, frozen=True):
    max_retries: int = 2
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0
    jitter: float = 0.25
    resend_unanswered: bool = True  # False: only what provably was not processed is resent

    def _resends(self, method: str) -> bool:
        """Whether a request of ``method`` may be sent again when it may have been processed."""
        return self.resend_unanswered and method.upper() in IDEMPOTENT

    def backoff(self, attempt: int) -> float:
        """Exponential backoff for retry number ``attempt`` (0 for the first retry), capped,
        then jittered down by up to ``jitter``."""
        delay = min(self.initial_delay * 2.0**attempt, self.max_delay)
        return delay * (1 - random.random() * self.jitter)  # noqa: S311 - jitter, not crypto

    def _delay(self, attempt: int, response: httpx.Response | None, now: float | None) -> float:
        hinted = (
            parse_retry_after(response.headers.get("retry-after"), now=now)
            if response is not None
            else None
        )
        if hinted is not None:
            return min(hinted, self.max_retry_after)
        return self.backoff(attempt)

    def after_status(
        self,
        request: httpx.Request,
        response: httpx.Response,
        attempt: int,
        *,
        now: float | None = None,
    ) -> float | None:
        """Seconds to wait before retrying after this answer, or None to not retry (``now``:
        the client's clock, for a ``Retry-After`` date)."""
        if attempt >= self.max_retries or response.status_code not in RETRY_STATUSES:
            return None
        status = response.status_code
        if not self._resends(request.method):
            has_hint = parse_retry_after(response.headers.get("retry-after")) is not None
            if not (status == 429 or (status == 503 and has_hint)):
                return None
        return self._delay(attempt, response, now)

    def after_error(
        self, request: httpx.Request, error: httpx.RequestError, attempt: int
    ) -> float | None:
        """Seconds to wait before retrying after a transport failure or a body that does not
        decode, or None to not retry."""
        if attempt >= self.max_retries:
            return None
        if not self._resends(request.method) and not isinstance(error, NOT_SENT):
            return None
        return self._delay(attempt, None, None)
