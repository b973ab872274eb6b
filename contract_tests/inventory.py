"""The facts the spec's tests hold it to, read from ``spec/evidence.yaml``.

That file is derived from ``misaka-api-facts.md`` (the reference beside the repository, in
``../shared/reference/``) by ``python -m contract_tests.inventory --write``, and committed, so
the spec's tests run in any clone: section 1's operation inventory (summary as in the newer
docs menu, HTTP method, certainty), section 4b's recorded calls (method, path under the older
``/dns`` base) and the answers recorded there, verbatim; section 2's documented operations
(each request body's fields, which are required, their ``minLength``, and the fields of the
success answer). A clone without the file fails its
tests; where the reference is present, ``--check`` (and a test) says whether the file still
agrees with it.

``RECORDED`` says which operation each recorded call is: those operations are ``recorded`` in
the spec, whatever section 1 says. ``PUBLIC`` is the project's own: the operations that need
no user.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
EVIDENCE = ROOT / "spec" / "evidence.yaml"
FACTS = ROOT.parent / "shared" / "reference" / "misaka-api-facts.md"
CERTAINTIES = ("documented", "corroborated", "inferred")
# The older docs menu said "Event Attachment"; the inventory keeps the newer menu's titles.
RENAMED = {"Event Attachment(s)": "Event Attachments"}
HEADER = """\
# Derived from misaka-api-facts.md by `python -m contract_tests.inventory --write`: do not edit.
# The spec's tests (contract_tests/test_spec.py) hold the spec to these facts.
"""


class EvidenceError(Exception):
    """The evidence file is missing or does not say what the tests need."""


def _section(text: str, heading: str) -> str:
    parts = text.split(f"\n## {heading}", 1)
    if len(parts) != 2:
        raise EvidenceError(f"the facts file has no section '## {heading}'")
    return parts[1].split("\n## ", 1)[0]


_FIELD = re.compile(r"`(\w+)([*?])`")


def _request_fields(text: str) -> list[dict[str, Any]]:
    """``name*`` (required) and ``name?`` fields, each with the minLength its words give."""
    marks = list(_FIELD.finditer(text))
    fields = []
    for mark, after in zip(marks, [*marks[1:], None], strict=True):
        words = text[mark.end() : after.start() if after else len(text)]
        least = re.search(r"minLength (\d+)", words)
        field: dict[str, Any] = {"name": mark[1], "required": mark[2] == "*"}
        if least:
            field["min_length"] = int(least[1])
        fields.append(field)
    return fields


def _documented(text: str) -> list[dict[str, Any]]:
    """Section 2: each documented operation's request fields and success answer's fields."""
    out = []
    for block in _section(text, "2.").split("\n### ")[1:]:
        found = re.match(r"[^`]*`(GET|POST|PUT|PATCH|DELETE) (\S+)`", block)
        if found is None:
            raise EvidenceError(f"section 2: no method and path in {block[:60]!r}")
        request, _, answer = block.partition("\nRespons")
        success = answer.split("- failure", 1)[0].split("\n\n", 1)[0]
        if "- success:" in success:
            success = success.split("- success:", 1)[1]
        success = re.sub(r"\([^)]*\)", "", success)  # asides: "(same fields as above ...)"
        names = re.findall(r'"(\w+)":', success) or re.findall(r"`(\w+)`", success)
        out.append(
            {
                "method": found[1].lower(),
                "path": found[2],
                "request": _request_fields(request.split("Request body", 1)[1]),
                "answer": names,
            }
        )
    return out


def derive(text: str) -> dict[str, Any]:
    """The evidence in the facts file's text: section 1's table, section 2's documented
    shapes, and section 4b's calls and samples."""
    inventory = []
    for line in _section(text, "1.").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        certainty = cells[-1].split(" ")[0]
        if len(cells) == 4 and certainty in CERTAINTIES:
            title = RENAMED.get(cells[1], cells[1])
            inventory.append(
                {"summary": title, "method": cells[2].split(" ")[0].lower(), "certainty": certainty}
            )
    recorded = _section(text, "4b.")
    calls = []
    for line in recorded.splitlines():
        found = re.match(r"\| `(GET|POST|PUT|DELETE) ([^`?]+)[^`]*` \|", line)
        if found and "{unknown}" not in found[2]:
            call = {"method": found[1].lower(), "path": found[2]}
            if call not in calls:
                calls.append(call)
    samples = [json.loads(block) for block in re.findall(r"```json\n(.*?)```", recorded, re.S)]
    return {
        "source": FACTS.name,
        "source_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "inventory": inventory,
        "documented": _documented(text),
        "recorded_calls": calls,
        "recorded_samples": samples,
    }


def render(evidence: dict[str, Any]) -> str:
    return HEADER + yaml.safe_dump(evidence, sort_keys=False, allow_unicode=True, width=100)


def load(path: Path = EVIDENCE) -> dict[str, Any]:
    """The evidence file, checked for the keys the tests read; an error naming the file and
    the command that makes it otherwise."""
    fix = f"derive it from {FACTS.name}: python -m contract_tests.inventory --write"
    if not path.is_file():
        raise EvidenceError(f"{path} is missing; {fix}")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    wanted = ("inventory", "documented", "recorded_calls", "recorded_samples")
    if not isinstance(data, dict) or any(not data.get(key) for key in wanted):
        raise EvidenceError(f"{path} lacks one of {wanted}; {fix}")
    return data


def inventory(evidence: dict[str, Any]) -> tuple[tuple[str, str, str], ...]:
    """Section 1's rows as (summary, method, certainty)."""
    return tuple((row["summary"], row["method"], row["certainty"]) for row in evidence["inventory"])


def recorded_calls(evidence: dict[str, Any]) -> frozenset[tuple[str, str]]:
    """Section 4b's calls as (method, path under the older /dns base)."""
    return frozenset((call["method"], call["path"]) for call in evidence["recorded_calls"])


# Operations that need no user: everything else must accept either auth scheme.
PUBLIC = frozenset({"login", "refresh_user_token", "login_with_2fa", "confirm_email"})

# Which operation each of section 4b's calls (method, path under the older /dns base) is.
RECORDED: dict[tuple[str, str], str] = {
    ("get", "zones/{zone}/settings"): "get_zone_settings",
    ("get", "zones/{zone}/recordsets"): "list_recordsets",
    ("get", "zones/{zone}/recordsets/{name}/{type}"): "get_recordset",
    ("post", "zones/{zone}/recordsets/{name}/{type}"): "create_recordset",
    ("put", "zones/{zone}/recordsets/{name}/{type}"): "update_recordset",
    ("delete", "zones/{zone}/recordsets/{name}/{type}"): "delete_recordset",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite spec/evidence.yaml")
    parser.add_argument("--facts", type=Path, default=FACTS, help="the facts reference")
    args = parser.parse_args(argv)
    if not args.facts.is_file():
        print(f"{args.facts}: no facts reference here", file=sys.stderr)
        return 2
    fresh = render(derive(args.facts.read_text(encoding="utf-8")))
    if args.write:
        EVIDENCE.write_text(fresh, encoding="utf-8")
        return 0
    if EVIDENCE.read_text(encoding="utf-8") != fresh:
        print(f"{EVIDENCE} no longer agrees with {args.facts}: run with --write", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
