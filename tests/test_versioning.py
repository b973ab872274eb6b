"""The version rule: package, overlay and spec carry one number, and the changelog knows it."""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

import yaml

import misaka_io

ROOT = Path(__file__).resolve().parent.parent


def test_one_version_everywhere() -> None:
    package = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    spec = yaml.safe_load((ROOT / "spec" / "misaka-v3.yaml").read_text())["info"]["version"]
    fix = "run `make release`: it writes the version into all three places"
    assert package == spec == misaka_io.__version__, fix


def test_changelog_has_the_current_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text()
    assert "## [Unreleased]" in text, "CHANGELOG.md keeps a '## [Unreleased]' heading"
    assert re.search(
        rf"^## \[{re.escape(misaka_io.__version__)}\] - \d{{4}}-\d{{2}}-\d{{2}}$", text, re.M
    ), "run `make release`: it writes the version's CHANGELOG entry"


def test_make_regenerate_is_wired(tmp_path: Path) -> None:
    # A dry run: the target lints the spec, regenerates, formats, runs the harness and ends
    # with the operations summary against HEAD.
    run = subprocess.run(["make", "-n", "regenerate"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    steps = run.stdout
    order = [
        steps.index(s)
        for s in (
            "check_spec.py",
            "generate.py",
            "ruff format",
            "contract_tests.harness",
            "spec_diff.py HEAD --summary",
        )
    ]
    assert order == sorted(order)
