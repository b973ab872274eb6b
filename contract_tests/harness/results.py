"""Per-operation results, the printed table and the JUnit XML file."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from misaka_io.spec import operations


@dataclass
class PartResult:
    """One part (stub or client) of one operation's result."""

    ran: bool = False
    cases: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.ran and not self.failures

    def label(self) -> str:
        if not self.ran:
            return "not run"
        return "pass" if not self.failures else f"FAIL ({len(self.failures)})"


@dataclass
class OperationResult:
    operation_id: str
    label: str  # "GET /v3/ports"
    certainty: str
    parts: dict[str, PartResult] = field(default_factory=dict)

    def part(self, name: str) -> PartResult:
        return self.parts.setdefault(name, PartResult())

    @property
    def passed(self) -> bool:
        return bool(self.parts) and all(p.passed for p in self.parts.values())

    @property
    def cases(self) -> int:
        return sum(p.cases for p in self.parts.values())


def new_results() -> dict[str, OperationResult]:
    return {
        op.operation_id: OperationResult(
            op.operation_id, f"{op.method.upper()} {op.path}", op.certainty
        )
        for op in operations()
    }


def by_label(results: dict[str, OperationResult]) -> dict[str, OperationResult]:
    return {r.label: r for r in results.values()}


def table(results: dict[str, OperationResult], parts: list[str]) -> str:
    head = ["operation", "certainty", *parts, "examples"]
    rows = [
        [r.operation_id, r.certainty, *(r.part(p).label() for p in parts), str(r.cases)]
        for r in sorted(results.values(), key=lambda r: r.operation_id)
    ]
    widths = [max(len(x) for x in col) for col in zip(head, *rows, strict=True)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(head, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(lines)


def failures_text(results: dict[str, OperationResult]) -> str:
    out = []
    for r in sorted(results.values(), key=lambda r: r.operation_id):
        for name, part in r.parts.items():
            for failure in part.failures:
                out.append(f"{r.operation_id} [{name}]: {failure}")
    return "\n".join(out)


def summary(results: dict[str, OperationResult]) -> str:
    passed = sum(1 for r in results.values() if r.passed)
    return f"contract: {len(results)} operations, {passed} passed, {len(results) - passed} failed"


def write_junit(results: dict[str, OperationResult], path: Path, suite: str = "contract") -> None:
    cases = [(r, name, part) for r in results.values() for name, part in r.parts.items()]
    root = ET.Element(
        "testsuite",
        name=suite,
        tests=str(len(cases)),
        failures=str(sum(1 for _, _, p in cases if p.ran and p.failures)),
        skipped=str(sum(1 for _, _, p in cases if not p.ran)),
    )
    for result, name, part in sorted(cases, key=lambda c: (c[0].operation_id, c[1])):
        case = ET.SubElement(
            root, "testcase", classname=f"{suite}.{name}", name=result.operation_id
        )
        ET.SubElement(case, "properties").append(
            ET.Element("property", name="examples", value=str(part.cases))
        )
        if not part.ran:
            ET.SubElement(case, "skipped")
        elif part.failures:
            failure = ET.SubElement(case, "failure", message=part.failures[0][:200])
            failure.text = "\n\n".join(part.failures)
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
