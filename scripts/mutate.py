"""`make mutate`: mutation testing (mutmut) of the modules that hold the client's promises.

mutmut names a mutant after its file's path and finds the mutated code on ``mutants/src``, so
each module is run in a staging tree of its own, ``.mutate/<module>/``: the package under
``src/`` (and the generated one beside it), the tests, the spec, and a ``pyproject.toml``
holding mutmut's settings for that module: mutate only it, with the tests that
``scripts/mutate.toml`` lists for it. The staging tree is kept between runs (mutmut resumes
where it stopped); ``--fresh`` starts over. At the end the survivors of every module are
printed, and written to ``.mutate/survivors.txt``; ``reports/mutation.md`` explains each one,
named in backquotes in the section for its status (a survivor among the equivalent mutants, a
timeout among the timeouts, one mutmut did not run among those or the equivalent ones). A
mutant left and not explained there fails the run, and so does one the report explains as
equivalent or not run that the run no longer leaves (the report is out of date; its timeouts
are not held to the run, see ``named_in``).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "overlay" / "misaka_io"
CONFIG = ROOT / "scripts" / "mutate.toml"
STAGE = ROOT / ".mutate"
REPORT = ROOT / "reports" / "mutation.md"
COPIED = ("tests", "contract_tests", "spec")

# Where the report explains a mutant the run left, by the status mutmut gives it.
EQUIVALENT = "## Survivors that remain: equivalent mutants"
TIMEOUTS = "## Timeouts"
NOT_RUN = "## Not run by mutmut: the fork hooks"
EXPLAINED_IN = {
    "survived": (EQUIVALENT,),
    "timeout": (TIMEOUTS,),
    "no tests": (NOT_RUN, EQUIVALENT),
}


def modules() -> dict[str, tuple[list[str], list[str]]]:
    """The modules to mutate, each with its tests and the tests left out of them (test ids
    under those files), checked to exist."""
    listed = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["modules"]
    out = {}
    for name, entry in listed.items():
        if not (PACKAGE / name).is_file():
            raise SystemExit(f"{CONFIG.name}: {name} is not in overlay/misaka_io")
        tests, left_out = list(entry["tests"]), list(entry.get("deselect", []))
        missing = [t for t in tests if not (ROOT / t).is_file()]
        missing += [t for t in left_out if t.split("::", 1)[0] not in tests]
        if missing:
            raise SystemExit(f"{CONFIG.name}: the tests of {name} are not listed: {missing}")
        out[name] = (tests, left_out)
    return out


def _toml_list(items: list[str]) -> str:
    return "[" + ", ".join(f'"{item}"' for item in items) + "]"


def settings(module: str, tests: list[str], left_out: list[str]) -> str:
    """The staging tree's pyproject.toml: mutmut's settings and pytest's, for one module."""
    ours = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    markers = ours["tool"]["pytest"]["ini_options"]["markers"]
    pytest_args = ["-q", "-p", "no:cacheprovider", "-m", "not wheel and not live"]
    pytest_args += [f"--deselect={test}" for test in left_out]
    return f"""[tool.mutmut]
source_paths = ["src/misaka_io"]
only_mutate = ["src/misaka_io/{module}"]
also_copy = {_toml_list(["src/misaka_io_generated", *COPIED])}
pytest_add_cli_args = {_toml_list(pytest_args)}
pytest_add_cli_args_test_selection = {_toml_list(tests)}
# A mutant's tests may use (time they took + 5 s) x 3 x 2 of CPU: a mutant that spins is
# stopped sooner than at mutmut's default, and the 5 s leave room for loading the tests.
timeout_multiplier = 3.0
timeout_constant = 5.0

[tool.pytest.ini_options]
asyncio_mode = "auto"
asyncio_default_fixture_loop_scope = "function"
markers = {_toml_list(markers)}
"""


