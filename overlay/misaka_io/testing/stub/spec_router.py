"""Routing and request validation taken from the spec.

Every path template of the spec becomes a regular expression (and, for a tag whose
``x-misaka-base-paths`` names older bases, the same template under each of them, e.g.
``/dns/zones`` beside ``/v3/dns/zones``); a request is matched to its operation, then its
path parameters, query parameters and JSON body are checked with jsonschema against the
spec's own schemas. Failures become the spec's 422 shape
``{"detail": [{"type", "loc", "msg"}]}``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from jsonschema import ValidationError as SchemaError
from jsonschema.protocols import Validator

from misaka_io._table_types import Operation as Row
from misaka_io._table_types import operations as table_operations
from misaka_io._table_types import tags as table_tags
from misaka_io.spec import Operation, Spec
from misaka_io.testing.stub import spec_cache

# No request schema of the spec nests deeper than a few levels; this bounds the recursion of
# the JSON parser and the schema validator.
MAX_JSON_DEPTH = 64
# How many answers of ``SpecRouter.match`` are kept (then the memory starts again).
MATCHES_KEPT = 4096


class RequestInvalid(Exception):
    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__(errors)
        self.errors = errors


@dataclass
class Param:
    name: str
    location: str
    required: bool
    schema: dict[str, Any]
    check: Validator


@dataclass
class Route:
    op: Operation
    pattern: re.Pattern[str]
    params: list[Param]
    body_required: bool = False
    body_check: Validator | None = None
    secured: bool = True
    path_names: list[str] = field(default_factory=list)


def _compile(template: str) -> tuple[re.Pattern[str], list[str]]:
    names = re.findall(r"\{(\w+)\}", template)
    regex = re.sub(
        r"\{(\w+)\}", r"(?P<\1>[^/]+)", re.escape(template).replace(r"\{", "{").replace(r"\}", "}")
    )
    return re.compile(f"^{regex}$"), names


def _templates(row: Row) -> list[tuple[str, str | None]]:
    """The operation's path template, and the same under each older base of its tag."""
    bases = table_tags()[row["tag"]]["base_paths"]
    path = row["path"]
    if bases is None or not path.startswith(bases["current"] + "/"):
        return [(path, None)]
    rest = path[len(bases["current"]) :]
    return [(path, bases["current"]), *((base + rest, base) for base in bases["older"])]


class SpecRouter:
    """Use ``shared_router()``: building one compiles every operation's validators."""

    def __init__(self) -> None:
        self.routes: dict[str, dict[str, Route]] = {}
        self._patterns: list[tuple[re.Pattern[str], str]] = []
        self._base: dict[str, str] = {}  # template -> the base it is under, for those tags
        self._by_id: dict[str, Route] = {}
        self._matched: dict[
            tuple[str, tuple[str, ...] | None], tuple[dict[str, Route], dict[str, str]] | None
        ] = {}
        # What to route (path, method, credentials, bases) is the operation table's; the
        # schemas each request is validated against are the spec's.
        spec = spec_cache.load()
        spec_ops = spec.by_id()
        for row in table_operations().values():
            op = spec_ops[row["operation_id"]]
            pattern, names = _compile(row["path"])
            params = [
                Param(
                    p["name"],
                    p["in"],
                    bool(p.get("required")),
                    spec.resolve(p["schema"]),
                    # validate against the schema the $ref names: no lookup per request
                    spec.validator(spec.resolve(p["schema"])),
                )
                for p in op.parameters()
            ]
            body = op.request_body()
            route = Route(
                op=op,
                pattern=pattern,
                params=params,
                body_required=bool(body and body.get("required")),
                body_check=spec.validator(
                    spec.resolve(body["content"]["application/json"]["schema"])
                )
                if body
                else None,
                secured=not row["public"],
                path_names=names,
            )
            self._by_id[row["operation_id"]] = route
            for template, base in _templates(row):
                if template not in self.routes:
                    self.routes[template] = {}
                    self._patterns.append((_compile(template)[0], template))
                    if base is not None:
                        self._base[template] = base
                self.routes[template][row["method"]] = route
        # Concrete segments win over templated ones (/events/related before /events/{id}).
        self._patterns.sort(key=lambda item: item[1].count("{"))
        self.informational = informational_headers(spec)

    def route_of(self, operation_id: str) -> Route:
        """The route of an operation (``KeyError`` for one the table lacks)."""
        return self._by_id[operation_id]

    def match(
        self, path: str, served: Collection[str] | None = None
    ) -> tuple[dict[str, Route], dict[str, str]] | None:
        """The routes of ``path`` and its path parameters; a path under a base that is not
        ``served`` (None: every base) matches nothing. The last ``MATCHES_KEPT`` answers are
        kept (a test asks for the same few paths again and again)."""
        key = (path, None if served is None else tuple(served))
        if key in self._matched:
            found = self._matched[key]
        else:
            found = self._match(path, served)
            if len(self._matched) >= MATCHES_KEPT:
                self._matched.clear()
            self._matched[key] = found
        return None if found is None else (found[0], dict(found[1]))

    def _match(
        self, path: str, served: Collection[str] | None
    ) -> tuple[dict[str, Route], dict[str, str]] | None:
        for pattern, template in self._patterns:
            found = pattern.match(path)
            if found:
                base = self._base.get(template)
                if served is not None and base is not None and base not in served:
                    return None
                return self.routes[template], found.groupdict()
        return None


