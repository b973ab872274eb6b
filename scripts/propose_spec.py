"""The spec proposes its own correction from recorded traffic (``make propose-spec FROM=<dir>``).

    python -m scripts.propose_spec DIR [--apply] [--reports PATH] [--root PATH]

Reads every recording in DIR (``make contract LIVE=1 RECORD=<dir>`` writes them), finds what
the spec and the answers disagree on (``scripts/spec_proposal.py`` says what and how) and
writes ``reports/spec-proposal.yaml`` (the whole spec with the proposed changes, its comments
and layout kept) and ``reports/spec-proposal.md`` (each change, why, and the interactions it
came from). ``--apply`` (``APPLY=1``) then puts the proposal into ``spec/``, regenerates
(``scripts/generate.py``), classifies the change (``scripts/spec_diff.py``), and with
``scripts/release.py``'s pieces writes the CHANGELOG entry and the next version (in
pyproject.toml, the spec and ``_version.py``, as ``make release`` does) and prints it.
Exit status 0; 2 when DIR holds no recording.
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML

from scripts import release, spec_diff
from scripts.spec_proposal import MIN_ANSWERS, Analysis, Finding

ROOT = Path(__file__).resolve().parent.parent
SPEC_REL = Path("spec") / "misaka-v3.yaml"


def _yaml() -> YAML:
    """A round-trip YAML that writes the spec back as it was written (nulls as ``null``)."""
    handler = YAML()
    handler.preserve_quotes = True
    handler.width = 4096
    handler.indent(mapping=2, sequence=4, offset=2)
    handler.representer.add_representer(
        type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    return handler


def recordings(folder: Path) -> list[tuple[str, dict[str, Any]]]:
    """(file name, document) of every recording in ``folder``, oldest name first."""
    return [
        (path.stem, json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(folder.glob("*.json"))
    ]


def propose(spec_text: str, found: list[tuple[str, dict[str, Any]]]) -> tuple[str, list[Finding]]:
    """The proposed spec's text and the findings, from the spec's text and the recordings."""
    handler = _yaml()
    doc = handler.load(spec_text)
    analysis = Analysis(doc)
    for name, recording in found:
        analysis.recording(recording, name)
    hosts = sorted({r.get("host", "?") for _, r in found})
    stamps = sorted(r.get("recorded_at", "?") for _, r in found)
    provenance = (
        f"Recorded live traffic of {', '.join(hosts)} ({stamps[0]} to {stamps[-1]}), "
        "proposed by make propose-spec."
    )
    findings = analysis.apply(provenance)
    out = io.StringIO()
    handler.dump(doc, out)
    return out.getvalue(), findings


def markdown(findings: list[Finding], found: list[tuple[str, dict[str, Any]]]) -> str:
    applied = [f for f in findings if f.applied]
    lines = [
        "# Spec proposal from recorded traffic",
        "",
        f"- recordings: {', '.join(name for name, _ in found)} "
        f"({sum(len(r.get('interactions', [])) for _, r in found)} interactions)",
        f"- changes proposed: {len(applied)}; findings left alone: {len(findings) - len(applied)}",
        f"- a required field is made optional only when at least {MIN_ANSWERS} recorded answers "
        "lacked it (items of one listing count as one answer)",
        "",
    ]
    for title, group in (("Proposed changes", applied), ("Seen, not changed", findings)):
        group = [f for f in group if f.applied == (title == "Proposed changes")]
        if not group:
            continue
        lines += [f"## {title}", ""]
        for f in group:
            lines += [f"### {f.kind}: `{f.where}`", ""]
            if f.change:
                lines.append(f"- change: {f.change}")
            lines.append(f"- why: {f.why}")
            shown = ", ".join(f"`{s}`" for s in f.sources[:8])
            more = f" and {len(f.sources) - 8} more" if len(f.sources) > 8 else ""
            lines += [f"- from: {shown}{more}", ""]
    if not findings:
        lines += ["The recorded answers agree with the spec: nothing to propose.", ""]
    return "\n".join(lines + statuses_seen(found))


def statuses_seen(found: list[tuple[str, dict[str, Any]]]) -> list[str]:
    """The section listing every status each operation answered, and how often."""
    seen: dict[str, Counter[int]] = {}
    for _, recording in found:
        for interaction in recording.get("interactions", []):
            op_id = interaction["call"]["operation"]
            seen.setdefault(op_id, Counter())[interaction["response"]["status"]] += 1
    lines = ["## Statuses seen", "", "| operation | statuses (times) |", "| --- | --- |"]
    for op_id, counts in sorted(seen.items()):
        said = ", ".join(f"{code} ({n})" for code, n in sorted(counts.items()))
        lines.append(f"| `{op_id}` | {said} |")
    return [*lines, ""]


def apply(root: Path, proposed: str, date: datetime.date) -> str:
    """Put the proposal into ``spec/``, regenerate, classify, write the CHANGELOG entry and
    the version; the new version."""
    spec_path = root / SPEC_REL
    before = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    spec_path.write_text(proposed, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "scripts.generate"], cwd=root, check=True)
    changes = spec_diff.diff(before, yaml.safe_load(proposed))
    kind = release.classify(changes, [])
    old = release.current_version(root)
    new = release.bump(old, kind)
    drafted = release.entry(new, date, changes, [])
    release.set_version(root, old, new)
    changelog = root / "CHANGELOG.md"
    changelog.write_text(release.insert(changelog.read_text(encoding="utf-8"), drafted))
    breaking = sum(1 for c in changes if c.breaking)
    print(f"spec diff: {len(changes)} changes, {breaking} breaking: {kind}")
    print(f"version {old} -> {new}\n\n{drafted}")
    return new


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the recordings (RECORD=<dir> of live mode)")
    parser.add_argument("--apply", action="store_true", help="put it into spec/ and release it")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to read and change")
    parser.add_argument("--reports", type=Path, help="where the proposal goes (ROOT/reports)")
    parser.add_argument("--date", type=datetime.date.fromisoformat, default=datetime.date.today())
    args = parser.parse_args(argv)
    found = recordings(args.folder)
    if not found:
        print(f"propose-spec: no recording (*.json) in {args.folder}", file=sys.stderr)
        return 2
    proposed, findings = propose((args.root / SPEC_REL).read_text(encoding="utf-8"), found)
    reports = args.reports or args.root / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    (reports / "spec-proposal.yaml").write_text(proposed, encoding="utf-8")
    (reports / "spec-proposal.md").write_text(markdown(findings, found), encoding="utf-8")
    applied = [f for f in findings if f.applied]
    print(f"{len(applied)} changes proposed ({len(findings) - len(applied)} findings left alone)")
    for f in findings:
        print(f"  {'+' if f.applied else '-'} {f.kind}: {f.where}: {f.change or f.why}")
    print(f"proposal: {reports / 'spec-proposal.yaml'} and {reports / 'spec-proposal.md'}")
    if args.apply:
        if not applied:
            print("nothing to apply: the spec holds for every recorded answer")
            return 0
        apply(args.root, proposed, args.date)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
