"""Start-up: whole processes, timed from launch to exit. The ``misaka`` command against a
bare Python script making the same call with httpx (both against the stub served on
loopback), and ``import misaka_io`` plus a client against ``import httpx``.

Each pair of processes runs back to back, alternating which goes first, and each side's
time is the median of its runs. The report adds the five costliest imports of each process,
as ``python -X importtime`` sees them (cumulative microseconds).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.common import Row, ms
from contract_tests.stub import StubConfig, create_app
from contract_tests.stub.server import serve

ROOT = Path(__file__).resolve().parent.parent
IMPORT_MISAKA = (
    "import misaka_io\n"
    "client = misaka_io.Misaka(api_token='bench-t0ken', base_url='http://127.0.0.1:9')\n"
)
IMPORT_HTTPX = "import httpx\n"
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
    goal: float


def _misaka() -> list[str]:
    """The installed ``misaka`` script, as a user runs it (else ``python -m misaka_io``)."""
    script = Path(sys.executable).parent / "misaka"
    if script.exists():
        return [sys.executable, str(script)]
    return [sys.executable, "-m", "misaka_io"]  # pragma: no cover


def _run(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{argv} failed: {done.stderr.decode(errors='replace')[-500:]}")
    return elapsed


def paired(
    ours: list[str], peer: list[str], env: dict[str, str], pairs: int
) -> tuple[float, float]:
    """Medians of ``pairs`` runs of each process, alternating which of the two starts."""
    times: dict[int, list[float]] = {0: [], 1: []}
    _run(ours, env), _run(peer, env)  # warm the file cache
    for i in range(pairs):
        order = (0, 1) if i % 2 == 0 else (1, 0)
        for side in order:
            times[side].append(_run((ours, peer)[side], env))
    return statistics.median(times[0]), statistics.median(times[1])


def top_imports(argv: list[str], env: dict[str, str], count: int = 5) -> list[tuple[str, int]]:
    """The ``count`` imports of the process that took longest, children included."""
    done = subprocess.run(
        [argv[0], "-X", "importtime", *argv[1:]], env=env, capture_output=True, check=False
    )
    found = []
    for line in done.stderr.decode(errors="replace").splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = line.removeprefix("import time:").split("|")
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
                ours, peer = paired(case.ours, case.peer, env, pairs)
                ratio = ours / peer
                rows.append(
                    Row(
                        f"{case.measure} ({pairs} pairs of processes)",
                        ms(ours),
                        f"{case.peer_name}: {ms(peer)}",
                        ratio,
                        f"<= {case.goal:.2f}x",
                        ratio <= case.goal,
                    )
                )
                for label, argv in ((case.measure, case.ours), (case.peer_name, case.peer)):
                    tops = ", ".join(f"`{n}` {us / 1e3:.1f} ms" for n, us in top_imports(argv, env))
                    section.append(f"- {label}: {tops}")
    finally:
        shutil.rmtree(home, ignore_errors=True)
    section.append("")
    return rows, section
