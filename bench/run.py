"""``make bench``: the client's overhead, parsing speed and memory, concurrency, the stub's
throughput against Prism, and the contract suite's wall time; written to bench/results.md.

Each timing is the median of repeated runs, and every comparison is a ratio measured in
the same run (these machines are noisy). Benchmarks are not tests: nothing here asserts a
time. ``--tiny`` runs everything with small sizes (the test suite does, to prove it works).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import gc
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pydantic

from contract_tests.stub import ManualClock, StubConfig, create_app, seed
from contract_tests.stub.server import free_port, serve
from misaka_io import AsyncMisaka, Misaka
from misaka_io.models import LoginRequest, PortUsage, RecordSetList

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


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
    fns: dict[str, Callable[[], Any]], *, number: int, repeat: int, gc_off: bool = False
) -> dict[str, float]:
    """Median over ``repeat`` runs of the mean seconds per call over ``number`` calls, for each
    function, alternating them so that drift hits all alike. Each run starts after a full
    collection; ``gc_off`` also keeps the collector off while timing (as timeit does)."""
    samples: dict[str, list[float]] = {k: [] for k in fns}
    for fn in fns.values():
        fn()
    for _ in range(repeat):
        for name, fn in fns.items():
            gc.collect()
            if gc_off:
                gc.disable()
            try:
                started = time.perf_counter()
                for _ in range(number):
                    fn()
                samples[name].append((time.perf_counter() - started) / number)
            finally:
                gc.enable()
    return {k: statistics.median(v) for k, v in samples.items()}


# ---- 1. per-call overhead ----------------------------------------------------------------------

PORT = seed.PORTS[0]  # the stub's first port: a realistic small answer
LOGIN = {
    "detail": "Login successful",
    "access": "a.b.c",
    "refresh": "d.e.f",
    "access_token": "a.b.c",
    "refresh_token": "d.e.f",
    "user": {
        "id": 1042,
        "email": "noc@example.net",
        "display_name": "Kei Tanaka",
        "country": "JP",
        "is_staff": False,
        "services": ["ip-transit"],
        "modules": [{"name": "lighthouse"}],
        "teams": [{"id": "17", "name": "Example Networks NOC", "is_admin": True}],
    },
}


def overhead(number: int, repeat: int) -> list[Row]:
    port_body, login_body = json.dumps(PORT).encode(), json.dumps(LOGIN).encode()
    headers = {"content-type": "application/json"}

    def answer(request: httpx.Request) -> httpx.Response:
        body = login_body if request.url.path.endswith("/login") else port_body
        return httpx.Response(200, content=body, headers=headers)

    transport = httpx.MockTransport(answer)
    raw = httpx.Client(
        transport=transport,
        base_url="https://api.misaka.io",
        headers={"Authorization": "Token bench-t0ken"},
    )
    client = Misaka(api_token="bench-t0ken", transport=transport)
    login = LoginRequest(email="noc@example.net", password="correct-horse-battery")
    login_json = login.to_dict()
    times = interleaved(
        {
            "raw GET": lambda: json.loads(raw.get("/v3/ports/p1").content),
            "overlay GET": lambda: client.ports.get_port("p1"),
            "raw login": lambda: json.loads(raw.post("/v3/session/login", json=login_json).content),
            "overlay login": lambda: client.session.login(body=login),
        },
        number=number,
        repeat=repeat,
    )
    rows = []
    for what, label in (("GET", "small GET (Port info)"), ("login", "login")):
        ours, limit = times[f"overlay {what}"], times[f"raw {what}"]
        ratio = ours / limit
        rows.append(
            Row(
                f"per call: {label}",
                f"{ours * 1e6:.0f} µs",
                f"raw httpx + json.loads {limit * 1e6:.0f} µs",
                ratio,
                "≤ 1.2x",
                ratio <= 1.2,
            )
        )
    client.close()
    raw.close()
    return rows


# ---- 2, 3. large responses and their memory -------------------------------------------------------


class UsagePointPd(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="allow")
    time: datetime.datetime
    in_bps: int | None = None
    out_bps: int | None = None


class PortUsagePd(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="allow")
    port_id: str
    start: datetime.datetime | None = None
    end: datetime.datetime | None = None
    resolution: int | None = None
    points: list[UsagePointPd]


class RecordPd(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="allow")
    value: str


class RecordSetPd(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="allow")
    name: str
    type: str
    ttl: int | None = None
    records: list[RecordPd] | None = None
    filters: list[Any] | None = None


class RecordSetListPd(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="allow")
    count: int | None = None
    next: str | None = None
    previous: str | None = None
    results: list[RecordSetPd]


def usage_bytes(points: int) -> bytes:
    start = 1_790_000_000
    return json.dumps(
        {
            "port_id": "port-hkg1-cr1-et-0-0-3",
            "start": "2026-09-22T00:00:00Z",
            "end": "2026-10-26T17:20:00Z",
            "resolution": 300,
            "points": [
                {
                    "time": datetime.datetime.fromtimestamp(start + i * 300, datetime.UTC).strftime(
                        "%Y-%m-%dT%H:%M:%SZ"
                    ),
                    "in_bps": 41_873_920_512 + i * 7919,
                    "out_bps": 18_274_619_392 + i * 104_729,
                }
                for i in range(points)
            ],
        }
    ).encode()


def recordsets_bytes(count: int) -> bytes:
    return json.dumps(
        {
            "count": count,
            "next": None,
            "previous": None,
            "results": [
                {
                    "name": f"host-{i:05d}",
                    "type": "A" if i % 3 else "TXT",
                    "ttl": 300,
                    "enabled": True,
                    "protected": False,
                    "alias": None,
                    "records": [{"value": f"203.0.113.{i % 250}"}]
                    if i % 3
                    else [{"value": f'"v=spf1 -all {i}"'}],
                    "filters": [],
                }
                for i in range(count)
            ],
        }
    ).encode()


def peak_bytes(fn: Callable[[], Any]) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        kept = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del kept
    return peak


def large(points: int, records: int, repeat: int) -> list[Row]:
    rows = []
    cases = (
        (f"{points:,}-point port usage series", usage_bytes(points), PortUsage, PortUsagePd),
        (
            f"{records:,}-recordset listing",
            recordsets_bytes(records),
            RecordSetList,
            RecordSetListPd,
        ),
    )
    for label, data, model, peer in cases:
        fns = {
            "json": lambda data=data: json.loads(data),
            "ours": lambda data=data, model=model: model.from_dict(json.loads(data)),
            "pydantic": lambda data=data, peer=peer: peer.model_validate_json(data),
        }
        times = interleaved(fns, number=1, repeat=repeat)
        quiet = interleaved(fns, number=1, repeat=repeat, gc_off=True)
        ours, limit, rival = times["ours"], times["json"], times["pydantic"]
        rows.append(
            Row(
                f"parse {label} ({len(data) / 1e6:.2f} MB)",
                f"{ours * 1e3:.1f} ms",
                f"json.loads {limit * 1e3:.1f} ms",
                ours / limit,
                "≤ 2.5x json.loads",
                ours / limit <= 2.5,
            )
        )
        rows.append(
            Row(
                f"parse {label}: vs pydantic v2",
                f"{ours * 1e3:.1f} ms",
                f"pydantic {rival * 1e3:.1f} ms",
                ours / rival,
                "≤ 1.0x pydantic",
                ours <= rival,
            )
        )
        rows.append(
            Row(
                f"parse {label}, garbage collector off",
                f"{quiet['ours'] * 1e3:.1f} ms",
                f"json.loads {quiet['json'] * 1e3:.1f} ms; pydantic {quiet['pydantic'] * 1e3:.1f} ms",
                quiet["ours"] / quiet["json"],
                "(for comparison)",
                None,
            )
        )
        mem_ours = peak_bytes(lambda data=data, model=model: model.from_dict(json.loads(data)))
        mem_json = peak_bytes(lambda data=data: json.loads(data))
        mem_pd = peak_bytes(lambda data=data, peer=peer: peer.model_validate_json(data))
        rows.append(
            Row(
                f"peak memory, {label}",
                f"{mem_ours / 1e6:.1f} MB",
                f"raw JSON {len(data) / 1e6:.2f} MB; json.loads {mem_json / 1e6:.1f} MB; "
                f"pydantic {mem_pd / 1e6:.1f} MB",
                mem_ours / len(data),
                "(measured)",
                None,
            )
        )
    return rows


# ---- 4. concurrency ------------------------------------------------------------------------------------


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
    async with AsyncMisaka(base_url="http://127.0.0.1", transport=Counting(), **kwargs) as client:
        client._auth.clock = clock.now
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


# ---- 5. stub throughput against Prism ---------------------------------------------------------------------

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
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        if non2xx:
            raise RuntimeError(f"{url} answered {non2xx.group(1)} errors under load")
        return rps, "wrk"
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
    return float(out.strip()), "httpx load loop (wrk not installed)"


def throughput(seconds: float, connections: int, repeat: int) -> list[Row]:
    app = create_app()
    token = app.config.api_token
    stub_rps, tool = [], ""
    with serve(app) as url:
        for _ in range(repeat):
            rps, tool = load(url + ENDPOINT, token, seconds=seconds, connections=connections)
            stub_rps.append(rps)
    prism_bin = BENCH / "node_modules" / ".bin" / "prism"
    if not prism_bin.exists():
        return [
            Row(
                "stub throughput (uvicorn, 1 worker)",
                f"{statistics.median(stub_rps):.0f} req/s",
                "Prism not installed (make bench installs it)",
                None,
                "≥ 3x Prism",
                None,
            )
        ]
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
            str(ROOT / "spec" / "misaka-v3.yaml"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    prism_rps = []
    try:
        _wait_port(port)
        for _ in range(repeat):
            rps, _ = load(
                f"http://127.0.0.1:{port}{ENDPOINT}",
                token,
                seconds=seconds,
                connections=connections,
            )
            prism_rps.append(rps)
    finally:
        os.killpg(prism.pid, signal.SIGTERM)
        prism.wait(timeout=10)
    ours, peer = statistics.median(stub_rps), statistics.median(prism_rps)
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


# ---- 6. suite time ---------------------------------------------------------------------------------------------


def suite_time() -> list[Row]:
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "contract_tests.harness"], cwd=ROOT, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - started
    last = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else "no output"
    ok = elapsed < 600 and run.returncode == 0
    return [
        Row(
            "wall time of `make contract`", f"{elapsed:.0f} s", last, None, "< 10 min, all pass", ok
        )
    ]


# ---- report ------------------------------------------------------------------------------------------------------


def machine() -> list[str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), {platform.system()} "
        f"{platform.release()}",
        f"- httpx {httpx.__version__}, pydantic {pydantic.VERSION}, attrs models from openapi-python-client",
        f"- date: {datetime.datetime.now(datetime.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
    ]


def write(rows: list[Row], out: Path, argv: list[str], elapsed: float) -> None:
    head = ["measure", "value", "limit / peer", "ratio", "goal", "met"]
    lines = [
        "# Benchmarks",
        "",
        f"Made by `make bench` (`python -m bench.run {' '.join(argv)}`) in {elapsed:.0f} s. Times are medians "
        "of repeated runs, each after a full garbage collection (and, where a row says so, with the "
        "collector off while timing); each ratio compares two things measured in the same run, interleaved.",
        "",
        "| " + " | ".join(head) + " |",
        "| " + " | ".join("---" for _ in head) + " |",
    ]
    lines += ["| " + " | ".join(r.cells()) + " |" for r in rows]
    lines += ["", "## Machine", "", *machine(), ""]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--tiny", action="store_true", help="small sizes: proves the harness works")
    parser.add_argument(
        "--skip", default="", help="comma-separated: overhead,large,concurrency,throughput,suite"
    )
    parser.add_argument("--out", type=Path, default=BENCH / "results.md")
    args = parser.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    tiny = args.tiny
    started = time.perf_counter()
    rows: list[Row] = []
    steps: list[tuple[str, Callable[[], list[Row]]]] = [
        ("overhead", lambda: overhead(number=20 if tiny else 2000, repeat=3 if tiny else 9)),
        (
            "large",
            lambda: large(
                points=200 if tiny else 10_000,
                records=200 if tiny else 10_000,
                repeat=3 if tiny else 15,
            ),
        ),
        ("concurrency", lambda: concurrency(calls=50 if tiny else 1000, repeat=1 if tiny else 3)),
        (
            "throughput",
            lambda: throughput(
                seconds=1 if tiny else 10, connections=8 if tiny else 32, repeat=1 if tiny else 3
            ),
        ),
        ("suite", suite_time),
    ]
    for name, step in steps:
        if name in skip:
            continue
        print(f"bench: {name} ...", flush=True)
        rows += step()
    elapsed = time.perf_counter() - started
    write(rows, args.out, argv if argv is not None else sys.argv[1:], elapsed)
    print(args.out.read_text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
