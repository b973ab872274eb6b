"""The in-process half of the DNS lock: a gate per key that threads and asyncio tasks queue on.

First come, first served (a released gate passes straight to the first waiter); a task waits
on a future of its own loop, so it never blocks the loop. ``_recordset_lock`` takes the gate
before the file lock, so the processes' lock is asked for by one writer of a process at a time.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections import deque
from dataclasses import dataclass, field

# ---- in one interpreter: a gate that threads and tasks queue on --------------------------------


@dataclass(eq=False)
class Waiter:
    """One thread (``event``) or task (``loop`` and ``future``) waiting for the gate."""

    event: threading.Event | None = None
    loop: asyncio.AbstractEventLoop | None = None
    future: asyncio.Future[None] | None = None
    granted: bool = False

    def grant(self) -> bool:
        """Hand the gate over; False when this waiter can no longer take it."""
        if self.event is not None:
            self.granted = True
            self.event.set()
            return True
        assert self.loop is not None and self.future is not None
        if self.future.done():
            return False
        try:
            self.loop.call_soon_threadsafe(_resolve, self.future)
        except RuntimeError:  # its loop is closed
            return False
        self.granted = True
        return True


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


@dataclass(eq=False)
class Gate:
    """Held by one thread or task at a time; released, it passes straight to the first
    waiter (no barging), so that a burst of writers is served in order."""

    guard: threading.Lock = field(default_factory=threading.Lock)
    held: bool = False
    waiters: deque[Waiter] = field(default_factory=deque)
    users: int = 0

    def try_take(self, waiter: Waiter | None) -> bool:
        """Take the gate now when free; otherwise queue ``waiter`` (when given)."""
        with self.guard:
            if not self.held and not self.waiters:
                self.held = True
                return True
            if waiter is not None:
                self.waiters.append(waiter)
            return False

    def give_up(self, waiter: Waiter) -> bool:
        """Leave the queue; True when the gate was handed over meanwhile (the caller holds
        it and must release it)."""
        with self.guard:
            if waiter.granted:
                return True
            # A release may have passed over it already (its future was cancelled).
            with contextlib.suppress(ValueError):
                self.waiters.remove(waiter)
            return False

    def release(self) -> None:
        with self.guard:
            while self.waiters:
                if self.waiters.popleft().grant():
                    return
            self.held = False


_gates: dict[str, Gate] = {}
_gates_guard = threading.Lock()


def forget_gates() -> None:
    """In a forked child the threads that held gates are gone: start afresh (called by
    ``_recordset_lock``'s fork hook)."""
    global _gates_guard
    _gates.clear()
    _gates_guard = threading.Lock()


def enter_gate(name: str) -> Gate:
    with _gates_guard:
        gate = _gates.setdefault(name, Gate())
        gate.users += 1
        return gate


def leave_gate(name: str, gate: Gate) -> None:
    with _gates_guard:
        gate.users -= 1
        if gate.users == 0:
            del _gates[name]
