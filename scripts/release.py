"""Drafting a release from what changed since the last one (``make release``).

    python scripts/release.py [--base REF] [--dry-run]

What it decides, each step a pure function tested on fixtures (tests/test_release.py):
1. the spec diff against the last release (``scripts/spec_diff.py``) classes the change:
   breaking, an addition, or documentation only;
2. a diff of the Python API of ``misaka_io`` (griffe, the tool Stainless SDKs use for this)
   finds breaks the spec does not show: a template or overlay change that removes a name or a
   parameter is breaking even when the spec did not move;
3. the version is bumped by the largest class: breaking -> the minor number while 0.x, the
   major one from 1.0; addition -> minor; documentation (or a client-only fix) -> patch;
4. ``CHANGELOG.md`` gets the new version's heading under ``[Unreleased]`` (what was written
   there moves under it), with the spec's changes and the API breaks listed; ``pyproject.toml``,
   the spec's ``info.version`` and ``misaka_io/_version.py`` get the new number.

The last release is the newest ``v*`` tag, or else the commit that set today's version.
``--dry-run`` prints the class, the new version and the entry, and writes nothing.
"""

from __future__ import annotations

import argparse
import datetime
import re
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

from scripts import spec_diff

ROOT = Path(__file__).resolve().parent.parent


Kind = Literal["breaking", "addition", "patch"]
PACKAGES = ("misaka_io",)
SEARCH_PATHS = ("overlay", "generated")
_ORDER: dict[Kind, int] = {"patch": 0, "addition": 1, "breaking": 2}


def classify(changes: Iterable[spec_diff.Change], api_breaks: Sequence[str]) -> Kind:
    """The largest class of change: any break, else any addition, else a patch."""
    changes = list(changes)
    if api_breaks or any(c.breaking for c in changes):
        return "breaking"
    if any(c.kind != "documentation" for c in changes):
        return "addition"
    return "patch"


def bump(version: str, kind: Kind) -> str:
    """``0.2.0`` + breaking -> ``0.3.0``; ``1.4.2`` + breaking -> ``2.0.0``; addition -> minor;
    patch -> patch."""
    major, minor, patch = (int(p) for p in version.split("."))
    if kind == "breaking" and major >= 1:
        return f"{major + 1}.0.0"
    if kind in ("breaking", "addition"):
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def entry(
    version: str,
    date: datetime.date,
    changes: Sequence[spec_diff.Change],
    api_breaks: Sequence[str],
) -> str:
    """The drafted lines of the new version (its heading and the generated sections)."""
    lines = [f"## [{version}] - {date.isoformat()}", ""]
    breaking = [c for c in changes if c.breaking]
    other = [c for c in changes if not c.breaking and c.kind != "documentation"]
    docs = [c for c in changes if c.kind == "documentation"]
    for title, group in (
        ("Breaking (spec)", breaking),
        ("Added or relaxed (spec)", other),
        ("Documentation (spec)", docs),
    ):
        if group:
            lines += [f"### {title}"]
            lines += [
                f"- {c.kind}: `{c.operation or 'document'}` {c.where}: {c.message}" for c in group
            ]
            lines += [""]
    if api_breaks:
        lines += ["### Breaking (Python API)"]
        lines += [f"- {b}" for b in api_breaks]
        lines += [""]
    return "\n".join(lines)


def insert(changelog: str, drafted: str) -> str:
    """Put ``drafted`` right under ``## [Unreleased]``, followed by what was written there."""
    head, sep, rest = changelog.partition("## [Unreleased]\n")
    if not sep:
        raise ValueError("CHANGELOG.md has no '## [Unreleased]' heading")
    return f"{head}{sep}\n{drafted}{rest.lstrip(chr(10))}"


def set_version(root: Path, old: str, new: str) -> None:
    """The new number in the three places that carry it."""
    places = (
        (root / "pyproject.toml", rf'^version = "{re.escape(old)}"$', f'version = "{new}"'),
        (root / "spec" / "misaka-v3.yaml", rf"^  version: {re.escape(old)}$", f"  version: {new}"),
        (
            root / "overlay" / "misaka_io" / "_version.py",
            rf'^__version__ = "{re.escape(old)}"$',
            f'__version__ = "{new}"',
        ),
    )
    for path, pattern, replacement in places:
        text, count = re.subn(pattern, replacement, path.read_text(), count=1, flags=re.M)
        if count != 1:
            raise ValueError(f"{path.name}: version {old} not found")
        path.write_text(text)


def api_breaks_between(old: object, new: object) -> list[str]:
    """Each break of the public API from griffe's ``old`` to ``new`` package, explained."""
    import griffe

    found = griffe.find_breaking_changes(old, new)  # type: ignore[arg-type]
    return sorted({_explained(b) for b in found})


def _explained(breakage: object) -> str:
    """``misaka_io.x.f``: parameter was removed (``limit``)."""
    obj, kind = getattr(breakage, "obj", None), getattr(breakage, "kind", None)
    path = getattr(obj, "path", "?")
    what = getattr(kind, "value", str(kind))
    old = getattr(breakage, "old_value", None)
    name = getattr(old, "name", None)
    about = isinstance(name, str) and "parameter" in what.lower()
    return f"`{path}`: {what}" + (f" (`{name}`)" if about else "")


def api_breaks(root: Path, base: str) -> list[str]:
    """The API breaks of every public package from the commit ``base`` to the working copy."""
    import griffe

    out: list[str] = []
    for package in PACKAGES:
        paths = [root / p for p in SEARCH_PATHS]
        old = griffe.load_git(package, ref=base, repo=root, search_paths=list(SEARCH_PATHS))
        new = griffe.load(package, search_paths=paths)
        out += api_breaks_between(old, new)
    return out


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else ""


def last_release(root: Path, version: str) -> str:
    """The newest ``v*`` tag, else the commit that set ``version`` in pyproject.toml."""
    tag = _git(root, "describe", "--tags", "--abbrev=0", "--match", "v*")
    if tag:
        return tag
    commit = _git(
        root, "log", "-1", "--format=%H", f'-Sversion = "{version}"', "--", "pyproject.toml"
    )
    if not commit:
        raise SystemExit(f"no v* tag and no commit that set version {version}: pass --base")
    return commit


def current_version(root: Path) -> str:
    match = re.search(r'^version = "([^"]+)"$', (root / "pyproject.toml").read_text(), re.M)
    if not match:
        raise SystemExit("pyproject.toml has no version")
    return match.group(1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", help="the last release (default: newest v* tag)")
    parser.add_argument("--dry-run", action="store_true", help="print, write nothing")
    parser.add_argument("--date", type=datetime.date.fromisoformat, default=datetime.date.today())
    args = parser.parse_args(argv)
    old = current_version(ROOT)
    base = args.base or last_release(ROOT, old)
    changes = spec_diff.diff(spec_diff.load(base), spec_diff.load(None))
    breaks = api_breaks(ROOT, base)
    kind = classify(changes, breaks)
    new = bump(old, kind)
    drafted = entry(new, args.date, changes, breaks)
    print(f"since {base}: {len(changes)} spec changes, {len(breaks)} API breaks: {kind}")
    print(f"version {old} -> {new}\n\n{drafted}")
    if not args.dry_run:
        set_version(ROOT, old, new)
        changelog = ROOT / "CHANGELOG.md"
        changelog.write_text(insert(changelog.read_text(), drafted))
        print(f"written: pyproject.toml, spec info.version, _version.py, CHANGELOG.md ({new})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
