"""The loop of one DNS workflow's writes, decided once for the sync and async classes.

The API has no conditional requests, so a workflow reads, plans, writes, and reads back; when
the read-back does not show what was asked, someone else wrote meanwhile, and the plan made
from the read-back is the merge to write next. A write that failed in a way that may have
been done all the same (a lost answer, a 5xx) is followed by a read, never resent blindly; a
409 or 404 (the recordset appeared or went between read and write) by a read too. At most
``ATTEMPTS`` writes in all.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from misaka_io._exceptions import (
    APIConnectionError,
    APIStatusError,
    ConflictError,
    MisakaError,
    NotFoundError,
)
from misaka_io_generated.models import RecordSet

log = logging.getLogger("misaka_io")

# The first write, then the ones planned again from a fresh read after a race (409, 404), a
# lost answer, or a read-back that shows another writer's change.
ATTEMPTS = 5


class ConcurrentChangeError(MisakaError):
    """The recordset kept changing under the workflow: after ``ATTEMPTS`` writes it still
    does not hold what was asked."""


class Planned(Protocol):
    """A planned write: its ``action`` is "none" when there is nothing to write."""

    @property
    def action(self) -> str: ...


P = TypeVar("P", bound=Planned)


def maybe_done(error: MisakaError) -> bool:
    """Whether a write that failed so may have been done all the same: its answer was lost
    (a timeout, a dropped connection) or the server failed while working on it."""
    if isinstance(error, APIConnectionError):
        return True
    return isinstance(error, APIStatusError) and (
        error.status_code == 408 or error.status_code >= 500
    )


@dataclass
class Course(Generic[P]):
    """Where one workflow stands. ``plan`` makes the write that a recordset as read needs;
    ``where`` names the recordset in messages."""

    plan: Callable[[RecordSet | None], P]
    where: str
    writes: int = 0
    done: P | None = None  # the last write sent that was, or may have been, made
    wrote: bool = False  # the last write was answered (a later difference is someone else's)
    settled: bool = False  # the server's answer itself differs: writing again cannot help
    error: MisakaError | None = None

    def next(self, found: RecordSet | None) -> P | None:
        """The write to make after reading ``found``, or None when there is none to make."""
        change = self.plan(found)
        if change.action == "none" or self.settled:
            return None
        if self.writes >= ATTEMPTS:
            if self.error is not None:
                raise self.error
            raise ConcurrentChangeError(
                f"{self.where} kept changing: after {ATTEMPTS} writes it still does not hold "
                f"what was asked (another writer, on another machine or outside misaka_io?)"
            )
        if self.wrote and self.done is not None:
            log.warning(
                "misaka_io: %s was changed by another writer after our %s; writing again, "
                "merged (write %d of at most %d)",
                self.where,
                self.done.action,
                self.writes + 1,
                ATTEMPTS,
            )
        self.writes += 1
        return change

    def answered(self, change: P, answer: RecordSet | None) -> None:
        """The write was answered with ``answer`` (None for a delete)."""
        self.done, self.wrote, self.error = change, True, None
        if self.plan(answer).action != "none":
            log.debug(
                "misaka_io: the server's answer to the %s of %s does not show the values as "
                "sent (it writes them its own way); not writing again",
                change.action,
                self.where,
            )
            self.settled = True

    def failed(self, change: P, error: MisakaError) -> bool:
        """After a write that raised: True to read again and plan anew, False to raise."""
        self.wrote = False
        if isinstance(error, ConflictError | NotFoundError):
            return True  # changed by someone else between the read and the write
        if not maybe_done(error):
            return False
        self.done, self.error = change, error
        log.warning(
            "misaka_io: the %s of %s may have been done (%s); reading the recordset before "
            "writing again",
            change.action,
            self.where,
            type(error).__name__,
        )
        return True
