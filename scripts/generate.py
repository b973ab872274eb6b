"""Regenerate everything the spec renders (the operation table, generated/, the facade and
api.md), or check that it is current.

``python scripts/generate.py``          rewrites, from spec/misaka-v3.yaml: the operation
                                        table (overlay/misaka_io/_table.py), generated/, the
                                        overlay's facade (overlay/misaka_io/resources/) and
                                        the API reference (api.md)
``python scripts/generate.py --check``  exits 1 (listing the differences) when either is
                                        not what a fresh generation gives
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts import generate_api_md, generate_facade, optable

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "misaka-v3.yaml"
CONFIG = ROOT / "scripts" / "openapi-python-client.yaml"
# Our own templates, tried before the generator's: the models (msgspec Structs), the endpoint
# modules (request builders, no I/O) and the shared wire layer (types.py, which includes the
# plain module templates/wire.py: decode; and _model_base.py, a copy of templates/model_base.py:
# the models' base and their unknown keys; both linted and type-checked like any module).
TEMPLATES = ROOT / "scripts" / "templates"
PACKAGE = "misaka_io_generated"
TARGET = ROOT / "generated" / PACKAGE
JUNK = {".ruff_cache", "__pycache__", ".gitignore"}


def _tool(name: str) -> str:
    """The console script next to this interpreter (the project venv), else on PATH."""
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else name


def generate_into(folder: Path) -> Path:
    """Run openapi-python-client into ``folder/<package>`` and return that path."""
    out = folder / PACKAGE
    env = dict(os.environ)
    # The post hooks call ruff: make sure the venv's ruff is the one found.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    result = subprocess.run(
        [
            _tool("openapi-python-client"),
            "generate",
            "--path",
            str(SPEC),
            "--config",
            str(CONFIG),
            "--custom-template-path",
            str(TEMPLATES),
            "--meta",
            "none",
            "--output-path",
            str(out),
            "--overwrite",
            "--fail-on-warning",
        ],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0 or not out.is_dir():
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"openapi-python-client failed (exit {result.returncode})")
    for junk in JUNK:
        for path in list(out.rglob(junk)):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    # PEP 561 marker: the generated package ships its annotations.
    (out / "py.typed").write_text("")
    # The models' base and their unknown keys: a plain module beside types.py (which imports it).
    base = out / "_model_base.py"
    shutil.copyfile(TEMPLATES / "model_base.py", base)
    subprocess.run(
        [_tool("ruff"), "format", "--isolated", "-q", str(base)], check=True
    )  # as the rest
    return out


def tree_differences(expected: Path, actual: Path) -> list[str]:
    """Relative paths that are missing, extra or different in ``actual``."""

    def files(base: Path) -> set[str]:
        return {
            p.relative_to(base).as_posix()
            for p in base.rglob("*")
            if p.is_file() and not (set(p.relative_to(base).parts) & JUNK)
        }

    want, have = files(expected), files(actual) if actual.is_dir() else set()
    out = [f"missing: {p}" for p in sorted(want - have)]
    out += [f"extra: {p}" for p in sorted(have - want)]
    out += [
        f"differs: {p}"
        for p in sorted(want & have)
        if not filecmp.cmp(expected / p, actual / p, shallow=False)
    ]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare, change nothing")
    args = parser.parse_args()
    # The operation table first: the facade, api.md and the command line are made from it;
    # openapi-python-client renders generated/ from the same spec.
    table = optable.render()
    facade = generate_facade.formatted()
    api_md = generate_api_md.render(generate_facade.methods())
    with tempfile.TemporaryDirectory(prefix="misaka-gen-") as tmp:
        fresh = generate_into(Path(tmp))
        if args.check:
            diff = tree_differences(fresh, TARGET) + optable.differences(table)
            diff += generate_facade.differences(facade) + generate_api_md.differences(api_md)
            if diff:
                print("generated code is not a fresh generation of the spec; run `make generate`:")
                print("\n".join(f"  {line}" for line in diff))
                return 1
            print(f"generated/, the operation table, the facade and api.md match {SPEC.name}")
            return 0
        if TARGET.exists():
            shutil.rmtree(TARGET)
        TARGET.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(fresh, TARGET)
    optable.TARGET.write_text(table, encoding="utf-8")
    generate_facade.write(facade)
    generate_api_md.write(api_md)
    print(f"regenerated {TARGET.relative_to(ROOT)}, the operation table, the facade and api.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
