"""The peers our parse step is measured against, for the same two answers:

- pydantic v2 models (unknown keys kept, as ours keep them);
- plain msgspec Structs, typed like our models but without their extras (the practical limit
  of a typed decode);
- the stock openapi-python-client model template (the peer this project started from) and
  our previous attrs template (the step between), both generated from the spec at bench time
  into a temporary folder and imported from there.
"""

from __future__ import annotations

import contextlib
import datetime
import importlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import attrs
import msgspec
import pydantic

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "misaka-v3.yaml"
# The last commit whose models were attrs classes made by our own template.
OLD_TEMPLATE_COMMIT = "6e9b3a8"

# ---- pydantic v2 ------------------------------------------------------------------------------


class UsagePointPd(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="allow")
    time: datetime.datetime
    in_bps: int | None = None
    out_bps: int | None = None


class PortUsagePd(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="allow")
    port_id: str
    start: datetime.datetime | None = None
    end: datetime.datetime | None = None
    resolution: int | None = None
    points: list[UsagePointPd]


class RecordPd(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="allow")
    value: str


class RecordSetPd(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="allow")
    name: str
    type: str
    ttl: int | None = None
    records: list[RecordPd] | None = None
    filters: list[Any] | None = None


class RecordSetListPd(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="allow")
    count: int | None = None
    next: str | None = None
    previous: str | None = None
    results: list[RecordSetPd]


# ---- plain msgspec Structs --------------------------------------------------------------------

Unset = msgspec.UnsetType
UNSET = msgspec.UNSET


class UsagePointMs(msgspec.Struct, kw_only=True):
    time: datetime.datetime
    in_bps: int | Unset = UNSET
    out_bps: int | Unset = UNSET


class PortUsageMs(msgspec.Struct, kw_only=True):
    port_id: str
    points: list[UsagePointMs]
    start: datetime.datetime | Unset = UNSET
    end: datetime.datetime | Unset = UNSET
    resolution: int | Unset = UNSET


class RecordMs(msgspec.Struct, kw_only=True):
    value: str


class RecordSetMs(msgspec.Struct, kw_only=True):
    name: str
    type: str
    ttl: int | Unset = UNSET
    records: list[RecordMs] | Unset = UNSET
    filters: list[Any] | Unset = UNSET


class RecordSetListMs(msgspec.Struct, kw_only=True):
    results: list[RecordSetMs]
    count: int | Unset | None = UNSET
    next: str | Unset | None = UNSET
    previous: str | Unset | None = UNSET


# ---- attrs classes read by msgspec (the design card's choice), the recorded recordset shape ------


@attrs.define(kw_only=True)
class RecordAt:
    value: str


@attrs.define(kw_only=True)
class RecordSetAt:
    name: str
    type: str
    ttl: int
    enabled: bool
    protected: bool
    alias: str | None
    records: list[RecordAt]
    filters: list[Any]


@attrs.define(kw_only=True)
class RecordSetListAt:
    results: list[RecordSetAt]
    count: int | None = None
    next: str | None = None
    previous: str | None = None


# ---- generated peers ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Generated:
    """The PortUsage and RecordSetList classes of one generated client (None: not available,
    with the reason)."""

    port_usage: Any
    recordset_list: Any
    missing: str = ""


def _generate(out: Path, templates: Path | None) -> subprocess.Popen[bytes]:
    tool = Path(sys.executable).parent / "openapi-python-client"
    command = [str(tool if tool.exists() else "openapi-python-client"), "generate"]
    command += ["--path", str(SPEC), "--meta", "none", "--output-path", str(out)]
    if templates is not None:
        command += ["--custom-template-path", str(templates)]
    env = dict(os.environ)
    # Its post hooks call ruff: the venv's.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.Popen(
        command, cwd=out.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )


def _old_template(folder: Path) -> Path | None:
    """Our model template as it was at OLD_TEMPLATE_COMMIT, or None without that history."""
    git = shutil.which("git")
    if git is None:
        return None
    found = subprocess.run(
        [git, "show", f"{OLD_TEMPLATE_COMMIT}:scripts/templates/model.py.jinja"],
        cwd=ROOT,
        capture_output=True,
    )
    if found.returncode != 0:
        return None
    folder.mkdir()
    (folder / "model.py.jinja").write_bytes(found.stdout)
    return folder


def _load(folder: Path, package: str, run: subprocess.Popen[bytes] | None) -> Generated:
    if run is None:
        return Generated(None, None, f"no git history of commit {OLD_TEMPLATE_COMMIT}")
    output, _ = run.communicate(timeout=300)
    if run.returncode != 0:
        raise RuntimeError(f"openapi-python-client failed for {package}:\n{output.decode()}")
    models = importlib.import_module(f"{package}.models")
    return Generated(models.PortUsage, models.RecordSetList)


@contextlib.contextmanager
def generated_peers() -> Iterator[tuple[Generated, Generated]]:
    """The stock template's models and our old template's, generated (in parallel) into a
    temporary folder that is importable while the context lasts."""
    packages = ("bench_stock_client", "bench_old_client")
    with tempfile.TemporaryDirectory(prefix="misaka-bench-") as tmp:
        folder = Path(tmp)
        old = _old_template(folder / "old_templates")
        runs = (
            _generate(folder / packages[0], None),
            None if old is None else _generate(folder / packages[1], old),
        )
        sys.path.insert(0, tmp)
        try:
            yield _load(folder, packages[0], runs[0]), _load(folder, packages[1], runs[1])
        finally:
            sys.path.remove(tmp)
            for name in [m for m in sys.modules if m.split(".")[0] in packages]:
                del sys.modules[name]
