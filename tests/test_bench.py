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
        "per call: small GET",
        "per call: login",
        "parse 200-point port usage series",
        "vs pydantic v2",
        "peak memory, 200-recordset listing",
        "50 concurrent async calls",
        "token expiring mid-run",
        "stub throughput",
        "## Machine",
    ):
        assert measure in text, measure
    # the one non-timing fact it reports: a mid-run expiry costs exactly one refresh
    line = next(row for row in text.splitlines() if "token expiring mid-run" in row)
    assert "refreshes per run: [1]" in line
