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
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from misaka_io.spec import Operation, Spec, SpecError

ROOT = Path(__file__).resolve().parent.parent


MAX_DEPTH = 12  # how deep nested schemas are compared
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
    try:
        return Spec.read(ref_or_path).doc
    except SpecError as exc:
        raise SystemExit(f"spec-diff: {exc}") from None


# ---- reading schemas -----------------------------------------------------------------------


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


@dataclass(frozen=True)
class Place:
    """Where a schema comparison is: the operation, the path inside it, the data's direction."""

    op: str
    where: str
    request: bool
    depth: int = 0

    def deeper(self, suffix: str) -> Place:
        return Place(self.op, f"{self.where}{suffix}", self.request, self.depth + 1)

    def change(self, breaking: bool, kind: str, message: str, where: str | None = None) -> Change:
        return Change(breaking, kind, self.op, where or self.where, message)


# ---- comparing schemas, one rule family per step ---------------------------------------------


def _type_changes(o: set[str], n: set[str], at: Place) -> Iterator[Change]:
    if "any" in o or "any" in n or o == n:
        return
    if at.request and o - n:
        yield at.change(True, "type narrowed", f"accepts {sorted(n)}, was {sorted(o)}")
    elif not at.request and n - o:
        yield at.change(True, "type widened", f"may return {sorted(n)}, was {sorted(o)}")
    else:
        yield at.change(False, "type changed", f"{sorted(o)} -> {sorted(n)}")


def _enum_changes(o: set[Any] | None, n: set[Any] | None, at: Place) -> Iterator[Change]:
    if at.request and o is not None:
        removed = sorted(o - (n or set()))
        if removed:
            yield at.change(True, "enum value removed", f"no longer accepts {', '.join(removed)}")
    if not at.request and n is not None and (o is None or n - o):
        added = sorted(n - (o or set()))
        yield at.change(True, "enum value added", f"may return {', '.join(added)}")


def _constraint_changes(o: dict[str, Any], n: dict[str, Any], at: Place) -> Iterator[Change]:
    for key, sign in TIGHTER.items():
        a, b = o.get(key), n.get(key)
        if a == b:
            continue
        tighter = b is not None and (a is None or (b - a) * sign > 0)
        if at.request and tighter:
            yield at.change(True, "constraint tightened", f"{key} {a} -> {b}")
        else:
            kind = "constraint relaxed" if at.request else "constraint changed"
            yield at.change(False, kind, f"{key} {a} -> {b}")
    if o.get("pattern") != n.get("pattern"):
        message = f"{o.get('pattern')!r} -> {n.get('pattern')!r}"
        yield at.change(at.request and n.get("pattern") is not None, "pattern changed", message)


def _field_presence(
    name: str, old_required: bool, new_required: bool, at: Place
) -> Iterator[Change]:
    """A field in both versions whose required-ness changed."""
    if old_required == new_required:
        return
    if at.request:
        yield (
            at.change(True, "field made required", "was optional")
            if new_required
            else at.change(False, "field made optional", "was required")
        )
    else:
        yield (
            at.change(False, "field now always present", "was optional")
            if new_required
            else at.change(True, "field no longer required", "may now be missing")
        )


def _field_changes(
    base: Spec, head: Spec, o: dict[str, Any], n: dict[str, Any], at: Place
) -> Iterator[Change]:
    p_old, r_old = _props(base, o)
    p_new, r_new = _props(head, n)
    for name in sorted(set(p_old) | set(p_new)):
        field = at.deeper(f".{name}")
        if name not in p_new:
            kind = "request field removed" if at.request else "response field removed"
            yield field.change(True, kind, "the field is gone")
        elif name not in p_old:
            if at.request and name in r_new:
                yield field.change(True, "required field added", "a new field is required")
            else:
                message = "new optional field" if at.request else "new field"
                yield field.change(False, "field added", message)
        else:
            yield from _field_presence(name, name in r_old, name in r_new, field)
            yield from compare_schema(base, head, p_old[name], p_new[name], field)


def compare_schema(base: Spec, head: Spec, old: Any, new: Any, at: Place) -> Iterator[Change]:
    """Changes between two schemas; ``at.request`` says which way data flows."""
    if at.depth > MAX_DEPTH:
        return
    o, n = base.resolve(old) or {}, head.resolve(new) or {}
    yield from _type_changes(_types(base, o), _types(head, n), at)
    yield from _enum_changes(_enum(base, o), _enum(head, n), at)
    yield from _constraint_changes(o, n, at)
    yield from _field_changes(base, head, o, n, at)
    if isinstance(o.get("items"), dict) and isinstance(n.get("items"), dict):
        yield from compare_schema(base, head, o["items"], n["items"], at.deeper("[]"))
    if o.get("description") != n.get("description") and at.depth == 0:
        yield at.change(False, "documentation", "description changed")


# ---- comparing operations ----------------------------------------------------------------------


def _media_schema(spec: Spec, node: Any) -> Any:
    node = spec.resolve(node) or {}
    return node.get("content", {}).get("application/json", {}).get("schema")


