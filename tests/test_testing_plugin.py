"""The pytest plugin of misaka_io.testing as a host project meets it: the misaka_mock fixture,
the misaka marker, and a fault never met failing its test (run in a pytest of its own)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# The host's conftest: each failed phase of each test, as JSON lines (name, phase, text).
REPORTER = """
import json

def pytest_runtest_logreport(report):
    if report.failed:
        with open("outcomes.jsonl", "a") as out:
            name = report.nodeid.rpartition("::")[2]
            out.write(json.dumps([name, report.when, report.longreprtext[-2000:]]) + "\\n")
"""

HOST_TESTS = """
import pytest
from misaka_io import Misaka
from misaka_io.testing import ManualClock


def zones_of_my_code():
    with Misaka() as client:
        return [zone.name for zone in client.dns.list_zones()]


@pytest.mark.misaka(zones=["example.net"], recordsets=[("example.net", "www", "A", ["192.0.2.1"])])
def test_mock_fixture_with_marker(misaka_mock):
    assert zones_of_my_code() == ["example.net"]
    assert misaka_mock.requests.last.operation == "dns.list_zones"


@pytest.mark.misaka(clock=1_800_000_000)
def test_marker_clock(misaka_client):
    zone = misaka_client.dns.create_zone(body={"name": "example.org"})
    assert zone.created_at.timestamp() == 1_800_000_000


def test_unmet_fault_fails(misaka_stub):
    misaka_stub.fail("dns.update_recordset", status=503)


def test_unmet_fault_let_go_per_fault(misaka_stub):
    misaka_stub.fail("dns.update_recordset", required=False)


@pytest.mark.misaka(assert_all_met=False)
def test_unmet_fault_let_go_per_test(misaka_stub):
    misaka_stub.fail("dns.update_recordset")


def test_failing_test_reports_only_its_own_failure(misaka_stub):
    misaka_stub.fail("dns.update_recordset")
    assert False, "the test's own failure"


def test_other_host_fails(misaka_mock):
    import httpx
    try:
        httpx.get("https://example.com/")
    except Exception:
        pass
"""


def test_the_plugin_in_a_host_project(tmp_path: Path) -> None:
    (tmp_path / "test_host.py").write_text(HOST_TESTS)
    (tmp_path / "conftest.py").write_text(REPORTER)
    ran = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    passing = ("test_mock_fixture_with_marker", "test_marker_clock",
               "test_unmet_fault_let_go_per_fault", "test_unmet_fault_let_go_per_test")  # fmt: skip
    outcomes: dict[str, list[str]] = {name: [] for name in passing}
    lines = (tmp_path / "outcomes.jsonl").read_text().splitlines()
    for name, when, text in map(json.loads, lines):
        outcomes.setdefault(name, []).append(f"{when}: {text}")
    assert outcomes["test_mock_fixture_with_marker"] == [], ran.stdout[-3000:]
    assert outcomes["test_marker_clock"] == [], ran.stdout[-3000:]
    assert outcomes["test_unmet_fault_let_go_per_fault"] == []
    assert outcomes["test_unmet_fault_let_go_per_test"] == []
    (unmet,) = outcomes["test_unmet_fault_fails"]
    assert unmet.startswith("teardown:") and "HTTP 503 on dns.update_recordset" in unmet
    (own,) = outcomes["test_failing_test_reports_only_its_own_failure"]
    assert own.startswith("call:") and "the test's own failure" in own
    (other,) = outcomes["test_other_host_fails"]
    assert "GET https://example.com/" in other
