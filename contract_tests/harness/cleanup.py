"""Nothing left behind: what a live ``--write`` run creates is removed, whatever happens.

Each object is registered (``Cleanup.add``) *before* its create is sent, under a name unique
to the run (``unique_name``: the harness's prefix, the time, random hex), with a function
that removes it and tells whether it is gone. So a create whose answer was lost is still
looked up by that name and removed. ``Cleanup.settle`` removes one object now (the normal
path); ``Cleanup.finish`` removes every object still pending, with signals deferred so that
a second signal cannot stop it half-way, and keeps what it could not remove, by name, in
``left_behind`` for the report and the exit status.

``Cleanup.signals()`` turns SIGTERM and SIGHUP (what ``timeout``, systemd and a cancelled CI
job send) into the same ``KeyboardInterrupt`` as Ctrl-C while the run goes on.

``aged`` tells the age of an object from its name (or its ``created_at``), for
``make contract LIVE=1 SWEEP=1`` (``harness/sweep.py``).
"""

from __future__ import annotations

import contextlib
import datetime
import re
import secrets
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import FrameType

PREFIX = "misaka-io-contract-"
SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")
_STAMPED = re.compile(re.escape(PREFIX) + r"(\d{9,11})-[0-9a-f]+")


def unique_name(clock: Callable[[], float] = time.time) -> str:
    """``misaka-io-contract-<unix seconds>-<8 hex>``: unique, and its age can be read back."""
    return f"{PREFIX}{int(clock())}-{secrets.token_hex(4)}"


def aged(name: str, created_at: object, now: float) -> float | None:
    """Seconds since the object named ``name`` was made (its stamp, else ``created_at``);
    None when neither tells."""
    found = _STAMPED.search(name)
    if found:
        return now - int(found.group(1))
    if isinstance(created_at, str):
        try:
            when = datetime.datetime.fromisoformat(created_at.replace("Z", "+00:00"))
        except ValueError:
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=datetime.UTC)
        return now - when.timestamp()
    return None


@dataclass
class _Pending:
    kind: str  # "zone", "IP announcement"
    name: str
    remove: Callable[[], bool]  # True when the object is gone (or was never made)


@dataclass
class Cleanup:
    """The objects a run made and has not removed yet; see the module's docstring."""

    pending: dict[str, _Pending] = field(default_factory=dict)
    left_behind: list[str] = field(default_factory=list)  # "<kind> <name>", for the report
    interrupted: str = ""  # the signal that stopped the run ("SIGTERM"), if one did
    _deferring: bool = False
    _deferred: list[str] = field(default_factory=list)

    def add(self, kind: str, name: str, remove: Callable[[], bool]) -> None:
        """Register an object before the request that creates it is sent."""
        self.pending[name] = _Pending(kind, name, remove)

    def settle(self, name: str) -> None:
        """Remove the object now; it stays pending when it could not be removed."""
        item = self.pending.get(name)
        if item is not None and item.remove():
            del self.pending[name]

    def finish(self) -> list[str]:
        """Remove everything still pending (signals deferred); what stays is left behind."""
        with self._signals_deferred():
            for name, item in list(self.pending.items()):
                try:
                    gone = item.remove()
                except Exception:  # whatever failed, the object is listed as left behind
                    gone = False
                del self.pending[name]
                if not gone:
                    self.left_behind.append(f"{item.kind} {item.name}")
        return self.left_behind

    # ---- signals ------------------------------------------------------------------------------

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        del frame
        name = signal.Signals(signum).name
        if self._deferring:
            self._deferred.append(name)
            return
        self.interrupted = self.interrupted or name
        raise KeyboardInterrupt(name)

    @contextlib.contextmanager
    def signals(self) -> Iterator[None]:
        """SIGINT, SIGTERM and SIGHUP raise ``KeyboardInterrupt`` in the block (main thread
        only: elsewhere Python does not deliver signals, and nothing is installed)."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        wanted = [getattr(signal, s) for s in SIGNALS if hasattr(signal, s)]
        before = {s: signal.signal(s, self._on_signal) for s in wanted}
        try:
            yield
        finally:
            for s, handler in before.items():
                signal.signal(s, handler)

    @contextlib.contextmanager
    def _signals_deferred(self) -> Iterator[None]:
        self._deferring = True
        try:
            yield
        finally:
            self._deferring = False
        if self._deferred and not self.interrupted:
            self.interrupted = self._deferred[0]
