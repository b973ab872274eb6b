"""Start-up: whole processes, timed from launch to exit. The ``misaka`` command against a
bare Python script making the same call with httpx (both against the stub served on
loopback), and ``import misaka_io`` plus a client against ``import httpx``. The command is
also run through ``main()`` (exiting as a plain script does) to show apart what the console
script's ``gc.freeze()`` before the exit buys.

Each pair of processes runs back to back, alternating which goes first, and each side's
time is the median of its runs: wall time (the ratio), and the CPU time (user + system) the
process used, which suffers less when other work shares the machine. The report adds the
five costliest imports of each process, as ``python -X importtime`` sees them (the
outermost ones, their children included)."""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.common import Row, ms
from misaka_io.testing.stub import StubConfig, create_app
from misaka_io.testing.stub.server import serve

ROOT = Path(__file__).resolve().parent.parent
IMPORT_MISAKA = (
    "import misaka_io\n"
    "client = misaka_io.Misaka(api_token='bench-t0ken', base_url='http://127.0.0.1:9')\n"
)
IMPORT_HTTPX = "import httpx\n"
# The same command through ``main()``, exiting as any script does: without the console
# script's ``gc.freeze()`` before the exit (what that step buys, measured apart).
MAIN_CALL = (
    "import sys\nfrom misaka_io.cli import main\n"
    "sys.exit(main(['-o', 'json', 'ports', 'list', '--limit', '1']))\n"
)
# What ``misaka -o json ports list --limit 1`` does, written by hand.
BARE_CALL = """\
import json, os, sys
import httpx
answer = httpx.get(
    os.environ["MISAKA_BASE_URL"] + "/v3/ports",
    params={"limit": 1},
    headers={"Authorization": "Token " + os.environ["MISAKA_API_TOKEN"]},
)
answer.raise_for_status()
sys.stdout.write(json.dumps(answer.json()["results"], indent=2) + "\\n")
"""


@dataclass
class Pair:
    measure: str
    ours: list[str]
    peer_name: str
    peer: list[str]
    goal: float | None  # None: measured, no goal


def _misaka() -> list[str]:
    """The installed ``misaka`` script, as a user runs it (else ``python -m misaka_io``)."""
    script = Path(sys.executable).parent / "misaka"
    if script.exists():
        return [sys.executable, str(script)]
    return [sys.executable, "-m", "misaka_io"]  # pragma: no cover


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of ``argv``."""
    cpu, started = _cpu(), time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{argv} failed: {done.stderr.decode(errors='replace')[-500:]}")
    return elapsed, _cpu() - cpu


def paired(
    ours: list[str], peer: list[str], env: dict[str, str], pairs: int
) -> list[tuple[float, float]]:
    """(wall, CPU) medians of ``pairs`` runs of each process (ours, then the peer's),
    alternating which of the two starts."""
    times: dict[int, list[tuple[float, float]]] = {0: [], 1: []}
    _run(ours, env), _run(peer, env)  # warm the file cache
    for i in range(pairs):
        order = (0, 1) if i % 2 == 0 else (1, 0)
        for side in order:
            times[side].append(_run((ours, peer)[side], env))
    return [
        (statistics.median(t[0] for t in runs), statistics.median(t[1] for t in runs))
        for runs in (times[0], times[1])
    ]


def top_imports(argv: list[str], env: dict[str, str], count: int = 5) -> list[tuple[str, int]]:
    """The ``count`` outermost imports of the process that took longest, children included
    (an import inside another is counted in it, not listed again)."""
    done = subprocess.run(
        [argv[0], "-X", "importtime", *argv[1:]], env=env, capture_output=True, check=False
    )
    found = []
    for line in done.stderr.decode(errors="replace").splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = line.removeprefix("import time:").split("|")
        if not name[1:].startswith(" "):  # nested imports are indented
            found.append((name.strip(), int(cumulative)))
    return sorted(found, key=lambda item: -item[1])[:count]


def _env(base_url: str, token: str, home: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MISAKA_", "PYTHON"))}
    env.update(
        MISAKA_BASE_URL=base_url,
        MISAKA_API_TOKEN=token,
        MISAKA_CONFIG_DIR=str(Path(home) / "config"),
        HOME=home,
        PYTHONPATH=str(ROOT),
    )
    return env


def startup(pairs: int) -> tuple[list[Row], list[str]]:
    app = create_app(StubConfig())
    home = tempfile.mkdtemp(prefix="misaka-bench-")
    python = [sys.executable]
    cases = [
        Pair(
            "start-up: `misaka -o json ports list --limit 1`",
            [*_misaka(), "-o", "json", "ports", "list", "--limit", "1"],
            "bare httpx script, same call",
            [*python, "-c", BARE_CALL],
            1.15,
        ),
        Pair(
            "start-up: the same command through `main()`, without the exit's `gc.freeze()`",
            [*python, "-c", MAIN_CALL],
            "bare httpx script, same call",
            [*python, "-c", BARE_CALL],
            None,
        ),
        Pair(
            "start-up: `import misaka_io` and a client",
            [*python, "-c", IMPORT_MISAKA],
            "`import httpx`",
            [*python, "-c", IMPORT_HTTPX],
            1.25,
        ),
    ]
    rows, section = [], ["## Start-up: the costliest imports", ""]
    try:
        with serve(app) as base_url:
            env = _env(base_url, app.config.api_token, home)
            for case in cases:
                (ours, ours_cpu), (peer, peer_cpu) = paired(case.ours, case.peer, env, pairs)
                ratio = ours / peer
                rows.append(
                    Row(
                        f"{case.measure} ({pairs} pairs of processes)",
                        f"{ms(ours)} (CPU {ms(ours_cpu)}, {ours_cpu / peer_cpu:.2f}x)",
                        f"{case.peer_name}: {ms(peer)} (CPU {ms(peer_cpu)})",
                        ratio,
                        "(measured)" if case.goal is None else f"<= {case.goal:.2f}x",
                        None if case.goal is None else ratio <= case.goal,
                    )
                )
                if case.goal is None:
                    continue  # the same imports as the command's row
                for label, argv in ((case.measure, case.ours), (case.peer_name, case.peer)):
                    tops = ", ".join(f"`{n}` {us / 1e3:.1f} ms" for n, us in top_imports(argv, env))
                    section.append(f"- {label}: {tops}")
    finally:
        shutil.rmtree(home, ignore_errors=True)
    section.append("")
    return rows, section
