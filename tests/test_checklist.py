"""The checklist of CONTRIBUTING.md ("Adding or changing an operation"): the steps no other
test holds are held here, and every failure says what to do next.

Each check is a function of its inputs (the operations, the stub's handlers, what live mode
did, two versions of the spec and the changelog), so a test can also feed it a broken case:
a spec with one operation more than the stub and live mode know.
"""

from __future__ import annotations

import copy
import importlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from contract_tests.harness.live import NEVER, Drift, run_live
from misaka_io.spec import Spec, load_spec
from scripts import release, spec_diff

ROOT = Path(__file__).resolve().parent.parent
LIVE = "contract_tests/harness/live.py"
NO_CALL = "live mode has no call for it yet"  # live.py's reason for an operation it never reached


def stub_module(name: str) -> ModuleType:
    """A module of the stub, wherever it lives (``misaka_io.testing.stub``, formerly
    ``misaka_io.testing.stub``)."""
    for package in ("misaka_io.testing.stub", "misaka_io.testing.stub"):
        try:
            return importlib.import_module(f"{package}.{name}" if name else package)
        except ModuleNotFoundError:
            continue
    raise ModuleNotFoundError(f"no stub module {name!r}")


def relative(path: str | None) -> str:
    return Path(path or "?").resolve().relative_to(ROOT).as_posix()


# ---- the checks ------------------------------------------------------------------------------


def missing_handlers(tags: Mapping[str, str], handlers: Mapping[str, Any]) -> list[str]:
    """One line per operation (id -> tag) without a stub handler, naming the module its tag's
    other operations are handled in."""
    modules: dict[str, str] = {}
    for op_id, tag in tags.items():
        if op_id in handlers:
            modules.setdefault(
                tag, relative(importlib.import_module(handlers[op_id].__module__).__file__)
            )
    handlers_dir = relative(stub_module("handlers").__file__).rsplit("/", 1)[0]
    return [
        f"add a handler for {op_id} in {modules.get(tag, handlers_dir + '/<new module>.py')} "
        f"(@handles({op_id!r}); answers.py says how a handler is called)"
        for op_id, tag in sorted(tags.items())
        if op_id not in handlers
    ]


def stale_handlers(tags: Mapping[str, str], handlers: Mapping[str, Any]) -> list[str]:
    return [
        f"remove the stub handler of {op_id}: the spec has no such operation"
        for op_id in sorted(set(handlers) - set(tags))
    ]


def unreached(op_ids: Iterable[str], drifts: Iterable[Drift]) -> list[str]:
    """Operations live mode neither called nor skipped for a stated reason."""
    seen = {d.operation_id: d for d in drifts}
    lines = []
    for op_id in sorted(op_ids):
        drift = seen.get(op_id)
        if drift is None or (drift.outcome == "skipped" and drift.reason == NO_CALL):
            lines.append(
                f"add a call for {op_id} in {LIVE} (LiveRun.read_only, or LiveRun.writes for "
                f"a change that can be undone), or a reason in its NEVER table"
            )
    return lines


def unnamed_in_changelog(changes: Iterable[spec_diff.Change], changelog: str) -> list[str]:
    """Operations added, removed or renamed since the last release that CHANGELOG.md does not
    name."""
    kinds = {"operation added", "operation removed", "operation renamed"}
    return [
        f"{c.kind}: {c.operation} is not in CHANGELOG.md; run `make release` (it drafts the entry "
        f"and bumps the version), or name `{c.operation}` under [Unreleased]"
        for c in changes
        if c.kind in kinds and f"`{c.operation}`" not in changelog
    ]


def tags_of(spec: Spec) -> dict[str, str]:
    return {op.operation_id: op.data["tags"][0] for op in spec.operations()}


# ---- the checklist on the tree ---------------------------------------------------------------


def test_every_operation_has_a_stub_handler_and_every_handler_an_operation() -> None:
    handlers = stub_module("handlers").HANDLERS
    tags = tags_of(Spec(load_spec()))
    problems = missing_handlers(tags, handlers) + stale_handlers(tags, handlers)
    assert problems == [], "\n".join(problems)


def test_live_mode_calls_every_operation_or_says_why_not() -> None:
    app = stub_module("").create_app()
    transport = stub_module("transport").SyncASGITransport(app)
    try:
        drifts = run_live(
            "http://127.0.0.1",
            app.config.api_token,
            write=True,
            prefix="198.51.100.0/24",
            transport=transport,
        )
    finally:
        transport.close()
    problems = unreached(tags_of(Spec(load_spec())), drifts)
    assert problems == [], "\n".join(problems)
    assert all(d.reason for d in drifts if d.outcome == "skipped")


def test_live_mode_never_table_names_only_operations_of_the_spec() -> None:
    stale = sorted(set(NEVER) - set(tags_of(Spec(load_spec()))))
    assert stale == [], f"remove {stale} from NEVER in {LIVE}: the spec has no such operation"


def test_operations_added_or_removed_since_the_last_release_are_in_the_changelog() -> None:
    try:
        base = release.last_release(ROOT, release.current_version(ROOT))
        old = spec_diff.load(base)
    except SystemExit as exc:  # a copy without its git history
        pytest.skip(f"no last release to compare with: {exc}")
    changes = spec_diff.diff(old, load_spec())
    problems = unnamed_in_changelog(changes, (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    assert problems == [], "\n".join(problems)


# ---- each check names the fix (a spec with one operation more) -------------------------------


def with_an_extra_operation() -> dict[str, Any]:
    doc = copy.deepcopy(load_spec())
    doc["paths"]["/v3/ports/{port_id}/probe"] = {
        "get": {
            **copy.deepcopy(doc["paths"]["/v3/ports/{port_id}"]["get"]),
            "operationId": "a_probe_nobody_handles",
        }
    }
    return doc


def test_a_missing_handler_names_the_module_of_its_tag() -> None:
    handlers = stub_module("handlers").HANDLERS
    problems = missing_handlers(tags_of(Spec(with_an_extra_operation())), handlers)
    assert len(problems) == 1
    assert problems[0].startswith("add a handler for a_probe_nobody_handles in ")
    assert problems[0].split(" ")[6] == relative(
        importlib.import_module(handlers["get_port"].__module__).__file__
    )


def test_an_operation_live_mode_does_not_know_names_live_py() -> None:
    known = [Drift(op_id, "inferred", outcome="conforms") for op_id in tags_of(Spec(load_spec()))]
    unknown = Drift("a_probe_nobody_handles", "inferred", reason=NO_CALL)
    tags = tags_of(Spec(with_an_extra_operation()))
    assert unreached(tags, [*known, unknown]) == unreached(tags, known)
    assert unreached(tags, known) == [
        f"add a call for a_probe_nobody_handles in {LIVE} (LiveRun.read_only, or LiveRun.writes "
        "for a change that can be undone), or a reason in its NEVER table"
    ]
    assert (
        unreached(tags, [*known, Drift("a_probe_nobody_handles", "inferred", reason="why")]) == []
    )


def test_a_new_operation_missing_from_the_changelog_asks_for_make_release() -> None:
    changes = spec_diff.diff(load_spec(), with_an_extra_operation())
    (problem,) = unnamed_in_changelog(changes, "## [Unreleased]\n")
    assert problem.startswith(
        "operation added: a_probe_nobody_handles is not in CHANGELOG.md; run `make release`"
    )
    assert unnamed_in_changelog(changes, "## [Unreleased]\n- `a_probe_nobody_handles`: new\n") == []
