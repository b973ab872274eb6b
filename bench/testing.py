"""The cost of ``misaka_io.testing`` in a user's test: a fresh ``MisakaStub`` and its first call,
in a warm process (what each test pays) and in a new process (what a test run pays once:
imports, the spec parsed, its validators built)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from bench.common import Row, ms

FIRST_CALL = (
    "import time; t = time.perf_counter()\n"
    "from misaka_io.testing import MisakaStub\n"
    "with MisakaStub() as stub, stub.client() as client: list(client.ports.list_ports())\n"
    "print(time.perf_counter() - t)\n"
)


def _fresh_stub_and_call() -> float:
    from misaka_io.testing import MisakaStub

    started = time.perf_counter()
    with MisakaStub() as stub, stub.client() as client:
        list(client.ports.list_ports())
    return time.perf_counter() - started


def fresh_stub(repeat: int, processes: int) -> list[Row]:
    _fresh_stub_and_call()  # the process's one-time cost, measured below on its own
    warm = statistics.median(_fresh_stub_and_call() for _ in range(repeat))
    cold = statistics.median(
        float(
            subprocess.run(
                [sys.executable, "-c", FIRST_CALL], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(processes)
    )
    return [
        Row("fresh MisakaStub + first call", ms(warm), "", None, "< 50 ms", warm < 0.05),
        Row(
            "first MisakaStub + first call in a new process (imports, spec, validators)",
            ms(cold),
            "",
            None,
            "",
            None,
        ),
    ]
