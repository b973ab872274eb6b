"""The nightly live workflow records the run and, on drift, opens a pull request with the spec
proposal, from a job that never sees the API token."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import yaml

from misaka_io.spec import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "live-drift.yml"


def jobs() -> dict[str, Any]:
    found: dict[str, Any] = yaml.safe_load(WORKFLOW.read_text())["jobs"]
    return found


def steps_running(job: dict[str, Any], text: str) -> list[dict[str, Any]]:
    return [s for s in job["steps"] if text in s.get("run", "")]


def test_the_live_job_records_every_answer_and_keeps_the_recording() -> None:
    live = jobs()["live"]
    (check,) = steps_running(live, "contract_tests.harness --live")
    assert "--record reports/recorded" in check["run"]
    assert 'grep -rqF -- "$MISAKA_API_TOKEN" reports/' in check["run"]  # never kept if found
    assert live["outputs"]["status"] == "${{ steps.check.outputs.status }}"
    kept = [s for s in live["steps"] if s.get("with", {}).get("name") == "live-recording"]
    assert kept and kept[0]["with"]["path"] == "reports/recorded/"


def test_drift_opens_a_pull_request_with_the_proposal_from_a_job_without_the_token() -> None:
    propose = jobs()["propose"]
    assert propose["needs"] == "live" and propose["if"] == "needs.live.outputs.status == '1'"
    assert "environment" not in propose  # the environment holds the API token
    assert "secrets." not in yaml.safe_dump(propose)
    assert propose["permissions"] == {"contents": "write", "pull-requests": "write"}
    (apply,) = steps_running(propose, "make propose-spec")
    assert apply["run"] == "make propose-spec FROM=reports/recorded APPLY=1"
    (pull,) = steps_running(propose, "gh pr create")
    assert "--body-file reports/spec-proposal.md" in pull["run"]
    assert "git status --porcelain" in pull["run"]  # no change, no pull request


def test_only_the_check_step_sees_the_api_token() -> None:
    text = WORKFLOW.read_text()
    assert text.count("secrets.") == 1
    (check,) = [s for s in jobs()["live"]["steps"] if "MISAKA_API_TOKEN" in s.get("env", {})]
    assert "make" not in check["run"] and "pip" not in check["run"]  # it installs nothing


def test_the_workflows_are_valid_and_zizmor_pedantic_clean() -> None:
    bin_dir = Path(ROOT / ".venv" / "bin")
    files = sorted(str(p) for p in WORKFLOW.parent.glob("*.yml"))
    schema = subprocess.run(
        [str(bin_dir / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *files],
        capture_output=True,
        text=True,
    )
    assert schema.returncode == 0, schema.stdout + schema.stderr
    audit = subprocess.run(
        [str(bin_dir / "zizmor"), "--offline", "--quiet", "--pedantic", str(WORKFLOW.parent)],
        capture_output=True,
        text=True,
    )
    assert audit.returncode == 0, audit.stdout + audit.stderr
