"""What recorded traffic says the spec should become: the findings, and the spec with them.

Read by ``scripts/propose_spec.py`` (``make propose-spec FROM=<dir>``). From the recordings of
``make contract LIVE=1 RECORD=<dir>`` (``contract_tests/harness/record.py``), it finds:

- fields an answer carried that the spec lacks: added to the schema that describes that part
  of the answer, with the JSON type (and string format) observed, marked
  ``x-misaka-provenance: {certainty: recorded}`` on the field;
- fields the spec requires that answers lacked: taken out of ``required`` only when at least
  ``MIN_ANSWERS`` (3) recorded answers lacked it (items of one listing are one answer);
  below that, reported and left alone;
- statuses an operation answered that the spec does not declare: declared (with the
  response other operations use for that status, when there is one);
- values of open strings (``x-misaka-known-values``) not listed yet: appended;
- which DNS base answered: a base that answered and the spec does not name is added to
  ``x-misaka-base-paths.older``; a current base that did not answer is reported, never moved
  (every DNS path would change: a person decides).

The document is changed in place (a ruamel round-trip document keeps the spec's comments,
anchors and layout); each finding says what changed, why, and the interactions it came from.
"""

from __future__ import annotations

import datetime
import ipaddress
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from misaka_io.spec import Operation, Spec

