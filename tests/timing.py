"""Wall-clock checks of deadlines that hold on a loaded two-core machine.

A call bounded by a timeout is timed from just before it starts. It must not end before the
timeout (so it was the deadline that ended it, not something else), and must end within
``upper_bound(timeout)``: twice the timeout, and never less than the timeout plus
``LOAD_SLACK``, for a machine that pauses a process for seconds. Each test says how long the
call would take with the bound broken (its server makes it so), and that must be at least
twice the upper bound, or the test could not tell the bound from its absence.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

LOAD_SLACK = 5.0


def upper_bound(timeout: float) -> float:
    return max(2 * timeout, timeout + LOAD_SLACK)


def check(elapsed: float, timeout: float, *, broken: float, at_least: float | None = None) -> None:
    """``elapsed``: what the call took; ``timeout``: the bound it was given; ``broken``: what
    it would take without the bound; ``at_least``: the least it may take (the timeout)."""
    assert broken >= 2 * upper_bound(timeout), "the broken behaviour is too close to the bound"
    least = timeout if at_least is None else at_least
    assert elapsed >= 0.95 * least, f"ended after {elapsed:.2f} s, before the {least} s bound"
    assert elapsed < upper_bound(timeout), (
        f"took {elapsed:.2f} s with a {timeout} s bound (broken it takes {broken} s)"
    )


@contextmanager
def timed() -> Iterator[list[float]]:
    """``with timed() as took:``, then ``took[0]`` is the seconds the block took."""
    took: list[float] = []
    started = time.monotonic()
    try:
        yield took
    finally:
        took.append(time.monotonic() - started)
