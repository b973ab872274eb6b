"""One attempt's deadline, written into each request as its timeouts.

httpx gives each blocking step (connect, each read, each write) the whole of its timeout, so
a server that sends its status line and headers one byte at a time stretches a call without
bound. The base client decides when an attempt must end; ``timeouts()`` writes that instant
into the request's ``timeout`` extension as ``Deadline`` values. A ``Deadline`` is also a
plain float (the step's own timeout), so any transport reads it as one; it keeps the client's
monotonic clock (injected: a test runs a whole retry budget without waiting). The sync
client's own transport (``_transport``) also reads when the attempt must end, and gives each
step only what is left of it. The async client needs none of that: ``asyncio.timeout``
bounds its whole attempt (and the body's decoding, which does not yield to the event loop,
checks the deadline itself: see ``_body``).

This module imports nothing of httpcore: a client is made without loading its transport.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx


Clock = Callable[[], float]


class Deadline(float):
    """A step's timeout in seconds that also knows when the whole attempt must end: ``at``,
    on ``clock`` (the client's injected monotonic clock; ``time.monotonic`` by default)."""

    __slots__ = ("at", "clock")
    at: float
    clock: Clock

    def __new__(cls, seconds: float, at: float, clock: Clock = time.monotonic) -> Deadline:
        value = float.__new__(cls, seconds)
        value.at, value.clock = at, clock
        return value

    def left(self) -> float:
        """Seconds left before the attempt must end (negative once past it)."""
        return self.at - self.clock()

    def __reduce__(self) -> tuple[type[Deadline], tuple[float, float, Clock]]:
        """Copies and pickles keep the deadline (a transport may copy the extensions)."""
        return (Deadline, (float(self), self.at, self.clock))


def timeouts(
    steps: Mapping[str, float | None],
    at: float | None,
    now: float,
    clock: Clock = time.monotonic,
) -> Mapping[str, float | None]:
    """The ``timeout`` extension of an attempt starting ``now`` on ``clock``: each step's own
    limit (``steps``, as httpx.Timeout.as_dict() gives them), never past ``at``."""
    if at is None:
        return steps
    left = max(0.0, at - now)
    return {
        name: Deadline(left if seconds is None or seconds > left else seconds, at, clock)
        for name, seconds in steps.items()
    }


def deadline_of(request: httpx.Request) -> Deadline | None:
    """When the attempt that sends ``request`` must end, if ``timeouts()`` wrote it there."""
    read = request.extensions.get("timeout", {}).get("read")
    return read if isinstance(read, Deadline) else None
