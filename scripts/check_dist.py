"""Check the built distributions before they are published: what the wheel and the sdist hold.

    python scripts/check_dist.py DIST [--version X.Y.Z]

DIST holds exactly one wheel and one sdist of misaka-io, both of pyproject.toml's version
(and of ``--version``, the release tag's number, when given). The wheel holds the two import
packages as they are in the checkout (every file of ``overlay/misaka_io`` and
``generated/misaka_io_generated``, no caches, nothing else), the spec as
``misaka_io/misaka-v3.yaml``, the entry points and extras pyproject.toml declares. The sdist
holds what the tests need to run from it. Prints one line per problem and exits 1, or says
what it checked. The release workflow runs it beside ``twine check``.
"""

from __future__ import annotations

import argparse
import email.parser
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {"misaka_io": ROOT / "overlay" / "misaka_io"}
PACKAGES["misaka_io_generated"] = ROOT / "generated" / "misaka_io_generated"
SPEC_IN_WHEEL = "misaka_io/misaka-v3.yaml"
CACHES = ("__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache")
# What the tests read from the sdist's tree (the release workflow runs them there).
SDIST_NEEDS = (
    "pyproject.toml", "Makefile", "requirements.lock", "package-lock.json", "spec/misaka-v3.yaml",
    "tests/conftest.py", "contract_tests/recorded/dns.json", "scripts/generate.py",
    "overlay/misaka_io/__init__.py", "generated/misaka_io_generated/__init__.py", "CHANGELOG.md",
)  # fmt: skip


def _source_files() -> set[str]:
    """The wheel's files as the checkout has them: every file of the two packages."""
    files = set()
    for name, folder in PACKAGES.items():
        for path in folder.rglob("*"):
            rel = path.relative_to(folder)
            if path.is_file() and not set(rel.parts) & set(CACHES) and path.suffix != ".pyc":
                files.add(f"{name}/{rel.as_posix()}")
    return files


def _entry_points(project: dict[str, object]) -> dict[str, dict[str, str]]:
    """pyproject.toml's entry points, grouped as entry_points.txt groups them."""
    groups: dict[str, dict[str, str]] = {}
    scripts = project.get("scripts")
    if isinstance(scripts, dict):
        groups["console_scripts"] = dict(scripts)
    more = project.get("entry-points")
    if isinstance(more, dict):
        groups.update({group: dict(points) for group, points in more.items()})
    return groups


def _parse_entry_points(text: str) -> dict[str, dict[str, str]]:
    groups: dict[str, dict[str, str]] = {}
    group = ""
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1]
            groups[group] = {}
        elif "=" in line:
            name, target = (part.strip() for part in line.split("=", 1))
            groups[group][name] = target
    return groups


def wheel_problems(wheel: Path, version: str, project: dict[str, object]) -> list[str]:
    problems = []
    info = f"misaka_io-{version}.dist-info"
    with zipfile.ZipFile(wheel) as archive:
        names = {n for n in archive.namelist() if not n.endswith("/")}
        packaged = {n for n in names if not n.startswith(info + "/")}
        expected = _source_files() | {SPEC_IN_WHEEL}
        for missing in sorted(expected - packaged):
            problems.append(f"{wheel.name}: {missing} is missing")
        for extra in sorted(packaged - expected):
            problems.append(f"{wheel.name}: {extra} does not belong in the wheel")
        if (
            SPEC_IN_WHEEL in names
            and archive.read(SPEC_IN_WHEEL) != (ROOT / "spec" / "misaka-v3.yaml").read_bytes()
        ):
            problems.append(f"{wheel.name}: {SPEC_IN_WHEEL} is not spec/misaka-v3.yaml")
        if f"{info}/METADATA" not in names:
            return [*problems, f"{wheel.name}: no {info}/METADATA"]
        metadata = email.parser.BytesParser().parsebytes(archive.read(f"{info}/METADATA"))
        points = (
            archive.read(f"{info}/entry_points.txt").decode()
            if (f"{info}/entry_points.txt" in names)
            else ""
        )
    extras = set(metadata.get_all("Provides-Extra") or [])
    declared = project.get("optional-dependencies")
    wanted = set(declared) if isinstance(declared, dict) else set()
    if extras != wanted:
        problems.append(f"{wheel.name}: extras {sorted(extras)}, pyproject.toml {sorted(wanted)}")
    if _parse_entry_points(points) != _entry_points(project):
        problems.append(f"{wheel.name}: entry points are not pyproject.toml's")
    if metadata["Name"] != project["name"] or metadata["Version"] != version:
        problems.append(f"{wheel.name}: metadata says {metadata['Name']} {metadata['Version']}")
    return problems


def sdist_problems(sdist: Path, version: str) -> list[str]:
    top = f"misaka_io-{version}"
    with tarfile.open(sdist) as archive:
        names = set(archive.getnames())
    problems = [f"{sdist.name}: {need} is missing" for need in SDIST_NEEDS
                if f"{top}/{need}" not in names]  # fmt: skip
    cached = sorted(n for n in names if set(n.split("/")) & set(CACHES) or n.endswith(".pyc"))
    problems += [f"{sdist.name}: {name} does not belong in the sdist" for name in cached]
    return problems


def problems(dist: Path, tag_version: str | None = None) -> tuple[list[str], list[Path]]:
    """What is wrong with the distributions in ``dist`` (empty: nothing), and the files."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    version = str(project["version"])
    found = []
    if tag_version is not None and tag_version != version:
        found.append(f"the tag says {tag_version}, pyproject.toml {version}")
    wheels, sdists = sorted(dist.glob("*.whl")), sorted(dist.glob("*.tar.gz"))
    if [w.name for w in wheels] != [f"misaka_io-{version}-py3-none-any.whl"]:
        found.append(f"{dist}: want one wheel of {version}, found {[w.name for w in wheels]}")
    if [s.name for s in sdists] != [f"misaka_io-{version}.tar.gz"]:
        found.append(f"{dist}: want one sdist of {version}, found {[s.name for s in sdists]}")
    if found:
        return found, [*wheels, *sdists]
    found += wheel_problems(wheels[0], version, project)
    found += sdist_problems(sdists[0], version)
    return found, [wheels[0], sdists[0]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dist", type=Path, help="the folder the distributions were built into")
    parser.add_argument("--version", help="the version the release tag names (vX.Y.Z: X.Y.Z)")
    args = parser.parse_args(argv)
    found, files = problems(args.dist, args.version)
    for problem in found:
        print(f"check_dist: {problem}", file=sys.stderr)
    if found:
        return 1
    print(f"check_dist: {', '.join(f.name for f in files)}: as pyproject.toml and the checkout say")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
