"""The faults a test aims at a ``MisakaStub``: what they answer, which requests they take, and
which of them were never met.

A ``Fault`` answers a status (with ``Retry-After`` when asked), a timeout or a dropped
connection instead of the stub, for the next ``times`` requests that match it: an operation
(``"dns.update_recordset"``, or the id alone), a method, a path glob (``/v3/dns/zones/*``), or
anything (``fail_next``). Faults are tried in the order they were added; the first that
matches and is not used up takes the request. A fault not used up by the end of a test is
*unmet*: ``Faults.unmet()`` names them, and the pytest fixtures and ``mock()`` fail the test
with their names (``required=False`` on a fault, or the per-test opt-out, says it may go
unmet).
"""

from __future__ import annotations

import fnmatch
import threading
from dataclasses import dataclass, field

from misaka_io.testing._log import operation_matches


@dataclass(eq=False)
class Fault:
    """One fault: a status, or a timeout, or a dropped connection, for ``times`` requests."""

    status: int | None = None
    retry_after: float | None = None
    timeout: bool = False
    drop: bool = False
    times: int = 1
    operation: str | None = None
    method: str | None = None
    path: str | None = None
    required: bool = True
    hits: int = field(default=0)

    def matches(self, operation: str | None, method: str, path: str) -> bool:
        return (
            (self.operation is None or operation_matches(self.operation, operation))
            and (self.method is None or self.method == method)
            and (self.path is None or fnmatch.fnmatchcase(path, self.path))
        )

    @property
    def what(self) -> str:
        if self.timeout:
            return "timeout"
        if self.drop:
            return "dropped connection"
        after = "" if self.retry_after is None else f" Retry-After {self.retry_after:g}"
        return f"HTTP {self.status}{after}"

    @property
    def where(self) -> str:
        parts = [p for p in (self.method, self.operation, self.path) if p]
        return " ".join(parts) if parts else "any request"

    def __repr__(self) -> str:
        return f"<fault {self.what} on {self.where}, met {self.hits} of {self.times} times>"


def check_fault(
    status: int, times: int, timeout: bool, drop: bool, retry_after: float | None = None
) -> None:
    """Refuse a fault that could not happen (``ValueError``)."""
    if retry_after is not None and (
        isinstance(retry_after, bool) or not isinstance(retry_after, int | float) or retry_after < 0
    ):
        raise ValueError(f"retry_after is seconds (0 or more), not {retry_after!r}")
    if isinstance(times, bool) or not isinstance(times, int) or times < 1:
        raise ValueError(f"times must be at least 1, not {times!r}")
    if timeout and drop:
        raise ValueError("a fault is a timeout or a dropped connection, not both")
    if not (timeout or drop) and not 400 <= status <= 599:
        raise ValueError(f"a failure status is 400-599, not {status}")


class Faults:
    """The faults of one stub, shared by its in-process and served fronts (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def add(self, fault: Fault) -> Fault:
        with self._lock:
            self._faults.append(fault)
        return fault

    def take(self, operation: str | None, method: str, path: str) -> Fault | None:
        """The fault that answers this request (used once more), or None."""
        with self._lock:
            for fault in self._faults:
                if fault.hits < fault.times and fault.matches(operation, method, path):
                    fault.hits += 1
                    return fault
        return None

    def pending(self) -> list[Fault]:
        """The faults not used up yet."""
        with self._lock:
            return [f for f in self._faults if f.hits < f.times]

    def unmet(self) -> list[Fault]:
        """The required faults not used up: what a test set up and its code never met."""
        return [f for f in self.pending() if f.required]

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def __len__(self) -> int:
        return len(self.pending())


class UnmetFaultsError(AssertionError):
    """Faults the test set up were never met by its code."""

    def __init__(self, unmet: list[Fault]) -> None:
        names = "; ".join(repr(f) for f in unmet)
        super().__init__(
            f"{len(unmet)} fault(s) set up on the Misaka stub were never met: {names} "
            "(required=False on a fault, or @pytest.mark.misaka(assert_all_met=False), "
            "lets one go unmet)"
        )
        self.unmet = unmet
