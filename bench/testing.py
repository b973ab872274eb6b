"""The cost of ``misaka_io.testing`` in a user's test, against respx on the same machine: a fresh
``MisakaStub`` and its first call in a warm process (what each test pays); the first stub and
its first call in a new process (what a test run pays once: imports, the spec, validators)
against importing respx and one mocked call; and each call after, against the same call
mocked by respx. Both sides make the same ``Misaka`` call; times are CPU time of the process
(its threads included), so that what other processes of a shared machine take is left out.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

import httpx
import respx

from bench.common import Row, ms, paired
from misaka_io import Misaka

# The same call on both sides: a listing of ports, as the stub answers it.
PORTS = {"count": 0, "next": None, "previous": None, "results": []}
FIRST_STUB_CALL = (
    "import time; t = time.process_time()\n"
    "from misaka_io.testing import MisakaStub\n"
    "with MisakaStub() as stub, stub.client() as client: list(client.ports.list_ports())\n"
    "print(time.process_time() - t)\n"
)
FIRST_RESPX_CALL = (
    "import time; t = time.process_time()\n"
    "import respx\n"
    "from misaka_io import Misaka\n"
    "with respx.mock(base_url='https://api.misaka.io') as mocked:\n"
    f"    mocked.get('/v3/ports').respond(json={PORTS!r})\n"
    "    with Misaka(api_token='t') as client: list(client.ports.list_ports())\n"
    "print(time.process_time() - t)\n"
)
FIRST_GOAL = 1.5  # the first stub and call, at most this times respx's import and first call
PER_CALL_GOAL = 2.0  # each call, at most this times the call mocked by respx


def _fresh_stub_and_call() -> float:
    from misaka_io.testing import MisakaStub

    started = time.process_time()
    with MisakaStub() as stub, stub.client() as client:
        list(client.ports.list_ports())
    return time.process_time() - started


def _in_new_process(code: str) -> float:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout)


def first_calls(processes: int) -> tuple[float, float]:
    """Medians (stub, respx) of the first call in a new process, the two alternated."""
    stub, mocked = [], []
    for _ in range(processes):
        stub.append(_in_new_process(FIRST_STUB_CALL))
        mocked.append(_in_new_process(FIRST_RESPX_CALL))
    return statistics.median(stub), statistics.median(mocked)


def per_call(number: int, repeat: int) -> tuple[float, float, float]:
    """(ratio, stub seconds, respx seconds) per call of ``list_ports`` on a warm client."""
    from misaka_io.testing import MisakaStub

    with MisakaStub() as stub, stub.client() as client, respx.mock(assert_all_called=False) as m:
        m.get("https://api.misaka.io/v3/ports").mock(return_value=httpx.Response(200, json=PORTS))
        with Misaka(api_token="t") as mocked:
            return paired(
                lambda: list(client.ports.list_ports()),
                lambda: list(mocked.ports.list_ports()),
                number=number,
                repeat=repeat,
            )


def fresh_stub(repeat: int, processes: int) -> list[Row]:
    _fresh_stub_and_call()  # the process's one-time cost, measured below on its own
    warm = statistics.median(_fresh_stub_and_call() for _ in range(repeat))
    cold, cold_respx = first_calls(processes)
    ratio, each, each_respx = per_call(number=20 * repeat, repeat=max(3, repeat // 5))
    first_ratio = cold / cold_respx
    return [
        Row("fresh MisakaStub + first call", ms(warm), "", None, "< 50 ms", warm < 0.05),
        Row(
            "first MisakaStub + first call in a new process, against respx's import + first "
            "mocked call (CPU)",
            ms(cold),
            ms(cold_respx),
            first_ratio,
            f"<= {FIRST_GOAL:g}x",
            first_ratio <= FIRST_GOAL,
        ),
        Row(
            "a call to MisakaStub, against the same call mocked by respx (CPU)",
            f"{each * 1e6:.0f} us",
            f"{each_respx * 1e6:.0f} us",
            ratio,
            f"<= {PER_CALL_GOAL:g}x",
            ratio <= PER_CALL_GOAL,
        ),
    ]
