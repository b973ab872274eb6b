"""The generation pipeline: generated/ is exactly what the spec gives, and ships."""

from __future__ import annotations

import importlib
import inspect
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from misaka_io.spec import ROOT, operations
from scripts.generate import TARGET, generate_into, tree_differences
from scripts.generate_facade import differences, formatted


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_into(tmp_path_factory.mktemp("gen"))


def test_generated_equals_a_fresh_generation(fresh: Path) -> None:
    assert tree_differences(fresh, TARGET) == [], "run `make generate` and commit the result"


def test_facade_equals_a_fresh_generation(fresh: Path) -> None:
    assert differences(formatted()) == [], "run `make generate`"


def test_every_operation_is_reachable_from_both_clients() -> None:
    from misaka_io import AsyncMisaka, Misaka

    sync = Misaka(api_token="t0ken-for-a-test", base_url="http://127.0.0.1")
    async_ = AsyncMisaka(api_token="t0ken-for-a-test", base_url="http://127.0.0.1")
    for op in operations():
        group = op.data["tags"][0].replace("-", "_")
        assert callable(getattr(getattr(sync, group), op.operation_id)), op.operation_id
        method = getattr(getattr(async_, group), op.operation_id)
        # a listing returns an AsyncPaginator (awaitable, and async-iterable) instead
        listing = "AsyncPaginator[" in str(inspect.signature(method).return_annotation)
        assert inspect.iscoroutinefunction(method) or listing, op.operation_id
    sync.close()


def test_drift_check_notices_an_edit(fresh: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(TARGET, copy)
    (copy / "client.py").write_text((copy / "client.py").read_text() + "\n# edited\n")
    (copy / "models" / "zone.py").unlink()
    (copy / "extra.py").write_text("")
    assert tree_differences(fresh, copy) == [
        "missing: models/zone.py",
        "extra: extra.py",
        "differs: client.py",
    ]


def test_every_operation_has_a_generated_request_builder() -> None:
    for op in operations():
        tag = op.data["tags"][0].replace("-", "_")
        module = importlib.import_module(f"misaka_io_generated.api.{tag}.{op.operation_id}")
        assert callable(module.build_request), op.operation_id
        declared = module.OPERATION
        assert (declared.method, declared.path) == (op.method.upper(), op.path)
        assert set(declared.responses) == {int(code) for code in op.data["responses"]}


def test_generated_package_is_typed() -> None:
    assert (TARGET / "py.typed").is_file()


def test_wheel_ships_both_packages(tmp_path: Path) -> None:
    hatchling = Path(sys.executable).parent / "hatchling"
    assert hatchling.exists(), "hatchling (pinned in requirements.in) is missing: run make setup"
    subprocess.run(
        [str(hatchling), "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("misaka_io-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "misaka_io_generated/py.typed" in names
    assert "misaka_io_generated/api/dns/create_recordset.py" in names
    assert "misaka_io/__init__.py" in names and "misaka_io/py.typed" in names
    assert not any(n.startswith(("contract_tests/", "tests/")) for n in names)