MIN_ANSWERS = 3  # answers lacking a required field before it is proposed optional
MAX_DEPTH = 12  # how deep an answer is compared with its schema
JSON_TYPES = ((bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"))


@dataclass
class Finding:
    """One proposed change (or one that was not made, with the reason)."""

    kind: str  # field seen, required field missing, status seen, new value, dns base
    where: str  # the place in the spec
    change: str  # what the proposal does ("" when it changes nothing)
    why: str
    sources: list[str] = field(default_factory=list)  # interaction ids

    @property
    def applied(self) -> bool:
        return bool(self.change)


@dataclass
class _Seen:
    """What the recordings say about one place: the values and the answers they came from."""

    owner: dict[str, Any]
    where: str
    values: list[Any] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def add(self, value: Any, source: str) -> None:
        self.values.append(value)
        if source not in self.sources:
            self.sources.append(source)


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    for kind, name in JSON_TYPES:
        if isinstance(value, kind):
            return name
    return "array" if isinstance(value, list) else "object"


def string_format(value: str) -> str | None:
    """The JSON Schema format a string has, of those the spec uses, or None."""
    if re.fullmatch(r"\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)", value):
        return "date-time"
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        try:
            datetime.date.fromisoformat(value)
            return "date"
        except ValueError:
            return None
    if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        return "email"
    if re.fullmatch(r"https?://\S+", value):
        return "uri"
    try:
        return "ipv4" if ipaddress.ip_address(value).version == 4 else "ipv6"
    except ValueError:
        return None


def observed_schema(values: list[Any]) -> dict[str, Any]:
    """The schema of a new field from its values: their JSON types (and a string format all
    of its strings share)."""
    types = sorted({json_type(v) for v in values}, key=lambda t: (t == "null", t))
    schema: dict[str, Any] = {"type": types[0] if len(types) == 1 else types}
    strings = [v for v in values if isinstance(v, str)]
    formats = {string_format(v) for v in strings}
    if strings and len(formats) == 1 and None not in formats:
        schema["format"] = formats.pop()
    items = [i for v in values if isinstance(v, list) for i in v]
    if items:
        schema["items"] = observed_schema(items)
    return schema


class Analysis:
    """Walks recorded answers against one spec document and collects what differs."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.spec = Spec(doc)
        self.ops = self.spec.by_id()
        self.new_fields: dict[tuple[int, str], _Seen] = {}
        self.missing: dict[tuple[int, str], _Seen] = {}
        self.new_values: dict[int, _Seen] = {}
        self.statuses: dict[tuple[str, str], _Seen] = {}
        self.unknown: dict[str, list[str]] = {}
        self.bases: list[tuple[dict[str, Any], str]] = []

    # ---- reading recordings ------------------------------------------------------------------

    def recording(self, doc: dict[str, Any], name: str) -> None:
        if doc.get("dns_base"):
            self.bases.append((doc["dns_base"], name))
        for interaction in doc.get("interactions", []):
            self.interaction(interaction, f"{name}: {interaction['name']}")

    def interaction(self, interaction: dict[str, Any], source: str) -> None:
        op_id = interaction["call"]["operation"]
        op = self.ops.get(op_id)
        if op is None:
            self.unknown.setdefault(op_id, []).append(source)
            return
        answer = interaction["response"]
        code = str(answer["status"])
        responses = op.data.get("responses", {})
        if not {code, f"{code[0]}XX", "default"} & set(responses):
            key = (op_id, code)
            self.statuses.setdefault(key, _Seen(responses, f"{op_id} response {code}"))
            self.statuses[key].add(answer.get("body"), source)
            return
        schema = self._answer_schema(op, code)
        if schema is not None and answer.get("body") is not None:
            self.walk(schema, answer["body"], f"{op_id} {code}", source, 0)

    def _answer_schema(self, op: Operation, code: str) -> Any:
        response = self.spec.resolve(op.data.get("responses", {}).get(code)) or {}
        return response.get("content", {}).get("application/json", {}).get("schema")

    # ---- walking an answer along its schema ------------------------------------------------

    def walk(self, schema: Any, data: Any, where: str, source: str, depth: int) -> None:
        if depth > MAX_DEPTH:
            return
        where = _name(schema, where)
        node = self.spec.resolve(schema)
        if not isinstance(node, dict):
            return
        if "anyOf" in node or "oneOf" in node:
            chosen = self._alternative(node, data)
            if chosen is not None:
                self.walk(chosen, data, where, source, depth + 1)
            return
        if isinstance(data, str):
            self._open_string(node, data, where, source)
        elif isinstance(data, list) and isinstance(node.get("items"), dict):
            for item in data:
                self.walk(node["items"], item, f"{where}[]", source, depth + 1)
        elif isinstance(data, dict):
            self._object(node, data, where, source, depth)

    def _alternative(self, node: dict[str, Any], data: Any) -> Any:
        """The anyOf/oneOf alternative ``data`` is an instance of (by JSON type; for objects,
        the first whose required fields are all there)."""
        fitting = []
        for alt in node.get("anyOf", []) + node.get("oneOf", []):
            resolved = self.spec.resolve(alt) or {}
            kinds = resolved.get("type")
            kinds = set(kinds) if isinstance(kinds, list) else {kinds} if kinds else set()
            if not kinds and ("properties" in resolved or "allOf" in resolved):
                kinds = {"object"}
            observed = json_type(data)
            if observed in kinds or (observed == "integer" and "number" in kinds):
                fitting.append((alt, resolved))
        if isinstance(data, dict):
            for alt, resolved in fitting:
                if set(self._merged(resolved)[1]) <= set(data):
                    return alt
        return fitting[0][0] if fitting else None

    def _merged(
        self, node: dict[str, Any]
    ) -> tuple[dict[str, tuple[dict[str, Any], Any]], dict[str, dict[str, Any]]]:
        """Properties (name -> (owning node, schema)) and required names (-> owning node),
        over ``allOf``."""
        props = {name: (node, sub) for name, sub in node.get("properties", {}).items()}
        required = {name: node for name in node.get("required", [])}
        for part in node.get("allOf", []):
            more, req = self._merged(self.spec.resolve(part) or {})
            props.update(more)
            required.update(req)
        return props, required

    def _owner(self, node: dict[str, Any]) -> dict[str, Any]:
        """Where a new property of ``node`` goes: itself, or its last inline ``allOf`` part."""
        if "properties" in node or "allOf" not in node:
            return node
        inline = [p for p in node["allOf"] if isinstance(p, dict) and "$ref" not in p]
        return inline[-1] if inline else node

    def _object(
        self, node: dict[str, Any], data: dict[str, Any], where: str, source: str, depth: int
    ) -> None:
        props, required = self._merged(node)
        if not props and "additionalProperties" in node:
            extra = node["additionalProperties"]
            for key, value in data.items():
                if isinstance(extra, dict):
                    self.walk(extra, value, f"{where}.{key}", source, depth + 1)
            return
        for key, value in data.items():
            if key in props:
                self.walk(props[key][1], value, f"{where}.{key}", source, depth + 1)
            elif props or node.get("type") == "object":
                owner = self._owner(node)
                seen = self.new_fields.setdefault((id(owner), key), _Seen(owner, f"{where}.{key}"))
                seen.add(value, source)
        for key, owner in required.items():
            if key not in data:
                seen = self.missing.setdefault((id(owner), key), _Seen(owner, f"{where}.{key}"))
                seen.add(None, source)

    def _open_string(self, node: dict[str, Any], value: str, where: str, source: str) -> None:
        known = node.get("x-misaka-known-values")
        if isinstance(known, list) and value not in known:
            seen = self.new_values.setdefault(id(node), _Seen(node, where))
            if value not in seen.values:
                seen.values.append(value)
            if source not in seen.sources:
                seen.sources.append(source)

    # ---- turning what was seen into changes ---------------------------------------------------

    def apply(self, provenance: str) -> list[Finding]:
        """Change the document and say what changed (and what was left alone, and why)."""
        findings = [
            self._add_field(seen, key, provenance) for (_, key), seen in self.new_fields.items()
        ]
        findings += [self._optional(seen, key) for (_, key), seen in self.missing.items()]
        findings += [
            self._status(op_id, code, seen) for (op_id, code), seen in self.statuses.items()
        ]
        findings += [self._known(seen) for seen in self.new_values.values()]
        findings += self._dns_bases()
        findings += [
            Finding(
                "unknown operation", op_id, "", "recorded, but the spec has no such operation", s
            )
            for op_id, s in self.unknown.items()
        ]
        return findings

    def _add_field(self, seen: _Seen, key: str, provenance: str) -> Finding:
        schema = observed_schema(seen.values)
        described = ", ".join(
            f"{k} {'/'.join(v) if isinstance(v, list) else v}"
            for k, v in schema.items()
            if k in ("type", "format")
        )
        schema["description"] = "Seen in recorded answers; not in the spec before."
        schema["x-misaka-provenance"] = {"certainty": "recorded", "source": provenance}
        seen.owner.setdefault("properties", {})[key] = schema
        return Finding(
            "field seen",
            seen.where,
            f"added the field ({described})",
            f"{len(seen.sources)} recorded answer(s) carried it; the spec did not declare it",
            seen.sources,
        )

    def _optional(self, seen: _Seen, key: str) -> Finding:
        count = len(seen.sources)
        if count < MIN_ANSWERS:
            return Finding(
                "required field missing",
                seen.where,
                "",
                f"lacking in {count} recorded answer(s): left required (a required field is "
                f"made optional only when at least {MIN_ANSWERS} answers lack it)",
                seen.sources,
            )
        seen.owner["required"].remove(key)  # in place: the list keeps its layout
        if not seen.owner["required"]:
            del seen.owner["required"]
        return Finding(
            "required field missing",
            seen.where,
            "made optional (no longer required)",
            f"lacking in {count} recorded answers (threshold {MIN_ANSWERS})",
            seen.sources,
        )

    def _status(self, op_id: str, code: str, seen: _Seen) -> Finding:
        used = Counter(
            response["$ref"]
            for op in self.ops.values()
            for c, response in op.data.get("responses", {}).items()
            if c == code and isinstance(response, dict) and "$ref" in response
        )
        if used:
            ref = used.most_common(1)[0][0]
            seen.owner[code] = {"$ref": ref}
            how = (
                f"declared, as {ref.rsplit('/', 1)[-1]} (what other operations answer {code} with)"
            )
        else:
            bodies = [b for b in seen.values if b is not None]
            response: dict[str, Any] = {"description": "Seen in recorded answers."}
            if bodies:
                body_schema = observed_schema(bodies)
                response["content"] = {"application/json": {"schema": body_schema}}
            seen.owner[code] = response
            how = "declared, with the shape of the recorded body"
        return Finding(
            "status seen",
            seen.where,
            how,
            f"the operation answered {code} {len(seen.sources)} time(s); the spec does not "
            "declare it",
            seen.sources,
        )

    def _known(self, seen: _Seen) -> Finding:
        known = seen.owner["x-misaka-known-values"]
        prose = _listed(known)
        known.extend(seen.values)  # in place: keeps its layout
        text = seen.owner.get("description")
        if isinstance(text, str) and prose in text:  # the prose lists the same values: it follows
            seen.owner["description"] = text.replace(prose, _listed(known))
        listed = ", ".join(f"`{v}`" for v in seen.values)
        return Finding(
            "new value",
            seen.where,
            f"x-misaka-known-values gains {listed}",
            "an open string answered a value it does not list",
            seen.sources,
        )

    def _dns_bases(self) -> list[Finding]:
        tag = next((t for t in self.doc.get("tags", []) if "x-misaka-base-paths" in t), None)
        if tag is None or not self.bases:
            return []
        bases = tag["x-misaka-base-paths"]
        answered = {b for probe, _ in self.bases for b in probe.get("answered", [])}
        sources = [name for _, name in self.bases]
        said = " and ".join(sorted(answered)) or "neither"
        out = [
            Finding("dns base", "tags.dns.x-misaka-base-paths", "", f"answered: {said}", sources)
        ]
        new = sorted(answered - {bases["current"], *bases.get("older", [])})
        if new:
            bases["older"] = [*bases.get("older", []), *new]
            out.append(
                Finding(
                    "dns base",
                    "tags.dns.x-misaka-base-paths.older",
                    f"gains {', '.join(new)}",
                    "answered List Zones; the spec did not name it",
                    sources,
                )
            )
        if bases["current"] not in answered and answered:
            out.append(
                Finding(
                    "dns base",
                    "tags.dns.x-misaka-base-paths.current",
                    "",
                    f"{bases['current']} did not answer while {said} did: every DNS path would "
                    "move, so the proposal leaves that to a person",
                    sources,
                )
            )
        return out


def _listed(values: list[Any]) -> str:
    """Known values as the spec's prose lists them: `a`, `b`, `c`."""
    return ", ".join(f"`{v}`" for v in values)


def _name(schema: Any, where: str) -> str:
    """Where a schema is, named by its component when it is a reference."""
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else where
