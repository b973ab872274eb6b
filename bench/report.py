"""bench/results.md: the table of rows, the sections a benchmark adds, and the machine."""

from __future__ import annotations

import datetime
import os
import platform
from pathlib import Path

import httpx
import msgspec
import orjson
import pydantic

from bench.common import Row

HEAD = ["measure", "value", "limit / peer", "ratio", "goal", "met"]


def machine(load_before: float) -> list[str]:
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
        f"- Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.system()} {platform.release()}",
        f"- httpx {httpx.__version__}, msgspec {msgspec.__version__}, orjson {orjson.__version__}, "
        f"pydantic {pydantic.VERSION}; models: msgspec Structs from our openapi-python-client template",
        f"- load average (1 min) at the start {load_before:.2f}, at the end {os.getloadavg()[0]:.2f} "
        "(above the core count, other work shared the machine and the absolute times suffer)",
        f"- date: {datetime.datetime.now(datetime.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
    ]


def write(
    rows: list[Row],
    sections: list[str],
    out: Path,
    argv: list[str],
    elapsed: float,
    load_before: float,
) -> None:
    lines = [
        "# Benchmarks",
        "",
        f"Made by `make bench` (`python -m bench.run {' '.join(argv)}`) in {elapsed:.0f} s. Times are medians "
        "of repeated runs, each after a full garbage collection (and, where a row says so, with the "
        "collector off while timing); each ratio compares two things measured in the same run, interleaved.",
        "",
        "| " + " | ".join(HEAD) + " |",
        "| " + " | ".join("---" for _ in HEAD) + " |",
    ]
    lines += ["| " + " | ".join(r.cells()) + " |" for r in rows]
    lines += ["", *sections, "## Machine", "", *machine(load_before), ""]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")
