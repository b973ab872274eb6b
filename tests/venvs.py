"""Fresh virtual environments for the tests that install what a user would (the wheel, a
vendored copy, the distributions from a package index): the packages pinned by hash from
requirements.lock, nothing else of this environment, and an environment for their processes
without this checkout's settings.

pip's cache makes a repeat quick: the pinned files come from it (or the index) by hash.
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import subprocess
import sys
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
PIP = ["--quiet", "--disable-pip-version-check", "--no-input"]


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def needed(roots: list[str]) -> set[str]:
    """The distributions ``roots`` need, transitively, as installed in this environment
    (misaka-io itself left out)."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        requirement = Requirement(todo.pop())
        name = normal(requirement.name)
        if name in seen or name == "misaka-io":
            continue
        seen.add(name)
        for child in importlib.metadata.requires(name) or []:
            parsed = Requirement(child)
            if parsed.marker is None or parsed.marker.evaluate({"extra": ""}):
                todo.append(child)
    return seen


def misaka_requirements(extras: list[str]) -> list[str]:
    """misaka-io's own requirements (from its installed metadata), with ``extras``."""
    listed = importlib.metadata.metadata("misaka-io").get_all("Requires-Dist") or []
    wanted = [r for r in listed if "extra ==" not in r]
    for extra in extras:
        wanted += [r.split(";")[0] for r in listed if f"'{extra}'" in r]
    return wanted


def pinned(names: set[str]) -> str:
    """The blocks of requirements.lock (pins with their hashes) of ``names``."""
    blocks = re.split(r"\n(?=[A-Za-z0-9])", (ROOT / "requirements.lock").read_text())
    chosen = []
    for block in blocks:
        found = re.match(r"([A-Za-z0-9._-]+)==", block)
        if found and normal(found.group(1)) in names:
            chosen.append(re.sub(r"\n\s*#.*", "", block).strip())
    return "\n".join(chosen) + "\n"


def fresh_venv(env_dir: Path) -> Path:
    """A new venv without pip (this interpreter's pip installs into it: ``install``); its
    ``bin`` folder."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    return env_dir / "bin"


def install(bin_dir: Path, *args: str, timeout: float = 300) -> None:
    """``pip install ARGS`` into the venv of ``bin_dir``; fails the test with pip's words."""
    run = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(bin_dir / "python"), "install", *PIP,
         *args],
        capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]


def install_pinned(bin_dir: Path, names: set[str], scratch: Path) -> None:
    """``names`` (and nothing they do not name) from requirements.lock, by hash."""
    lock = scratch / f"pinned-{len(list(scratch.glob('pinned-*')))}.txt"
    lock.write_text(pinned(names))
    install(bin_dir, "--no-deps", "--require-hashes", "-r", str(lock))


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without Python's and misaka-io's settings, plus ``extra``."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "MISAKA_"))}
    environ.update(extra)
    return environ
