"""Compare two versions of the spec and classify every change for a client user.

    python scripts/spec_diff.py BASE [HEAD] [--json PATH] [--summary]

BASE and HEAD are git refs (the spec at spec/misaka-v3.yaml in that commit) or file paths;
HEAD defaults to the working copy. Exit status 1 when a change breaks clients, unless
ALLOW_BREAKING=1 is set.

Breaking: an operation removed, moved or renamed; a parameter removed, added as required
or made required; a request body made required; a request field removed, made required or
added as required; a type narrowed in a request (widened in a response); a constraint
tightened on input; an enum value removed from input (added to output); a response field
removed or no longer required; a success status changed; an auth requirement added.
Not breaking: additions, relaxed constraints, optional fields, documentation.

No maintained tool both handles OpenAPI 3.1 and installs here (see the README), so this is
a focused implementation with a test per rule (tests/test_spec_diff.py).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC_REL = "spec/misaka-v3.yaml"
METHODS = ("get", "put", "post", "delete", "patch")
TIGHTER = {
    "maxLength": -1,
    "maximum": -1,
    "maxItems": -1,
    "minLength": 1,
    "minimum": 1,
    "minItems": 1,
}


@dataclass(frozen=True)
class Change:
    breaking: bool
    kind: str
    operation: str  # operationId, or "" for document-level changes
    where: str
    message: str


def load(ref_or_path: str | None) -> dict[str, Any]:
    """The spec from a file, a git ref, or (None) the working copy."""
    path = ROOT / SPEC_REL if ref_or_path is None else Path(ref_or_path)
    if ref_or_path is None or path.is_file():
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        return data
    shown = subprocess.run(
        ["git", "show", f"{ref_or_path}:{SPEC_REL}"], cwd=ROOT, capture_output=True, text=True
    )
    if shown.returncode != 0:
        raise SystemExit(
            f"spec-diff: {ref_or_path!r} is neither a file nor a git ref with {SPEC_REL}"
        )
    data = yaml.safe_load(shown.stdout)
    return data


class Spec:
    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.ops: dict[str, tuple[str, str, dict[str, Any], dict[str, Any]]] = {}
        for path, item in doc.get("paths", {}).items():
            for method in METHODS:
                if method in item:
                    op = item[method]
                    self.ops[op.get("operationId", f"{method} {path}")] = (path, method, op, item)

    def resolve(self, node: Any) -> Any:
        seen = 0
        while isinstance(node, dict) and "$ref" in node and seen < 50:
            target: Any = self.doc
            for part in node["$ref"][2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            node, seen = target, seen + 1
        return node

    def params(self, op_id: str) -> dict[tuple[str, str], dict[str, Any]]:
        _, _, op, item = self.ops[op_id]
        out = {}
        for raw in [*item.get("parameters", []), *op.get("parameters", [])]:
            param = self.resolve(raw)
            out[(param["name"], param["in"])] = param
        return out

    def secured(self, op_id: str) -> bool:
        op = self.ops[op_id][2]
        return bool(op.get("security", self.doc.get("security", [])))


def _types(spec: Spec, schema: Any) -> set[str]:
    schema = spec.resolve(schema) or {}
    if "anyOf" in schema or "oneOf" in schema:
        out: set[str] = set()
        for alt in schema.get("anyOf", []) + schema.get("oneOf", []):
            out |= _types(spec, alt)
        return out
    kind = schema.get("type")
    if kind is None:
        return {"any"}
    found = set(kind) if isinstance(kind, list) else {kind}
    if "number" in found:
        found.add("integer")
    return found


def _props(spec: Spec, schema: Any) -> tuple[dict[str, Any], set[str]]:
    """Properties and required names, merged over allOf."""
    schema = spec.resolve(schema) or {}
    props = dict(schema.get("properties", {}))
    required = set(schema.get("required", []))
    for part in schema.get("allOf", []):
        more, req = _props(spec, part)
        props.update(more)
        required |= req
    return props, required


def _enum(spec: Spec, schema: Any) -> set[Any] | None:
    schema = spec.resolve(schema) or {}
    if "enum" in schema:
        return {json.dumps(v, sort_keys=True) for v in schema["enum"]}
    if "const" in schema:
        return {json.dumps(schema["const"], sort_keys=True)}
    return None


def compare_schema(
    base: Spec,
    head: Spec,
    old: Any,
    new: Any,
    *,
    request: bool,
    op: str,
    where: str,
    depth: int = 0,
) -> Iterator[Change]:
    """Changes between two schemas; ``request`` says which way data flows."""
    if depth > 12:
        return
    o, n = base.resolve(old) or {}, head.resolve(new) or {}
    t_old, t_new = _types(base, o), _types(head, n)
    if "any" not in t_old and "any" not in t_new and t_old != t_new:
        lost, gained = t_old - t_new, t_new - t_old
        if request and lost:
            yield Change(
                True, "type narrowed", op, where, f"accepts {sorted(t_new)}, was {sorted(t_old)}"
            )
        elif not request and gained:
            yield Change(
                True, "type widened", op, where, f"may return {sorted(t_new)}, was {sorted(t_old)}"
            )
        else:
            yield Change(False, "type changed", op, where, f"{sorted(t_old)} -> {sorted(t_new)}")
    e_old, e_new = _enum(base, o), _enum(head, n)
    if e_old is not None or e_new is not None:
        if request and e_old is not None and (e_new is None or e_old - (e_new or set())):
            removed = sorted(e_old - (e_new or set()))
            if removed:
                yield Change(
                    True, "enum value removed", op, where, f"no longer accepts {', '.join(removed)}"
                )
        if not request and e_new is not None and (e_old is None or e_new - e_old):
            added = sorted(e_new - (e_old or set()))
            yield Change(True, "enum value added", op, where, f"may return {', '.join(added)}")
    for key, sign in TIGHTER.items():
        a, b = o.get(key), n.get(key)
        if a == b:
            continue
        tighter = (a is None and b is not None) or (
            a is not None and b is not None and (b - a) * sign > 0
        )
        if request and tighter:
            yield Change(True, "constraint tightened", op, where, f"{key} {a} -> {b}")
        else:
            yield Change(
                False,
                "constraint relaxed" if request else "constraint changed",
                op,
                where,
                f"{key} {a} -> {b}",
            )
    if o.get("pattern") != n.get("pattern"):
        yield Change(
            request and n.get("pattern") is not None,
            "pattern changed",
            op,
            where,
            f"{o.get('pattern')!r} -> {n.get('pattern')!r}",
        )
    p_old, r_old = _props(base, o)
    p_new, r_new = _props(head, n)
    for name in sorted(set(p_old) | set(p_new)):
        at = f"{where}.{name}"
        if name not in p_new:
            yield Change(
                True,
                "request field removed" if request else "response field removed",
                op,
                at,
                "the field is gone",
            )
        elif name not in p_old:
            if request and name in r_new:
                yield Change(True, "required field added", op, at, "a new field is required")
            else:
                yield Change(
                    False, "field added", op, at, "new optional field" if request else "new field"
                )
        else:
            if request and name in r_new and name not in r_old:
                yield Change(True, "field made required", op, at, "was optional")
            if not request and name in r_old and name not in r_new:
                yield Change(True, "field no longer required", op, at, "may now be missing")
            if request and name in r_old and name not in r_new:
                yield Change(False, "field made optional", op, at, "was required")
            if not request and name in r_new and name not in r_old:
                yield Change(False, "field now always present", op, at, "was optional")
            yield from compare_schema(
                base,
                head,
                p_old[name],
                p_new[name],
                request=request,
                op=op,
                where=at,
                depth=depth + 1,
            )
    if isinstance(o.get("items"), dict) and isinstance(n.get("items"), dict):
        yield from compare_schema(
            base,
            head,
            o["items"],
            n["items"],
            request=request,
            op=op,
            where=f"{where}[]",
            depth=depth + 1,
        )
    if (o.get("description") != n.get("description")) and depth == 0:
        yield Change(False, "documentation", op, where, "description changed")


def _media_schema(spec: Spec, node: Any) -> Any:
    node = spec.resolve(node) or {}
    return node.get("content", {}).get("application/json", {}).get("schema")


def compare_operation(base: Spec, head: Spec, op: str) -> Iterator[Change]:
    path_o, method_o, o, _ = base.ops[op]
    path_n, method_n, n, _ = head.ops[op]
    if (path_o, method_o) != (path_n, method_n):
        yield Change(
            True,
            "operation moved",
            op,
            f"{method_n.upper()} {path_n}",
            f"was {method_o.upper()} {path_o}",
        )
    if not base.secured(op) and head.secured(op):
        yield Change(True, "auth requirement added", op, "security", "now needs credentials")
    elif base.secured(op) and not head.secured(op):
        yield Change(
            False, "auth requirement removed", op, "security", "no longer needs credentials"
        )
    po, pn = base.params(op), head.params(op)
    for key in sorted(set(po) | set(pn)):
        name, where = key[0], f"{key[1]} parameter {key[0]}"
        if key not in pn:
            yield Change(True, "parameter removed", op, where, "the parameter is gone")
        elif key not in po:
            required = bool(pn[key].get("required"))
            yield Change(
                required, "parameter added", op, where, "required" if required else "optional"
            )
        else:
            if pn[key].get("required") and not po[key].get("required"):
                yield Change(True, "parameter made required", op, where, "was optional")
            elif po[key].get("required") and not pn[key].get("required"):
                yield Change(False, "parameter made optional", op, where, "was required")
            yield from compare_schema(
                base,
                head,
                po[key].get("schema"),
                pn[key].get("schema"),
                request=True,
                op=op,
                where=where,
            )
        del name
    bo, bn = base.resolve(o.get("requestBody")), head.resolve(n.get("requestBody"))
    if bn and not bo:
        yield Change(
            bool(bn.get("required")),
            "request body added",
            op,
            "body",
            "required" if bn.get("required") else "optional",
        )
    elif bo and not bn:
        yield Change(True, "request body removed", op, "body", "the operation takes no body now")
    elif bo and bn:
        if bn.get("required") and not bo.get("required"):
            yield Change(True, "request body made required", op, "body", "was optional")
        yield from compare_schema(
            base,
            head,
            _media_schema(base, bo),
            _media_schema(head, bn),
            request=True,
            op=op,
            where="body",
        )
    ro, rn = o.get("responses", {}), n.get("responses", {})
    ok_o = sorted(c for c in ro if str(c).startswith("2"))
    ok_n = sorted(c for c in rn if str(c).startswith("2"))
    if ok_o != ok_n:
        yield Change(True, "success status changed", op, "responses", f"{ok_o} -> {ok_n}")
    for code in sorted(set(ro) & set(rn)):
        so, sn = _media_schema(base, ro[code]), _media_schema(head, rn[code])
        if so is not None and sn is not None:
            yield from compare_schema(
                base, head, so, sn, request=False, op=op, where=f"response {code}"
            )
        elif so is not None and sn is None and str(code).startswith("2"):
            yield Change(True, "response body removed", op, f"response {code}", "no body any more")
    for code in sorted(set(rn) - set(ro)):
        if not str(code).startswith("2"):
            yield Change(False, "response added", op, f"response {code}", "a new declared status")
    if (o.get("summary"), o.get("description")) != (n.get("summary"), n.get("description")):
        yield Change(False, "documentation", op, "summary/description", "text changed")


def diff(base_doc: dict[str, Any], head_doc: dict[str, Any]) -> list[Change]:
    base, head = Spec(base_doc), Spec(head_doc)
    changes: list[Change] = []
    by_place_old = {(p, m): op for op, (p, m, _, _) in base.ops.items()}
    for op in sorted(base.ops):
        if op not in head.ops:
            path, method, _, _ = base.ops[op]
            renamed = {(p, m): o for o, (p, m, _, _) in head.ops.items()}.get((path, method))
            if renamed and renamed not in base.ops:
                changes.append(
                    Change(
                        True,
                        "operation renamed",
                        op,
                        f"{method.upper()} {path}",
                        f"operationId is now {renamed}",
                    )
                )
            else:
                changes.append(
                    Change(True, "operation removed", op, f"{method.upper()} {path}", "removed")
                )
    for op in sorted(head.ops):
        if op not in base.ops:
            path, method, _, _ = head.ops[op]
            if (path, method) in by_place_old and by_place_old[(path, method)] not in head.ops:
                continue  # reported as a rename
            changes.append(
                Change(False, "operation added", op, f"{method.upper()} {path}", "new operation")
            )
        else:
            changes.extend(compare_operation(base, head, op))
    if base_doc.get("info", {}).get("description") != head_doc.get("info", {}).get("description"):
        changes.append(Change(False, "documentation", "", "info.description", "text changed"))
    return changes


def report(changes: list[Change], base: str, head: str) -> str:
    breaking = [c for c in changes if c.breaking]
    lines = [f"spec diff {base} -> {head}: {len(changes)} changes, {len(breaking)} breaking"]
    for title, group in (
        ("Breaking", breaking),
        ("Not breaking", [c for c in changes if not c.breaking]),
    ):
        if group:
            lines += ["", f"{title}:"]
            lines += [
                f"  - {c.kind}: {c.operation or '(document)'} {c.where}: {c.message}" for c in group
            ]
    return "\n".join(lines)


def summary(changes: list[Change], base_doc: dict[str, Any], head_doc: dict[str, Any]) -> str:
    base, head = Spec(base_doc), Spec(head_doc)
    added = sorted(set(head.ops) - set(base.ops))
    removed = sorted(set(base.ops) - set(head.ops))
    changed = sorted(
        {c.operation for c in changes if c.operation in base.ops and c.operation in head.ops}
    )
    return (
        f"operations added: {', '.join(added) or 'none'}\n"
        f"operations removed: {', '.join(removed) or 'none'}\n"
        f"operations changed: {', '.join(changed) or 'none'}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="git ref or file")
    parser.add_argument("head", nargs="?", help="git ref or file (default: the working copy)")
    parser.add_argument("--json", type=Path, help="also write the changes as JSON here")
    parser.add_argument(
        "--summary", action="store_true", help="print operations added/removed/changed"
    )
    args = parser.parse_args(argv)
    base_doc, head_doc = load(args.base), load(args.head)
    changes = diff(base_doc, head_doc)
    print(report(changes, args.base, args.head or "working copy"))
    if args.summary:
        print("\n" + summary(changes, base_doc, head_doc))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps([asdict(c) for c in changes], indent=2), encoding="utf-8")
    if any(c.breaking for c in changes) and os.environ.get("ALLOW_BREAKING") != "1":
        print("\nbreaking changes found (set ALLOW_BREAKING=1 to accept them)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
