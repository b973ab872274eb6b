"""The DNS lock's waits: under asyncio its deadline read on the injected clock and a waiter
that gives up leaving the gate to its holder; the in-process gate alone, without a lock file."""

from __future__ import annotations

import asyncio
import fcntl
import os
from pathlib import Path

import pytest

from misaka_io._recordset_lock import (
    POLL,
    Locking,
    RecordsetBusyError,
    RecordsetLock,
    lock_name,
)

KEY = ("https://api.example", "example.net")


async def test_an_async_lock_whose_file_stays_taken_is_busy_at_its_deadline(
    tmp_path: Path,
) -> None:
    locks = tmp_path / "locks"
    locks.mkdir(mode=0o700)
    other = os.open(locks / lock_name(*KEY), os.O_RDWR | os.O_CREAT)
    fcntl.flock(other, fcntl.LOCK_EX)  # another process's hold, as the file protocol sees it
    now, slept = [0.0], []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        assert len(slept) < 5, "waited past its deadline"
        now[0] = 1.0  # exactly the deadline

    lock = RecordsetLock(*KEY, directory=locks, wait=1.0, clock=lambda: now[0], async_sleep=sleep)
    try:
        with pytest.raises(RecordsetBusyError):
            await lock.__aenter__()
    finally:
        os.close(other)
    assert slept == [POLL]


async def test_a_waiter_that_gives_up_leaves_the_gate_to_its_holder(tmp_path: Path) -> None:
    locking = Locking.of(tmp_path / "locks", 0.05, url=None)
    async with locking.lock(*KEY):
        for _ in range(2):  # the second would get in if the first had let the gate go
            with pytest.raises(RecordsetBusyError):
                async with locking.lock(*KEY):
                    pass


def test_without_a_lock_file_the_gate_alone_keeps_a_second_writer_out() -> None:
    with (
        RecordsetLock(*KEY, directory=None, wait=5),
        pytest.raises(RecordsetBusyError),
        RecordsetLock(*KEY, directory=None, wait=0.05),
    ):
        pass


async def test_a_task_cancelled_just_as_the_gate_is_handed_to_it_passes_the_gate_on() -> None:
    """The holder lets go in the same moment the first waiting task is cancelled: the gate is
    already that task's when its cancellation lands, so it must pass the gate on to the next
    waiter on its way out, or that one (and every later writer) waits in vain."""
    holder = RecordsetLock(*KEY, directory=None, wait=5)
    holder.__enter__()
    first = asyncio.create_task(RecordsetLock(*KEY, directory=None, wait=30).__aenter__())
    await asyncio.sleep(0)  # queued at the gate
    second = asyncio.create_task(RecordsetLock(*KEY, directory=None, wait=2).__aenter__())
    await asyncio.sleep(0)  # queued behind it
    assert not first.done() and not second.done()
    first.cancel()
    holder.__exit__(None, None, None)  # hands the gate to the cancelled task
    with pytest.raises(asyncio.CancelledError):
        await first
    lock = await second  # the gate was passed on
    await lock.__aexit__(None, None, None)
