"""The shared DNS lock's cost per write: each DNS write takes its zone's lock once, so a lock
cycle (take, ``ensure_held``, let go) with the Redis lease against the same cycle with the
local lock alone, on a real ``redis-server`` on the loopback; blocking and asyncio."""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.common import Row, ms, paired
from misaka_io._recordset_lock import Locking
from tests.redis_support import redis_server

KEY = ("https://api.misaka.io", "example.net")
GOAL = 0.001  # seconds more per write


def _cycle(locking: Locking) -> Callable[[], None]:
    def once() -> None:
        with locking.lock(*KEY) as lock:
            lock.ensure_held()

    return once


def _cycles_async(locking: Locking, count: int) -> Callable[[], None]:
    async def some() -> None:
        for _ in range(count):
            async with locking.lock(*KEY) as lock:
                lock.ensure_held()

    return lambda: asyncio.run(some())


def _row(kind: str, shared: float, local: float, per: int = 1) -> Row:
    more = (shared - local) / per
    return Row(
        f"Redis lock per DNS write, {kind}, over the local lock (loopback)",
        f"+{ms(more)}",
        f"local lock {ms(local / per)}",
        shared / local,
        "< 1 ms more",
        more < GOAL,
    )


def shared_lock_cost(number: int, repeat: int) -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp, redis_server(Path(tmp)) as server:
        local = Locking.of(Path(tmp) / "local", 10, url=None)
        shared = Locking.of(Path(tmp) / "shared", 10, url=server.url)
        clock = time.perf_counter  # Redis works in another process: wall time
        _, mine, theirs = paired(
            _cycle(shared), _cycle(local), number=number, repeat=repeat, clock=clock
        )
        rows = [_row("blocking", mine, theirs)]
        _, mine, theirs = paired(
            _cycles_async(shared, number),
            _cycles_async(local, number),
            number=1,
            repeat=repeat,
            clock=clock,
        )
        rows.append(_row("asyncio (Redis calls in the executor)", mine, theirs, per=number))
    return rows
