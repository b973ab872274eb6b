"""What every benchmark shares: a result row, and the two measurements (interleaved median
times, peak memory). Nothing here knows what is being measured."""

from __future__ import annotations

import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class Row:
    measure: str
    value: str
    reference: str
    ratio: float | None
    goal: str
    met: bool | None

    def cells(self) -> list[str]:
        ratio = "" if self.ratio is None else f"{self.ratio:.2f}x"
        met = "" if self.met is None else ("yes" if self.met else "**no**")
        return [self.measure, self.value, self.reference, ratio, self.goal, met]


def interleaved(
    fns: dict[str, Callable[[], Any]],
    *,
    number: int,
    repeat: int,
    gc_off: bool = False,
    clock: Callable[[], float] = time.perf_counter,
) -> dict[str, float]:
    """Median over ``repeat`` runs of the mean seconds per call over ``number`` calls, for each
    function, alternating them so that drift hits all alike. Each run starts after a full
    collection; ``gc_off`` also keeps the collector off while timing (as timeit does).
    ``clock=time.process_time`` counts this process's CPU time only (what other processes
    of a shared machine take is left out)."""
    samples: dict[str, list[float]] = {k: [] for k in fns}
    for fn in fns.values():
        fn()
    for _ in range(repeat):
        for name, fn in fns.items():
            gc.collect()
            if gc_off:
                gc.disable()
            try:
                started = clock()
                for _ in range(number):
                    fn()
                samples[name].append((clock() - started) / number)
            finally:
                gc.enable()
    return {k: statistics.median(v) for k, v in samples.items()}


def paired(
    ours: Callable[[], Any],
    reference: Callable[[], Any],
    *,
    number: int,
    repeat: int,
    clock: Callable[[], float] = time.process_time,
) -> tuple[float, float, float]:
    """(median of the per-run ratios ours/reference, median seconds per call of each): each
    run times ``number`` calls of one right after ``number`` of the other, the order swapped
    every run, so that a slow moment of a shared machine hits both sides of a ratio."""
    ratios: list[float] = []
    mine: list[float] = []
    theirs: list[float] = []
    ours(), reference()
    for run in range(repeat):
        timed: dict[str, float] = {}
        for name in ("ours", "reference") if run % 2 == 0 else ("reference", "ours"):
            fn = ours if name == "ours" else reference
            gc.collect()
            started = clock()
            for _ in range(number):
                fn()
            timed[name] = (clock() - started) / number
        ratios.append(timed["ours"] / timed["reference"])
        mine.append(timed["ours"])
        theirs.append(timed["reference"])
    return statistics.median(ratios), statistics.median(mine), statistics.median(theirs)


def peak_bytes(fn: Callable[[], Any]) -> int:
    """The peak of traced memory while ``fn`` runs and its result is still held."""
    gc.collect()
    tracemalloc.start()
    try:
        kept = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del kept
    return peak


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:.1f} ms"
