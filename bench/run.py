"""``make bench``: start-up time, the client's overhead, parsing speed and memory, page iteration,
concurrency, the stub's throughput against Prism, and the contract suite's wall time;
written to bench/results.md.

Each timing is the median of repeated runs, and every comparison is a ratio measured in
the same run (these machines are noisy). Benchmarks are not tests: nothing here asserts a
time. ``--tiny`` runs everything with small sizes (the test suite does, to prove it works).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench import calls, dns_engine, locks, parsing, report, service, startup, testing
from bench.common import Row

BENCH = Path(__file__).resolve().parent
STEPS = "startup,overhead,large,pages,gather,concurrency,throughput,fakes,dns,locks,suite"

Step = Callable[[], tuple[list[Row], list[str]]]


def rows_only(fn: Callable[[], list[Row]]) -> Step:
    return lambda: (fn(), [])


def steps(tiny: bool) -> list[tuple[str, Step]]:
    """Each benchmark with its sizes (small ones with ``--tiny``)."""
    return [
        ("startup", lambda: startup.startup(pairs=3 if tiny else 21)),
        (
            "overhead",
            rows_only(
                lambda: calls.overhead(number=20 if tiny else 1000, repeat=3 if tiny else 15)
            ),
        ),
        (
            "large",
            lambda: parsing.large(
                points=200 if tiny else 10_000,
                records=200 if tiny else 10_000,
                repeat=3 if tiny else 15,
            ),
        ),
        (
            "pages",
            rows_only(
                lambda: calls.pagination(
                    total=200 if tiny else 10_000,
                    size=20 if tiny else 1_000,
                    number=1 if tiny else 3,
                    repeat=3 if tiny else 21,
                )
            ),
        ),
        (
            "gather",
            rows_only(
                lambda: calls.concurrent(calls=50 if tiny else 1000, repeat=2 if tiny else 9)
            ),
        ),
        (
            "concurrency",
            rows_only(
                lambda: service.concurrency(calls=50 if tiny else 1000, repeat=1 if tiny else 3)
            ),
        ),
        (
            "throughput",
            rows_only(
                lambda: service.throughput(
                    seconds=1 if tiny else 10,
                    connections=8 if tiny else 32,
                    repeat=1 if tiny else 3,
                )
            ),
        ),
        (
            "fakes",
            rows_only(
                lambda: testing.fresh_stub(repeat=5 if tiny else 51, processes=1 if tiny else 5)
            ),
        ),
        (
            "dns",
            rows_only(
                lambda: dns_engine.octodns_creates(
                    records=200 if tiny else 5000, repeat=1 if tiny else 3
                )
            ),
        ),
        (
            "locks",
            rows_only(
                lambda: locks.shared_lock_cost(number=20 if tiny else 500, repeat=3 if tiny else 9)
            ),
        ),
        ("suite", rows_only(service.suite_time)),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--tiny", action="store_true", help="small sizes: proves the harness works")
    parser.add_argument("--skip", default="", help=f"comma-separated, of: {STEPS}")
    parser.add_argument("--out", type=Path, default=BENCH / "results.md")
    args = parser.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    started, load_before = time.perf_counter(), os.getloadavg()[0]
    rows: list[Row] = []
    sections: list[str] = []
    for name, step in steps(args.tiny):
        if name in skip:
            continue
        print(f"bench: {name} ...", end=" ", flush=True)
        began = time.perf_counter()
        more_rows, more_sections = step()
        print(f"{time.perf_counter() - began:.0f} s", flush=True)
        rows += more_rows
        sections += more_sections
    elapsed = time.perf_counter() - started
    argv = argv if argv is not None else sys.argv[1:]
    report.write(rows, sections, args.out, argv, elapsed, load_before)
    print(args.out.read_text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
