"""misaka_io.testing under pytest-xdist, as a host project runs it: each worker's tests get a
stub, a config directory and DNS write locks of their own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HOST_TESTS = """
import json
import os

import pytest
from misaka_io import DnsRecords, Misaka


@pytest.mark.misaka(zones=["example.net"])
@pytest.mark.parametrize("n", range(4))
def test_each_worker_writes_the_same_name_in_a_stub_of_its_own(misaka_mock, worker_id, n):
    value = f"{worker_id}-{n}"
    with Misaka() as client:
        written = DnsRecords(client, lock_wait=5).add("www.example.net", "TXT", [value])
    assert written.values == (value,)  # nothing of another test's stub
    seen = {"worker": worker_id, "locks": os.environ["MISAKA_LOCK_DIR"],
            "config": os.environ["MISAKA_CONFIG_DIR"]}
    with open(f"seen-{worker_id}-{n}.json", "w") as out:
        json.dump(seen, out)
"""


def test_a_host_projects_tests_under_xdist_share_no_stub_lock_or_config(tmp_path: Path) -> None:
    (tmp_path / "test_host.py").write_text(HOST_TESTS)
    ran = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ran.returncode == 0, ran.stdout[-3000:] + ran.stderr[-2000:]
    assert "4 passed" in ran.stdout
    seen = [json.loads(p.read_text()) for p in tmp_path.glob("seen-*.json")]
    assert {s["worker"] for s in seen} == {"gw0", "gw1"}  # both workers ran tests
    assert len({s["locks"] for s in seen}) == 4 and len({s["config"] for s in seen}) == 4
