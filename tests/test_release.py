"""``make release``: the class of a change, the bump, the drafted entry, the API diff."""

from __future__ import annotations

import copy
import datetime
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from misaka_io.spec import load_spec
from scripts import release, spec_diff

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def spec() -> dict[str, Any]:
    return copy.deepcopy(load_spec())


def _first_operation(doc: dict[str, Any]) -> tuple[str, str]:
    path = next(iter(doc["paths"]))
    method = next(m for m in doc["paths"][path] if m in ("get", "post", "put", "delete"))
    return path, method


def test_a_removed_operation_is_breaking(spec: dict[str, Any]) -> None:
    head = copy.deepcopy(spec)
    path, method = _first_operation(head)
    del head["paths"][path][method]
    assert release.classify(spec_diff.diff(spec, head), []) == "breaking"


def test_a_new_operation_is_an_addition(spec: dict[str, Any]) -> None:
    base = copy.deepcopy(spec)
    path, method = _first_operation(base)
    del base["paths"][path][method]
    assert release.classify(spec_diff.diff(base, spec), []) == "addition"


def test_a_description_only_is_a_patch(spec: dict[str, Any]) -> None:
    head = copy.deepcopy(spec)
    path, method = _first_operation(head)
    head["paths"][path][method]["description"] = "Said another way."
    changes = spec_diff.diff(spec, head)
    assert changes and release.classify(changes, []) == "patch"


def test_no_spec_change_but_an_api_break_is_breaking() -> None:
    assert release.classify([], ["`misaka_io.Misaka.login`: Parameter was removed"]) == "breaking"


@pytest.mark.parametrize(
    ("version", "kind", "new"),
    [
        ("0.2.0", "breaking", "0.3.0"),
        ("0.2.3", "addition", "0.3.0"),
        ("0.2.3", "patch", "0.2.4"),
        ("1.4.2", "breaking", "2.0.0"),
        ("1.4.2", "addition", "1.5.0"),
        ("1.4.2", "patch", "1.4.3"),
    ],
)
def test_bump_follows_the_class(version: str, kind: release.Kind, new: str) -> None:
    assert release.bump(version, kind) == new


def test_the_entry_goes_under_unreleased_and_keeps_what_was_there() -> None:
    changelog = "# Changelog\n\n## [Unreleased]\n\n### Fixed\n- a fix\n\n## [0.2.0] - 2026-11-28\n"
    change = spec_diff.Change(False, "operation added", "list_things", "GET /v3/things", "new")
    drafted = release.entry("0.3.0", datetime.date(2026, 12, 1), [change], [])
    out = release.insert(changelog, drafted)
    assert out.index("## [Unreleased]") < out.index("## [0.3.0] - 2026-12-01")
    assert out.index("## [0.3.0]") < out.index("- a fix") < out.index("## [0.2.0]")
    assert "`list_things` GET /v3/things" in out


def _package(root: Path, source: str) -> Path:
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "__init__.py").write_text(source)
    return root


def test_griffe_finds_a_removed_parameter_and_a_removed_name(tmp_path: Path) -> None:
    import griffe

    old = _package(tmp_path / "old", "def call(a: int, limit: int = 10) -> int: ...\nX = 1\n")
    new = _package(tmp_path / "new", "def call(a: int) -> int: ...\n")
    breaks = release.api_breaks_between(
        griffe.load("pkg", search_paths=[old]), griffe.load("pkg", search_paths=[new])
    )
    assert any("pkg.call" in b and "limit" in b for b in breaks), breaks
    assert any("pkg.X" in b for b in breaks), breaks


def test_set_version_writes_the_three_places(tmp_path: Path) -> None:
    (tmp_path / "spec").mkdir()
    (tmp_path / "overlay" / "misaka_io").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text('[project]\nversion = "0.2.0"\n')
    (tmp_path / "spec" / "misaka-v3.yaml").write_text("info:\n  version: 0.2.0\n")
    version_file = tmp_path / "overlay" / "misaka_io" / "_version.py"
    version_file.write_text('__version__ = "0.2.0"\n')
    release.set_version(tmp_path, "0.2.0", "0.3.0")
    assert 'version = "0.3.0"' in (tmp_path / "pyproject.toml").read_text()
    assert "  version: 0.3.0" in (tmp_path / "spec" / "misaka-v3.yaml").read_text()
    assert '"0.3.0"' in version_file.read_text()


def test_make_release_dry_run_writes_nothing() -> None:
    before = subprocess.run(
        ["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True
    )
    done = subprocess.run(
        [sys.executable, "scripts/release.py", "--dry-run", "--base", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "since HEAD:" in done.stdout and "version " in done.stdout
    after = subprocess.run(
        ["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True
    )
    assert after.stdout == before.stdout