def _place_and_auth(o: Operation, n: Operation) -> Iterator[Change]:
    op = o.operation_id
    if (o.path, o.method) != (n.path, n.method):
        where = f"{n.method.upper()} {n.path}"
        yield Change(True, "operation moved", op, where, f"was {o.method.upper()} {o.path}")
    if not o.secured and n.secured:
        yield Change(True, "auth requirement added", op, "security", "now needs credentials")
    elif o.secured and not n.secured:
        yield Change(
            False, "auth requirement removed", op, "security", "no longer needs credentials"
        )


def _parameter_changes(o: Operation, n: Operation) -> Iterator[Change]:
    po = {(p["name"], p["in"]): p for p in o.parameters()}
    pn = {(p["name"], p["in"]): p for p in n.parameters()}
    for key in sorted(set(po) | set(pn)):
        at = Place(o.operation_id, f"{key[1]} parameter {key[0]}", request=True)
        if key not in pn:
            yield at.change(True, "parameter removed", "the parameter is gone")
        elif key not in po:
            required = bool(pn[key].get("required"))
            yield at.change(required, "parameter added", "required" if required else "optional")
        else:
            was, now = bool(po[key].get("required")), bool(pn[key].get("required"))
            if now and not was:
                yield at.change(True, "parameter made required", "was optional")
            elif was and not now:
                yield at.change(False, "parameter made optional", "was required")
            yield from compare_schema(
                o.spec, n.spec, po[key].get("schema"), pn[key].get("schema"), at
            )


def _body_changes(o: Operation, n: Operation) -> Iterator[Change]:
    bo, bn = o.request_body(), n.request_body()
    at = Place(o.operation_id, "body", request=True)
    if bn and not bo:
        required = bool(bn.get("required"))
        yield at.change(required, "request body added", "required" if required else "optional")
    elif bo and not bn:
        yield at.change(True, "request body removed", "the operation takes no body now")
    elif bo and bn:
        if bn.get("required") and not bo.get("required"):
            yield at.change(True, "request body made required", "was optional")
        yield from compare_schema(
            o.spec, n.spec, _media_schema(o.spec, bo), _media_schema(n.spec, bn), at
        )


def _response_changes(o: Operation, n: Operation) -> Iterator[Change]:
    op, ro, rn = o.operation_id, o.data.get("responses", {}), n.data.get("responses", {})
    ok_o, ok_n = o.success_codes(), n.success_codes()
    if ok_o != ok_n:
        yield Change(True, "success status changed", op, "responses", f"{ok_o} -> {ok_n}")
    for code in sorted(set(ro) & set(rn)):
        so, sn = _media_schema(o.spec, ro[code]), _media_schema(n.spec, rn[code])
        at = Place(op, f"response {code}", request=False)
        if so is not None and sn is not None:
            yield from compare_schema(o.spec, n.spec, so, sn, at)
        elif so is not None and sn is None and str(code).startswith("2"):
            yield at.change(True, "response body removed", "no body any more")
    for code in sorted(set(rn) - set(ro)):
        if not str(code).startswith("2"):
            yield Change(False, "response added", op, f"response {code}", "a new declared status")


def compare_operation(o: Operation, n: Operation) -> Iterator[Change]:
    """Every change between two versions of one operation."""
    yield from _place_and_auth(o, n)
    yield from _parameter_changes(o, n)
    yield from _body_changes(o, n)
    yield from _response_changes(o, n)
    if (o.data.get("summary"), o.data.get("description")) != (
        n.data.get("summary"),
        n.data.get("description"),
    ):
        yield Change(False, "documentation", o.operation_id, "summary/description", "text changed")


# ---- comparing documents -------------------------------------------------------------------


def _gone(base: dict[str, Operation], head: dict[str, Operation]) -> Iterator[Change]:
    """Operations of ``base`` missing from ``head``: renamed (same place) or removed."""
    by_place = {(op.path, op.method): op_id for op_id, op in head.items()}
    for op_id in sorted(set(base) - set(head)):
        op = base[op_id]
        where = f"{op.method.upper()} {op.path}"
        renamed = by_place.get((op.path, op.method))
        if renamed and renamed not in base:
            yield Change(True, "operation renamed", op_id, where, f"operationId is now {renamed}")
        else:
            yield Change(True, "operation removed", op_id, where, "removed")


def diff(base_doc: dict[str, Any], head_doc: dict[str, Any]) -> list[Change]:
    base, head = Spec(base_doc).by_id(), Spec(head_doc).by_id()
    changes = list(_gone(base, head))
    old_places = {(op.path, op.method): op_id for op_id, op in base.items()}
    for op_id in sorted(head):
        op = head[op_id]
        if op_id in base:
            changes.extend(compare_operation(base[op_id], op))
        elif old_places.get((op.path, op.method)) in set(base) - set(head):
            continue  # reported as a rename
        else:
            where = f"{op.method.upper()} {op.path}"
            changes.append(Change(False, "operation added", op_id, where, "new operation"))
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
    base, head = Spec(base_doc).by_id(), Spec(head_doc).by_id()
    added = sorted(set(head) - set(base))
    removed = sorted(set(base) - set(head))
    changed = sorted({c.operation for c in changes if c.operation in base and c.operation in head})
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
