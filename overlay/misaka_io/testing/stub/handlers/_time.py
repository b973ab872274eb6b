"""Time windows of the series operations: parsed, checked, cut into buckets."""

from __future__ import annotations

from datetime import datetime

from misaka_io.testing.stub import seed
from misaka_io.testing.stub.answers import invalid


def timestamp(text: str) -> float:
    """An RFC 3339 time with an offset, as a POSIX timestamp (ValueError otherwise)."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError("no offset")
    return moment.timestamp()


def window(start: str, end: str, resolution: int, max_points: int, where: str = "query") -> range:
    """The bucket times of [start, end) at ``resolution`` seconds; a 422 naming the field
    (in ``where``: query or body) when the window is unreadable, backwards or too long."""
    try:
        begin, finish = timestamp(start), timestamp(end)
    except (ValueError, OverflowError, OSError):
        raise invalid(
            [where, "start"], "start and end must be RFC 3339 times with an offset"
        ) from None
    if finish <= begin:
        raise invalid([where, "end"], "end must be after start")
    if (finish - begin) / resolution > max_points:
        raise invalid(
            [where, "resolution"],
            f"The window holds more than {max_points} points at this resolution",
        )
    return seed.bucket_times(begin, finish, resolution)