def stage(module: str, tests: list[str], left_out: list[str], *, fresh: bool) -> Path:
    """The staging tree of ``module``, made anew when asked or when the sources changed."""
    where = STAGE / Path(module).stem
    if fresh and where.exists():
        shutil.rmtree(where)
    if where.exists():  # keep mutmut's progress, but test the code as it is now
        shutil.rmtree(where / "src")
        for name in COPIED:
            shutil.rmtree(where / name, ignore_errors=True)
    where.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(PACKAGE, where / "src" / "misaka_io", ignore=ignore)
    generated = ROOT / "generated" / "misaka_io_generated"
    shutil.copytree(generated, where / "src" / "misaka_io_generated", ignore=ignore)
    for name in COPIED:
        shutil.copytree(ROOT / name, where / name, ignore=ignore, dirs_exist_ok=True)
    (where / "pyproject.toml").write_text(settings(module, tests, left_out), encoding="utf-8")
    return where


def survivors(where: Path) -> list[str]:
    mutmut = Path(sys.executable).parent / "mutmut"
    shown = subprocess.run(
        [str(mutmut), "results"], cwd=where, capture_output=True, text=True, check=True
    )
    return [line.strip() for line in shown.stdout.splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", help="module file names, e.g. _retry.py")
    parser.add_argument("--fresh", action="store_true", help="forget earlier progress")
    parser.add_argument("--jobs", type=int, default=2, help="mutants tested at once")
    args = parser.parse_args(argv)
    chosen = modules()
    if args.only:
        unknown = set(args.only) - set(chosen)
        if unknown:
            raise SystemExit(f"not in {CONFIG.name}: {sorted(unknown)}")
        chosen = {name: chosen[name] for name in args.only}
    mutmut = Path(sys.executable).parent / "mutmut"
    if not mutmut.exists():
        raise SystemExit("mutmut (pinned in requirements.in) is not installed: run make setup")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MISAKA_")}
    report, unexplained, stale = [], [], []
    explained = sections(REPORT.read_text(encoding="utf-8") if REPORT.is_file() else "")
    for module, (tests, left_out) in chosen.items():
        where = stage(module, tests, left_out, fresh=args.fresh)
        started = time.monotonic()
        print(f"== {module}: {len(tests)} test files", flush=True)
        subprocess.run(
            [str(mutmut), "run", "--max-children", str(args.jobs)], cwd=where, env=env, check=True
        )
        left = survivors(where)
        took = time.monotonic() - started
        report.append(f"{module}: {len(left)} not killed, {took:.0f} s")
        report.extend(f"  {line}" for line in left)
        status = dict(line.split(": ", 1) for line in left)
        unexplained += [
            f"{name} ({said})"
            for name, said in status.items()
            if not is_explained(explained, name, said)
        ]
        stale += [name for name in named_in(explained, module) if name not in status]
    (STAGE / "survivors.txt").write_text("\n".join(report) + "\n", encoding="utf-8")
    print("\n".join(report))
    if unexplained:
        print(f"not in {REPORT.relative_to(ROOT)} (kill each with a test, or explain it):")
        print("\n".join(f"  {name}" for name in unexplained))
    if stale:
        print(f"explained in {REPORT.relative_to(ROOT)} but not left by this run (update it):")
        print("\n".join(f"  {name}" for name in stale))
    return 1 if unexplained or stale else 0


def sections(report: str) -> dict[str, str]:
    """The report's text under each of its ``## `` headings."""
    found: dict[str, str] = {}
    heading = ""
    for line in report.splitlines(keepends=True):
        if line.startswith("## "):
            heading = line.strip()
        found[heading] = found.get(heading, "") + line
    return found


def is_explained(report: dict[str, str], name: str, status: str) -> bool:
    """Whether the report names ``name`` where a mutant of that status is explained (an
    unknown status: anywhere)."""
    where = EXPLAINED_IN.get(status, tuple(report))
    return any(f"`{name}`" in report.get(heading, "") for heading in where)


def named_in(report: dict[str, str], module: str) -> list[str]:
    """The mutants of ``module`` the report explains as equivalent or not run by mutmut,
    named in full. Not its timeouts: a mutant that spins may fail a test before its time is
    up, and so be killed in one run and time out in the next, as its tests come in another
    order."""
    prefix = f"misaka_io.{Path(module).stem}."
    kept = report.get(EQUIVALENT, "") + report.get(NOT_RUN, "")
    found = re.findall(r"`(misaka_io\.[^`\s]+__mutmut_\d+)`", kept)
    return sorted({name for name in found if name.startswith(prefix)})


if __name__ == "__main__":
    sys.exit(main())
