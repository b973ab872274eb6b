"""The drift report of live mode: ordering, redaction, the JSON contract and the Markdown.

``reports/live-drift.json`` is the machine-readable contract (fields documented in the
README, "Live mode"); ``live-drift.md`` is the same for people, a valid Markdown table plus
one section per drifting operation. Rows go from the least to the most trusted certainty
(inferred, corroborated, recorded, documented), then by operation id. Redaction
(``harness/secrets.py``) masks the run's token, the secrets learnt from the answers, the
values of the fields the spec marks secret and JWT-shaped strings, in every escaped form;
each text is masked before it is laid out, and the whole file again.
"""

from __future__ import annotations

import datetime
import json
import signal
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from contract_tests.conformance import Problem
from contract_tests.harness.live import BaseProbe, Drift
from contract_tests.harness.secrets import Redact
from misaka_io import __version__ as CLIENT_VERSION
from misaka_io.spec import current

CERTAINTY_ORDER = ("inferred", "corroborated", "recorded", "documented")
REPORT_FORMAT = 1


@dataclass(frozen=True)
class RunInfo:
    host: str
    checked_at: str
    spec_version: str
    client_version: str
    write: bool
    dns_base: dict[str, Any] | None = None  # BaseProbe.as_json(): which DNS base answered
    interrupted: str = ""  # the signal that stopped the run, if one did
    left_behind: tuple[str, ...] = ()  # what the run made and could not remove, by name

    @classmethod
    def now(cls, base_url: str, write: bool, dns_base: BaseProbe | None = None) -> RunInfo:
        stamp = datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat()
        host = urlsplit(base_url).netloc or base_url
        probed = dns_base.as_json() if dns_base is not None else None
        return cls(host, stamp, current().version, CLIENT_VERSION, write, probed)


def ordered(drifts: list[Drift]) -> list[Drift]:
    def key(d: Drift) -> tuple[int, str]:
        rank = CERTAINTY_ORDER.index(d.certainty) if d.certainty in CERTAINTY_ORDER else -1
        return rank, d.operation_id

    return sorted(drifts, key=key)


def totals(drifts: list[Drift]) -> dict[str, int]:
    counts = {o: 0 for o in ("conforms", "drift", "unauthorized", "error", "skipped")}
    for d in drifts:
        counts[d.outcome] = counts.get(d.outcome, 0) + 1
    counts["success_seen"] = sum(1 for d in drifts if d.success_seen)
    return counts


def as_json(drifts: list[Drift], info: RunInfo) -> dict[str, Any]:
    return {
        "format": REPORT_FORMAT,
        **asdict(info),
        "totals": totals(drifts),
        "operations": [asdict(d) for d in ordered(drifts)],
    }


def _cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(str(text).split()).replace("\\", "\\\\").replace("|", "\\|")


def _code(text: str) -> str:
    return f"`{_cell(text).replace('`', chr(39))}`" if text else ""


def _dns_base_text(probed: dict[str, Any]) -> str:
    return BaseProbe(probed["probed"]).line()


def as_markdown(drifts: list[Drift], info: RunInfo) -> str:
    count = totals(drifts)
    lines = [
        "# Live drift report",
        "",
        f"- host: `{info.host}`",
        f"- checked at: {info.checked_at}",
        f"- spec version: {info.spec_version}; client version: {info.client_version}",
        f"- mutating operations: {'run' if info.write else 'not run'}",
        *([f"- {_dns_base_text(info.dns_base)}"] if info.dns_base else []),
        *(
            [f"- stopped by {info.interrupted}; what it had made was removed"]
            if info.interrupted and not info.left_behind
            else []
        ),
        *(
            [f"- **left behind** on the account: {_cell(', '.join(info.left_behind))}"]
            if info.left_behind
            else []
        ),
        "- outcomes: " + ", ".join(f"{k} {v}" for k, v in count.items()),
        "",
        "| operation | certainty | request | status | outcome | reason |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for d in ordered(drifts):
        cells = [d.operation_id, d.certainty, _code(d.request), d.status or "", d.outcome, d.reason]
        lines.append(
            "| " + " | ".join(_cell(c) if i != 2 else c for i, c in enumerate(cells)) + " |"
        )
    for d in ordered(drifts):
        if d.problems:
            lines += ["", f"## {d.operation_id} ({d.certainty}): {d.request} -> {d.status}", ""]
            lines += [
                f"- {_code(p.path)} breaks {_code(p.rule)}: {_cell(p.message)}"
                + (f" (value: {_code(p.value)})" if p.value else "")
                for p in d.problems
            ]
    return "\n".join(lines) + "\n"


def masked(drift: Drift, redact: Redact) -> Drift:
    """The drift with every text it quotes masked (before the Markdown escapes them)."""
    problems = [
        Problem(redact(p.path), p.rule, redact(p.message), redact(p.value)) for p in drift.problems
    ]
    return replace(
        drift, request=redact(drift.request), reason=redact(drift.reason), problems=problems
    )


def write_report(
    drifts: list[Drift], info: RunInfo, folder: Path, redact: Redact
) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    json_path, md_path = folder / "live-drift.json", folder / "live-drift.md"
    drifts = [masked(d, redact) for d in drifts]
    text = json.dumps(as_json(drifts, info), indent=2, ensure_ascii=False)
    json_path.write_text(redact(text) + "\n", encoding="utf-8")
    md_path.write_text(redact(as_markdown(drifts, info)), encoding="utf-8")
    return json_path, md_path


def console_lines(drifts: list[Drift], redact: Redact) -> list[str]:
    out = []
    for d in ordered(drifts):
        status = str(d.status or "")
        out.append(
            f"{d.operation_id:32} {d.certainty:13} {d.outcome:12} {status:>4} {redact(d.reason)}"
        )
        out += [f"    {redact(str(p))}" for p in d.problems]
    return out


def verdict(drifts: list[Drift]) -> tuple[int, str]:
    """Exit status and closing line: 1 on drift or error, or when no success shape was seen."""
    count = totals(drifts)
    checked = len(drifts) - count["skipped"]
    line = (
        f"live: {checked} operations checked, {count['conforms']} conform "
        f"({count['success_seen']} with their success shape seen), {count['drift']} drift, "
        f"{count['unauthorized']} unauthorized, {count['error']} error; {count['skipped']} skipped"
    )
    if count["success_seen"] == 0:
        line += "\nlive: no operation's success shape was seen: nothing was proven"
    return (1 if count["drift"] or count["error"] or not count["success_seen"] else 0), line


LEFT_BEHIND = 3  # exit status: the run made objects it could not remove


def final_verdict(drifts: list[Drift], info: RunInfo) -> tuple[int, str]:
    """``verdict``, then: 128 + the signal's number when a signal stopped the run, and
    ``LEFT_BEHIND`` (3) over everything when objects were left on the account."""
    status, line = verdict(drifts)
    if info.interrupted:
        number = getattr(signal, info.interrupted, signal.SIGINT)
        status, line = 128 + int(number), f"{line}\nlive: {info.interrupted} stopped the run"
    if info.left_behind:
        names = "\n".join(f"  {x}" for x in info.left_behind)
        status = LEFT_BEHIND
        line += f"\nlive: left behind on the account (remove by hand, or SWEEP=1):\n{names}"
    return status, line
