"""Copy the client (overlay + generated code) into another project under a package name of
the user's choosing.

    python scripts/vendor.py DEST [--package NAME] [--no-cli] [--force]

Writes DEST/NAME/ (the overlay) with the generated client at DEST/NAME/_generated/, rewrites
the internal imports to the new names, and records what it wrote in DEST/NAME/VENDORED.md
(spec version and sha256, generator version, source commit, and what to install: the
distributions the copied files import, pinned as requirements.lock pins them, and the type
stubs that ``mypy --strict`` needs for them) and DEST/NAME/.vendored-files (each file with
its sha256).

``--no-cli`` copies the library only: without the ``misaka`` command (``cli/``; its
``__main__.py`` is a stand-in that says so) and the certbot and octoDNS integrations, so
without their dependencies.

Vendoring again into the same place replaces the files it wrote before and removes those it
no longer writes. Files the user added there are left alone. A vendored file the user
changed stops the command (listing them) unless --force is given.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import importlib.metadata
import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import NamedTuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
OVERLAY = ROOT / "overlay" / "misaka_io"
GENERATED = ROOT / "generated" / "misaka_io_generated"
SPEC = ROOT / "spec" / "misaka-v3.yaml"
MANIFEST = ".vendored-files"
SKIP = {"__pycache__", ".mypy_cache", ".ruff_cache"}
# What --no-cli leaves out (paths relative to the overlay).
CLI_PARTS = ("cli/", "__main__.py")
# Integrations with other tools: their imports are listed apart in VENDORED.md, and
# --no-cli leaves them out too.
INTEGRATIONS = ("certbot_dns.py", "octodns.py")
# Parts whose imports are needed only when a feature is turned on: listed apart in
# VENDORED.md, copied always (the shared DNS lock, with MISAKA_LOCK_URL, needs redis).
OPTIONAL = ("_shared_lock.py",)
# What no vendored copy takes: the spec model and the stub (``testing/``), which serve the
# generators and tests and need PyYAML, jsonschema and the stub server.
NEVER_VENDORED = ("spec.py", "testing/")
# ``python -m NAME`` in a copy without the command line: says so instead of a traceback.
NO_CLI_MAIN = '''"""``python -m {package}``: this copy was vendored without its command line."""

import sys

sys.stderr.write(
    "{package} was vendored without its command line (make vendor NO_CLI=1): use it as a "
    "library, or vendor it again without NO_CLI for the `misaka` commands\\n"
)
sys.exit(2)
'''
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


def planned_files(package: str, *, cli: bool = True) -> dict[str, bytes]:
    """Relative path inside DEST/package -> content."""
    files: dict[str, bytes] = {}
    left_out = NEVER_VENDORED + (() if cli else CLI_PARTS + INTEGRATIONS)
    for base, prefix in ((OVERLAY, ""), (GENERATED, "_generated/")):
        for path in sorted(base.rglob("*")):
            if path.is_dir() or SKIP & set(path.parts):
                continue
            rel = prefix + path.relative_to(base).as_posix()
            if rel.startswith(left_out):
                continue
            data = path.read_bytes()
            if path.suffix == ".py":
                data = rewrite(data.decode("utf-8"), package).encode("utf-8")
            files[rel] = data
    if not cli:
        files["__main__.py"] = NO_CLI_MAIN.format(package=package).encode("utf-8")
    return files


def _lock_version(name: str) -> str:
    pin = _locked().get(_normal(name))
    return pin.split("==", 1)[1] if pin else "unknown"


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


def _imported(source: bytes) -> set[str]:
    """The top-level modules a file imports (absolute imports, lazy ones too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _locked() -> dict[str, str]:
    """requirements.lock as normalised name -> the line that pins it."""
    pins: dict[str, str] = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        match = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", line)
        if match:
            pins[_normal(match[1])] = f"{match[1]}=={match[2]}"
    return pins


class Needs(NamedTuple):
    """What a copy needs installed, as pinned requirement lines."""

    runtime: list[str]  # to run it
    checking: list[str]  # more, to type-check code that uses it with ``mypy --strict``
    integrations: list[str]  # only for the certbot plugin and the octoDNS provider
    optional: list[str]  # only for the optional parts (the shared DNS lock on Redis)


def requirements(files: dict[str, bytes], package: str) -> Needs:
    """What the copied files need installed, by the part of the copy that imports it."""
    known = importlib.metadata.packages_distributions()
    pins = _locked()
    needed: dict[str, set[str]] = {"core": set(), "optional": set(), "integration": set()}
    for rel, data in files.items():
        if not rel.endswith(".py"):
            continue
        part = "integration" if rel in INTEGRATIONS else "optional" if rel in OPTIONAL else "core"
        for module in _imported(data):
            if module in sys.stdlib_module_names or module in (package, "__future__"):
                continue
            needed[part].update(known.get(module, [module]))
    needed["optional"] -= needed["core"]
    needed["integration"] -= needed["core"]

    def pinned(names: set[str]) -> list[str]:
        return sorted((pins.get(_normal(n), n) for n in names), key=str.lower)

    stubs = {pins[f"types-{_normal(n)}"] for n in needed["core"] if f"types-{_normal(n)}" in pins}
    return Needs(
        pinned(needed["core"]),
        sorted(stubs, key=str.lower),
        pinned(needed["integration"]),
        pinned(needed["optional"]),
    )


def _block(lines: list[str]) -> str:
    return "```text\n" + "\n".join(lines) + "\n```"


def vendored_md(package: str, files: dict[str, bytes], *, cli: bool = True) -> str:
    spec_bytes = SPEC.read_bytes()
    spec = yaml.safe_load(spec_bytes)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime, stubs, integrations, optional = requirements(files, package)
    deps = f"""What to install (the versions misaka-io is tested with; pip requirement lines). To
run it:

{_block(runtime)}

To type-check code that uses it with `mypy --strict`, also:

{_block(stubs or ["# nothing more"])}"""
    if integrations:
        deps += f"""

Only for `certbot_dns.py` and `octodns.py` (the certbot plugin and octoDNS provider):

{_block(integrations)}"""
    if optional:
        deps += f"""

For the shared DNS lock on Redis (`MISAKA_LOCK_URL`; `_shared_lock.py` imports it only then),
and to type-check the copy:

{_block(optional)}"""
    contents = (
        "the library and the `misaka` command line"
        if cli
        else f"the library only (no command line: `python -m {package}` says so; no certbot or "
        "octoDNS integration)"
    )
    return f"""# Vendored misaka-io client

This folder is a copy of the misaka-io client, made by `make vendor`. Do not edit it:
vendor again to update it (files you add beside it are left alone).

| what | value |
| --- | --- |
| package | `{package}` (overlay), `{package}._generated` (generated client) |
| contents | {contents} |
| misaka-io version | {project["version"]} |
| spec version | {spec["info"]["version"]} |
| spec sha256 | `{_sha256(spec_bytes)}` |
| generator | openapi-python-client {_lock_version("openapi-python-client")} |
| source commit | {_commit()} |

{deps}

Use it as `from {package} import Misaka`. The logger is still named `misaka_io`.
"""


def vendor(dest: Path, package: str, *, force: bool = False, cli: bool = True) -> list[str]:
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
    files = planned_files(package, cli=cli)
    files["VENDORED.md"] = vendored_md(package, files, cli=cli).encode("utf-8")
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
        "--no-cli",
        dest="cli",
        action="store_false",
        help="the library only: leave out the command line and the certbot/octoDNS integrations",
    )
    parser.add_argument(
        "--force", action="store_true", help="overwrite vendored files changed by hand"
    )
    args = parser.parse_args(argv)
    try:
        written = vendor(args.dest, args.package, force=args.force, cli=args.cli)
    except VendorError as exc:
        print(f"vendor: {exc}", file=sys.stderr)
        return 1
    print(f"vendored {len(written)} files into {args.dest / args.package}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