def _coerce(raw: str, schema: dict[str, Any]) -> Any:
    """Turn a path or query string into the JSON type its schema asks for, when it can."""
    kind = schema.get("type")
    if kind == "integer" and re.fullmatch(r"-?\d{1,4000}", raw):
        return int(raw)
    if kind == "number":
        try:
            return float(raw)
        except ValueError:
            return raw
    if kind == "boolean" and raw.lower() in {"true", "false", "1", "0"}:
        return raw.lower() in {"true", "1"}
    return raw


def _error(kind: str, loc: list[str | int], msg: str) -> dict[str, Any]:
    return {"type": kind, "loc": loc, "msg": msg}


def _schema_errors(check: Validator, value: Any, loc: list[str | int]) -> list[dict[str, Any]]:
    out = []
    errors: list[SchemaError] = sorted(
        check.iter_errors(value), key=lambda e: list(e.absolute_path)
    )
    for err in errors:
        where: list[str | int] = [*loc, *err.absolute_path]
        if err.validator == "required":
            missing = [name for name in err.validator_value if name not in (err.instance or {})]
            for name in missing:
                out.append(_error("missing", [*where, name], "Field required"))
            continue
        out.append(_error(str(err.validator), where, err.message[:300]))
    return out


def schema_errors(check: Validator, value: Any, loc: list[str | int]) -> list[dict[str, Any]]:
    """The spec's 422 errors of ``value`` against ``check``, located under ``loc``."""
    return _schema_errors(check, value, loc)


def _depth(value: Any) -> int:
    """How deeply arrays and objects nest in a parsed JSON value (iteratively)."""
    deepest, todo = 0, [(value, 1)]
    while todo:
        node, level = todo.pop()
        if isinstance(node, dict | list):
            deepest = max(deepest, level)
            todo.extend(
                (child, level + 1) for child in (node.values() if isinstance(node, dict) else node)
            )
    return deepest


def parse_json(data: bytes) -> Any:
    """JSON with at most ``MAX_JSON_DEPTH`` levels of nesting (ValueError beyond)."""
    try:
        value = json.loads(data)
    except RecursionError:
        raise ValueError(f"nested deeper than {MAX_JSON_DEPTH} levels") from None
    if _depth(value) > MAX_JSON_DEPTH:
        raise ValueError(f"nested deeper than {MAX_JSON_DEPTH} levels")
    return value


def validate_request(
    route: Route,
    path_params: dict[str, str],
    query: list[tuple[str, str]],
    body_bytes: bytes,
    content_type: str,
) -> tuple[dict[str, Any], Any]:
    """Check a request against its operation; return (parameters, body) or raise 422."""
    errors: list[dict[str, Any]] = []
    values: dict[str, Any] = {}
    query_map: dict[str, list[str]] = {}
    for key, value in query:
        query_map.setdefault(key, []).append(value)
    for param in route.params:
        if param.location == "path":
            raw: str | None = path_params.get(param.name)
        elif param.location == "query":
            given = query_map.get(param.name)
            if given and len(given) > 1:
                errors.append(
                    _error("multiple_values", ["query", param.name], "Give this parameter once")
                )
                continue
            raw = given[0] if given else None
        else:
            continue
        if raw is None:
            if param.required:
                errors.append(_error("missing", [param.location, param.name], "Field required"))
            elif "default" in param.schema:
                values[param.name] = param.schema["default"]
            continue
        value = _coerce(raw, param.schema)
        problems = _schema_errors(param.check, value, [param.location, param.name])
        errors.extend(problems)
        if not problems:
            values[param.name] = value

    body: Any = None
    if route.body_check is not None:
        if not body_bytes.strip():
            if route.body_required:
                errors.append(_error("missing", ["body"], "A JSON body is required"))
        elif not content_type.split(";")[0].strip().lower().endswith(("/json", "+json")):
            errors.append(_error("content_type", ["body"], "The body must be application/json"))
        else:
            try:
                body = parse_json(body_bytes)
            except (ValueError, UnicodeDecodeError) as exc:
                errors.append(_error("json_invalid", ["body"], f"Invalid JSON: {exc}"[:300]))
            else:
                errors.extend(_schema_errors(route.body_check, body, ["body"]))
    if errors:
        raise RequestInvalid(errors)
    return values, body


_SHARED: SpecRouter | None = None


def informational_headers(spec: Spec) -> dict[str, str]:
    """Each answer header the spec marks ``x-misaka-informational``, with its example value
    (the recorded API sends them on every answer; nobody should rely on them)."""
    responses = list(spec.doc["components"].get("responses", {}).values())
    for op in spec.operations():
        responses += op.responses().values()
    found: dict[str, str] = {}
    for response in responses:
        for name, header in spec.resolve(response).get("headers", {}).items():
            header = spec.resolve(header)
            if header.get("x-misaka-informational"):
                found[name] = str(header["example"])
    return found


def shared_router() -> SpecRouter:
    """The one router of this process (the stub apps and the response checker share it)."""
    global _SHARED
    if _SHARED is None:
        _SHARED = SpecRouter()
    return _SHARED
