"""The server's time as a client reckons it: the local wall clock plus the skew last measured.

Token expiry is the server's time, so a client whose clock is off must correct it. The skew
is measured from the ``iat`` of each new access token, or, for a token without one and for a
resumed session, from the ``Date`` header of the answers. Whole-second times are read as the
middle of their second. The local clock is injected (``Misaka(clock=...)``).
"""

from __future__ import annotations

import email.utils
from collections.abc import Callable

HALF_SECOND = 0.5  # whole-second times (iat, Date) are read as the middle of their second


def http_date(value: str | None) -> float | None:
    """An HTTP date as epoch seconds, or None when it is missing or no calendar holds it."""
    if not value:
        return None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):  # OverflowError: a 20-digit year
        return None
    return None if when is None or when.tzinfo is None else when.timestamp()


class ServerClock:
    """``now()`` is the server's time: ``local()`` plus ``skew`` (server minus local)."""

    def __init__(self, local: Callable[[], float]) -> None:
        self.local = local
        self.skew = 0.0
        self._from_token = False  # the current token's iat measured the skew

    def now(self) -> float:
        return self.local() + self.skew

    def saw_date(self, value: str | None) -> None:
        """Measure the skew from an answer's ``Date``, unless a token's ``iat`` did."""
        if self._from_token:
            return
        when = http_date(value)
        if when is not None:
            self.skew = when + HALF_SECOND - self.local()

    def saw_token(self, issued_at: float | None) -> None:
        """A new session: measure the skew from its ``iat`` (None: a token without one, or a
        resumed session, whose ``iat`` is old: the answers' dates measure it then)."""
        self._from_token = issued_at is not None
        if issued_at is not None:
            self.skew = issued_at + HALF_SECOND - self.local()
