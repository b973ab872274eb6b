"""One attempt's deadline, written into each request as its timeouts.

httpx gives each blocking step (connect, each read, each write) the whole of its timeout, so
a server that sends its status line and headers one byte at a time stretches a call without
bound. The base client decides when an attempt must end; ``timeouts()`` writes that instant
into the request's ``timeout`` extension as ``Deadline`` values. A ``Deadline`` is also a
plain float (the step's own timeout), so any transport reads it as one; the sync client's
own transport (``_transport``) also reads when the attempt must end, and gives each step only
what is left of it. The async client needs none of that: ``asyncio.timeout`` bounds its whole
attempt (and the body's decoding, which does not yield to the event loop, checks the deadline
itself: see ``_body``).

This module imports nothing of httpcore: a client is made without loading its transport.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx


class Deadline(float):
    """A step's timeout in seconds that also knows when the whole attempt must end
    (``time.monotonic()`` seconds)."""

    __slots__ = ("at",)
    at: float

    def __new__(cls, seconds: float, at: float) -> Deadline:
        value = float.__new__(cls, seconds)
        value.at = at
        return value

    def __reduce__(self) -> tuple[type[Deadline], tuple[float, float]]:
        """Copies and pickles keep the deadline (a transport may copy the extensions)."""
        return (Deadline, (float(self), self.at))


def timeouts(
    steps: Mapping[str, float | None], at: float | None, now: float
) -> Mapping[str, float | None]:
    """The ``timeout`` extension of an attempt starting ``now``: each step's own limit
    (``steps``, as httpx.Timeout.as_dict() gives them), never past ``at``."""
    if at is None:
        return steps
    left = max(0.0, at - now)
    return {
        name: Deadline(left if seconds is None or seconds > left else seconds, at)
        for name, seconds in steps.items()
    }


def deadline_of(request: httpx.Request) -> float | None:
    """When the attempt that sends ``request`` must end, if ``timeouts()`` wrote it there."""
    read = request.extensions.get("timeout", {}).get("read")
    return read.at if isinstance(read, Deadline) else None
