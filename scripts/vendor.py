"""Copy the client (overlay + generated code) into another project under a package name of
the user's choosing.

    python scripts/vendor.py DEST [--package NAME] [--force]

Writes DEST/NAME/ (the overlay) with the generated client at DEST/NAME/_generated/, rewrites
the internal imports to the new names, and records what it wrote in DEST/NAME/VENDORED.md
(spec version and sha256, generator version, source commit, runtime dependencies) and
DEST/NAME/.vendored-files (each file with its sha256).

Vendoring again into the same place replaces the files it wrote before and removes those it
no longer writes. Files the user added there are left alone. A vendored file the user
changed stops the command (listing them) unless --force is given.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
OVERLAY = ROOT / "overlay" / "misaka_io"
GENERATED = ROOT / "generated" / "misaka_io_generated"
SPEC = ROOT / "spec" / "misaka-v3.yaml"
MANIFEST = ".vendored-files"
SKIP = {"__pycache__", ".mypy_cache", ".ruff_cache"}
IMPORT = re.compile(r"^(\s*)(from|import)(\s+)(misaka_io_generated|misaka_io)(?=[\s.,])", re.M)


class VendorError(Exception):
    pass


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def rewrite(source: str, package: str) -> str:
    """Point the imports of the two packages at their vendored names."""

    def swap(match: re.Match[str]) -> str:
        indent, keyword, space, name = match.groups()
        target = f"{package}._generated" if name == "misaka_io_generated" else package
        return f"{indent}{keyword}{space}{target}"

    return IMPORT.sub(swap, source)


def planned_files(package: str) -> dict[str, bytes]:
    """Relative path inside DEST/package -> content."""
    files: dict[str, bytes] = {}
    for base, prefix in ((OVERLAY, ""), (GENERATED, "_generated/")):
        for path in sorted(base.rglob("*")):
            if path.is_dir() or SKIP & set(path.parts):
                continue
            rel = prefix + path.relative_to(base).as_posix()
            data = path.read_bytes()
            if path.suffix == ".py":
                data = rewrite(data.decode("utf-8"), package).encode("utf-8")
            files[rel] = data
    return files


def _lock_version(name: str) -> str:
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line.lower().startswith(f"{name.lower()}=="):
            return line.split("==", 1)[1]
    return "unknown"


def _commit() -> str:
    run = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if run.returncode != 0:
        return "unknown (not a git checkout)"
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", "spec", "generated", "overlay"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return run.stdout.strip() + (" (with uncommitted changes)" if dirty else "")


def vendored_md(package: str) -> str:
    spec_bytes = SPEC.read_bytes()
    spec = yaml.safe_load(spec_bytes)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = "\n".join(f"- `{d}`" for d in project["dependencies"])
    return f"""# Vendored misaka-io client

This folder is a copy of the misaka-io client, made by `make vendor`. Do not edit it:
vendor again to update it (files you add beside it are left alone).

| what | value |
| --- | --- |
| package | `{package}` (overlay), `{package}._generated` (generated client) |
| misaka-io version | {project["version"]} |
| spec version | {spec["info"]["version"]} |
| spec sha256 | `{_sha256(spec_bytes)}` |
| generator | openapi-python-client {_lock_version("openapi-python-client")} |
| source commit | {_commit()} |

Runtime dependencies to add to your project:

{deps}

Use it as `from {package} import Misaka`. The logger is still named `misaka_io`.
"""


def vendor(dest: Path, package: str, *, force: bool = False) -> list[str]:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", package):
        raise VendorError(f"{package!r} is not a valid Python package name")
    target = dest / package
    manifest_path = target / MANIFEST
    old: dict[str, str] = {}
    if target.exists():
        if not manifest_path.is_file():
            raise VendorError(
                f"{target} exists and was not made by `make vendor`; choose another PACKAGE or DEST"
            )
        old = json.loads(manifest_path.read_text())
        edited = [
            rel
            for rel, digest in old.items()
            if (target / rel).is_file() and _sha256((target / rel).read_bytes()) != digest
        ]
        if edited and not force:
            raise VendorError(
                "these vendored files were changed by hand, vendoring would overwrite them "
                f"(FORCE=1 to do it anyway): {', '.join(sorted(edited))}"
            )
    files = planned_files(package)
    files["VENDORED.md"] = vendored_md(package).encode("utf-8")
    for rel in old:
        if rel not in files and (target / rel).is_file():
            (target / rel).unlink()
    for rel, data in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    manifest_path.write_text(
        json.dumps({rel: _sha256(d) for rel, d in sorted(files.items())}, indent=1)
    )
    for folder in sorted((p for p in target.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            shutil.rmtree(folder)
    return sorted(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path, help="the other project's source folder")
    parser.add_argument(
        "--package", default="misaka_io", help="top-level package name (default misaka_io)"
    )
    parser.add_argument(
        "--force", action="store_true", help="overwrite vendored files changed by hand"
    )
    args = parser.parse_args(argv)
    try:
        written = vendor(args.dest, args.package, force=args.force)
    except VendorError as exc:
        print(f"vendor: {exc}", file=sys.stderr)
        return 1
    print(f"vendored {len(written)} files into {args.dest / args.package}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
