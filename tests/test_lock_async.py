"""The DNS lock's waits, sync and async: a deadline read on the injected clock, a waiter that
gives up or is interrupted or cancelled leaving the gate to its holder, a waiter handed the
gate as soon as it is free, and the in-process gate alone, without a lock file."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest

from misaka_io._exceptions import ConfigurationError
from misaka_io._recordset_lock import (
    POLL,
    Locking,
    RecordsetBusyError,
    RecordsetLock,
)
from tests.test_lock_place import held_elsewhere

KEY = ("https://api.example", "example.net")


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_a_lock_whose_file_stays_taken_is_busy_at_its_deadline(
    tmp_path: Path, mode: str
) -> None:
    locks = tmp_path / "locks"
    now, slept = [0.0], []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        assert len(slept) < 5, "waited past its deadline"
        now[0] = 1.0  # exactly the deadline

    async def async_sleep(seconds: float) -> None:
        sleep(seconds)

    lock = RecordsetLock(
        *KEY, directory=locks, wait=1.0, clock=lambda: now[0], sleep=sleep, async_sleep=async_sleep
    )
    with held_elsewhere(locks, *KEY), pytest.raises(RecordsetBusyError):
        if mode == "sync":
            lock.__enter__()
        else:
            await lock.__aenter__()
    assert slept == [POLL]


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_a_waiter_that_gives_up_leaves_the_gate_to_its_holder(mode: str) -> None:
    """The gate alone (no lock file behind it): a writer that gave up and let the gate go
    would let the next writer in beside the holder. The error names the wait it was given."""
    locking = Locking.of(None, 0.05, url=None)
    with locking.lock(*KEY):
        for _ in range(2):  # the second would get in if the first had let the gate go
            with pytest.raises(RecordsetBusyError) as busy:
                if mode == "sync":
                    with locking.lock(*KEY):
                        pass
                else:
                    async with locking.lock(*KEY):
                        pass
            assert "for more than 0.05 s" in str(busy.value)


def _wait_in_turn(outcome: list[object]) -> threading.Thread:
    """A thread that waits up to 3 s for the gate and says whether it got it; returned once
    it is queued (it reads its clock a second time just before it waits)."""
    queued, reads = threading.Event(), [0]

    def clock() -> float:
        reads[0] += 1
        if reads[0] == 2:
            queued.set()
        return time.monotonic()

    def wait_in_turn() -> None:
        try:
            with RecordsetLock(*KEY, directory=None, wait=3, clock=clock):
                outcome.append("held")
        except RecordsetBusyError as exc:
            outcome.append(exc)

    waiting = threading.Thread(target=wait_in_turn)
    waiting.start()
    assert queued.wait(30), "the thread never queued"
    return waiting


def test_a_thread_waiting_at_the_gate_gets_it_as_soon_as_its_holder_lets_go() -> None:
    holder = RecordsetLock(*KEY, directory=None, wait=5)
    holder.__enter__()
    outcome: list[object] = []
    waiting = _wait_in_turn(outcome)
    holder.__exit__(None, None, None)
    waiting.join(timeout=30)
    assert outcome == ["held"]  # handed the gate, not left to its 3 s deadline


def test_a_thread_interrupted_while_it_waits_at_the_gate_leaves_the_queue() -> None:
    """Ctrl-C while waiting: the writer leaves the queue, so the gate does not pass to it
    when the holder lets go (no one would ever release it then) but to the next in line."""
    reads = [0]

    def interrupted() -> float:
        reads[0] += 1
        if reads[0] == 2:  # the time left, read just before it waits
            raise KeyboardInterrupt
        return time.monotonic()

    holder = RecordsetLock(*KEY, directory=None, wait=5)
    holder.__enter__()
    outcome: list[object] = []
    try:
        with (
            pytest.raises(KeyboardInterrupt),
            RecordsetLock(*KEY, directory=None, wait=30, clock=interrupted),
        ):
            pass
        waiting = _wait_in_turn(outcome)
    finally:
        holder.__exit__(None, None, None)
    waiting.join(timeout=30)
    assert outcome == ["held"]


def test_without_a_lock_file_the_gate_alone_keeps_a_second_writer_out() -> None:
    with (
        RecordsetLock(*KEY, directory=None, wait=5),
        pytest.raises(RecordsetBusyError),
        RecordsetLock(*KEY, directory=None, wait=0.05),
    ):
        pass


@pytest.mark.parametrize("order", ["cancelled, then handed", "handed, then cancelled"])
async def test_a_task_cancelled_just_as_the_gate_is_handed_to_it_passes_the_gate_on(
    order: str,
) -> None:
    """The holder lets go in the same moment the first waiting task is cancelled: the gate is
    already that task's when its cancellation lands, so it must pass the gate on to the next
    waiter on its way out, or that one (and every later writer) waits in vain. Which order
    reaches that case depends on ``asyncio.wait_for`` (Python 3.11: cancelled first; 3.12 on:
    handed first); in the other order the task either never gets the gate or, on 3.11, takes
    it (its ``wait_for`` swallows the cancellation) and lets it go itself."""
    holder = RecordsetLock(*KEY, directory=None, wait=5)
    holder.__enter__()
    first = asyncio.create_task(RecordsetLock(*KEY, directory=None, wait=30).__aenter__())
    await asyncio.sleep(0)  # queued at the gate
    second = asyncio.create_task(RecordsetLock(*KEY, directory=None, wait=2).__aenter__())
    await asyncio.sleep(0)  # queued behind it
    assert not first.done() and not second.done()
    if order == "cancelled, then handed":
        first.cancel()
        holder.__exit__(None, None, None)
    else:
        holder.__exit__(None, None, None)
        first.cancel()
    try:
        took = await first
    except asyncio.CancelledError:
        pass
    else:
        await took.__aexit__(None, None, None)
    lock = await second  # the gate was passed on
    await lock.__aexit__(None, None, None)


@pytest.mark.parametrize("wait", [0, -1, True, "5", None])
def test_a_wait_that_is_not_seconds_above_zero_is_refused(wait: object) -> None:
    with pytest.raises(ConfigurationError) as refused:
        Locking.of(None, wait, url=None)  # type: ignore[arg-type]
    assert str(refused.value) == f"lock_wait must be seconds (more than 0), not {wait!r}"


def test_a_lock_entered_again_that_finds_the_file_held_leaves_the_holders_file_alone(
    tmp_path: Path,
) -> None:
    """One instance entered, left, and entered again while another process holds the file:
    it gives up, and the file stays (removing it would let a third writer in beside the
    holder)."""
    locks = tmp_path / "locks"
    lock = RecordsetLock(*KEY, directory=locks, wait=0.1)
    with lock:
        pass
    with held_elsewhere(locks, *KEY) as path:
        with pytest.raises(RecordsetBusyError), lock:
            pass
        assert path.exists()
