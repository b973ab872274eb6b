"""How many logins a client may make: at most ``limit`` in any ``window`` seconds.

A storm (every token refused, a clock far off) is logged once as a warning, then refused
with ``TooManyLogins`` until the window has room again. Time is a monotonic clock's, passed
in by the caller: the budget reads no clock of its own.
"""

from __future__ import annotations

import collections
import logging
import threading

from misaka_io._exceptions import TooManyLogins

log = logging.getLogger("misaka_io")

MAX_LOGINS_PER_MINUTE = 5


class LoginBudget:
    """At most ``limit`` logins in any ``window`` seconds; a storm is logged once, as a
    warning, then refused with ``TooManyLogins`` until the window has room again."""

    def __init__(self, limit: int = MAX_LOGINS_PER_MINUTE, window: float = 60.0) -> None:
        self.limit = limit
        self.window = window
        self._times: collections.deque[float] = collections.deque()
        self._warned = False
        self._lock = threading.Lock()

    def spend(self, now: float) -> None:
        """Count a login at monotonic time ``now``, or raise ``TooManyLogins``."""
        with self._lock:
            while self._times and self._times[0] <= now - self.window:
                self._times.popleft()
            if len(self._times) < self.limit:
                self._times.append(now)
                self._warned = False
                return
            wait = self._times[0] + self.window - now
            first, self._warned = not self._warned, True
        if first:
            log.warning(
                "misaka_io: login storm: %d logins in the last %.0f s; no more logins for "
                "%.0f s (does the server refuse every token, or is a clock wrong?)",
                self.limit,
                self.window,
                wait,
            )
        raise TooManyLogins(
            f"{self.limit} logins in the last minute (at most {self.limit} per minute): "
            f"not logging in again for {wait:.0f} s",
            retry_after=wait,
        )
