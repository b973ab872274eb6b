"""The client and the stub under load: concurrent async calls (one refresh when the token
expires mid-run), the stub's throughput against Prism, and the contract suite's wall time."""

from __future__ import annotations

import asyncio
import gc
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

import httpx

from bench.common import Row
from misaka_io import AsyncMisaka
from misaka_io.testing.stub import ManualClock, StubConfig, create_app
from misaka_io.testing.stub.server import free_port, serve

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
SPEC = ROOT / "spec" / "misaka-v3.yaml"


# ---- concurrency ------------------------------------------------------------------------------------


async def _concurrent(calls: int, expire_midway: bool) -> tuple[float, int, int, int]:
    clock = ManualClock()
    app = create_app(StubConfig(clock=clock, access_ttl=600))
    counts = {"refresh": 0, "login": 0}

    class Counting(httpx.AsyncBaseTransport):
        def __init__(self) -> None:
            self.inner = httpx.ASGITransport(app=app)

        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            if request.url.path == "/v3/session/refresh":
                counts["refresh"] += 1
            if request.url.path == "/v3/session/login":
                counts["login"] += 1
            return await self.inner.handle_async_request(request)

    kwargs: dict[str, Any] = (
        {"email": "noc@example.net", "password": "correct-horse-battery"}
        if expire_midway
        else {"api_token": app.config.api_token}
    )
    async with AsyncMisaka(
        base_url="http://127.0.0.1", transport=Counting(), clock=clock.now, **kwargs
    ) as client:
        await client.teams.list_teams()

        async def one(i: int) -> None:
            if expire_midway and i == calls // 2:
                clock.advance(601)  # every token issued so far has expired
            await client.ports.get_port("port-hkg1-cr1-et-0-0-3")

        gc.collect()
        tracemalloc.start()
        started = time.perf_counter()
        await asyncio.gather(*(one(i) for i in range(calls)))
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return elapsed, peak, counts["refresh"], counts["login"]


def concurrency(calls: int, repeat: int) -> list[Row]:
    rows = []
    for expire in (False, True):
        runs = [asyncio.run(_concurrent(calls, expire)) for _ in range(repeat)]
        wall = statistics.median(r[0] for r in runs)
        peak = statistics.median(r[1] for r in runs)
        refreshes = sorted({r[2] for r in runs})
        label = f"{calls:,} concurrent async calls, in-process stub" + (
            ", token expiring mid-run" if expire else ", API token"
        )
        goal = "exactly 1 refresh per run" if expire else "(measured)"
        met = refreshes == [1] if expire else None
        rows.append(
            Row(
                label,
                f"{wall * 1e3:.0f} ms wall, {peak / 1e6:.1f} MB peak",
                f"{wall / calls * 1e6:.0f} µs per call; refreshes per run: {refreshes}",
                None,
                goal,
                met,
            )
        )
    return rows


# ---- stub throughput against Prism ---------------------------------------------------------------------

ENDPOINT = "/v3/ports/port-hkg1-cr1-et-0-0-3"


def _wait_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


def load(url: str, token: str, *, seconds: float, connections: int) -> tuple[float, str]:
    """Requests per second against ``url`` with a fixed number of keep-alive connections."""
    wrk = shutil.which("wrk")
    if wrk:
        return _wrk(wrk, url, token, seconds, connections), "wrk"
    return _load_loop(url, token, seconds, connections), "httpx load loop (wrk not installed)"


def _wrk(wrk: str, url: str, token: str, seconds: float, connections: int) -> float:
    out = subprocess.run(
        [
            wrk,
            "-t1",
            f"-c{connections}",
            f"-d{max(1, int(seconds))}s",
            "-H",
            f"Authorization: Token {token}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        raise RuntimeError(f"{url} answered {non2xx.group(1)} errors under load")
    found = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if found is None:
        raise RuntimeError(f"wrk gave no rate:\n{out}")
    return float(found.group(1))


def _load_loop(url: str, token: str, seconds: float, connections: int) -> float:
    code = (
        "import asyncio,sys,time,httpx\n"
        "async def main(url,tok,secs,conns):\n"
        "  n=0;stop=time.perf_counter()+secs\n"
        "  async with httpx.AsyncClient(headers={'Authorization':'Token '+tok},"
        "limits=httpx.Limits(max_connections=conns)) as c:\n"
        "    async def w():\n"
        "      nonlocal n\n"
        "      while time.perf_counter()<stop:\n"
        "        r=await c.get(url); assert r.status_code==200; n+=1\n"
        "    t=time.perf_counter(); await asyncio.gather(*[w() for _ in range(conns)])\n"
        "    print(n/(time.perf_counter()-t))\n"
        "asyncio.run(main(sys.argv[1],sys.argv[2],float(sys.argv[3]),int(sys.argv[4])))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, url, token, str(seconds), str(connections)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return float(out.strip())


def _stub_rps(app: Any, seconds: float, connections: int, repeat: int) -> tuple[float, str]:
    samples, tool = [], ""
    with serve(app) as url:
        for _ in range(repeat):
            rps, tool = load(
                url + ENDPOINT, app.config.api_token, seconds=seconds, connections=connections
            )
            samples.append(rps)
    return statistics.median(samples), tool


def _prism_rps(prism_bin: Path, token: str, seconds: float, connections: int, repeat: int) -> float:
    port = free_port()
    prism = subprocess.Popen(
        [
            str(prism_bin),
            "mock",
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "--errors",
            "false",
            str(SPEC),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    samples = []
    try:
        _wait_port(port)
        for _ in range(repeat):
            url = f"http://127.0.0.1:{port}{ENDPOINT}"
            rps, _ = load(url, token, seconds=seconds, connections=connections)
            samples.append(rps)
    finally:
        os.killpg(prism.pid, signal.SIGTERM)
        prism.wait(timeout=10)
    return statistics.median(samples)


def throughput(seconds: float, connections: int, repeat: int) -> list[Row]:
    app = create_app()
    ours, tool = _stub_rps(app, seconds, connections, repeat)
    prism_bin = BENCH / "node_modules" / ".bin" / "prism"
    if not prism_bin.exists():
        return [
            Row(
                "stub throughput (uvicorn, 1 worker)",
                f"{ours:.0f} req/s",
                "Prism not installed (make bench installs it)",
                None,
                "≥ 3x Prism",
                None,
            )
        ]
    peer = _prism_rps(prism_bin, app.config.api_token, seconds, connections, repeat)
    return [
        Row(
            f"stub throughput, GET {ENDPOINT}, {connections} connections ({tool})",
            f"{ours:.0f} req/s",
            f"Prism 5.16.0 {peer:.0f} req/s",
            ours / peer,
            "≥ 3x Prism",
            ours >= 3 * peer,
        )
    ]


# ---- suite time ---------------------------------------------------------------------------------------------


def suite_time() -> list[Row]:
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "contract_tests.harness"], cwd=ROOT, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - started
    lines = f"{run.stdout}\n{run.stderr}".strip().splitlines()
    summary = [line for line in lines if line.startswith("contract:")]  # else: why not
    last = (summary or lines or ["no output"])[-1].replace("|", "/")
    if run.returncode != 0:
        last = f"exit {run.returncode}: {last}"
    ok = elapsed < 600 and run.returncode == 0
    return [
        Row(
            "wall time of `make contract`", f"{elapsed:.0f} s", last, None, "< 10 min, all pass", ok
        )
    ]
