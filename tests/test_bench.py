"""`make bench` works end to end with tiny sizes (no timing is asserted: that is what the
benchmark's own report is for)."""

from __future__ import annotations

from pathlib import Path

from bench.run import main


def test_bench_harness_writes_its_table(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    assert main(["--tiny", "--skip", "suite", "--out", str(out)]) == 0
    text = out.read_text()
    for measure in (
        "start-up: `misaka -o json ports list --limit 1`",
        "bare httpx script, same call",
        "start-up: `import misaka_io` and a client",
        "`import httpx`",
        "## Start-up: the costliest imports",
        "per call: small GET",
        "per call: login",
        "parse 200-point port usage series",
        "`decode` (type-checked)",
        "vs pydantic v2, garbage collector on",
        "vs pydantic v2, garbage collector off",
        "vs plain msgspec Structs",
        "vs orjson.loads",
        "vs stock openapi-python-client template",
        "a new field in every record, later answers (key learned)",
        "a new field in every record, the first answer (the walk)",
        "msgspec into attrs classes",
        "peak memory, 200-recordset listing",
        "iterate a 200-item listing in pages of 20",
        "50 concurrent async calls",
        "concurrent async calls (`asyncio.gather`), in-process stub, vs raw httpx",
        "token expiring mid-run",
        "stub throughput",
        "## What each step bought",
        "## Machine",
    ):
        assert measure in text, measure
    # the one non-timing fact it reports: a mid-run expiry costs exactly one refresh
    line = next(row for row in text.splitlines() if "token expiring mid-run" in row)
    assert "refreshes per run: [1]" in line
    # both walks of the listing fetched the same pages (the harness checks the count)
    line = next(row for row in text.splitlines() if "iterate a 200-item listing" in row)
    assert "the same 10 pages by hand" in line
    # the steps of the model template start from the stock one, generated and measured
    steps = text.split("## What each step bought", 1)[1]
    stock = next(row for row in steps.splitlines() if "stock openapi-python-client" in row)
    assert " ms | " in stock
    assert steps.index("stock openapi-python-client template") < steps.index("msgspec Structs")
