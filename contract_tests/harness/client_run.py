"""Client conformance: every operation through the overlay and the generated client, with
respx standing in for the server.

1. Requests: for inputs generated from the spec (hypothesis, via schemathesis), the request
   the client sends is what the spec declares: method, path and its parameters, query, auth
   header, and a body that validates against the request schema.
2. Responses: for every declared status, the spec's example and bodies generated from the
   response schema parse into the declared model (``to_dict()`` gives the JSON back) or raise
   the overlay's typed error for that status, carrying the body.
3. Tolerance (inferred operations): unknown properties and unknown values of documented
   strings parse; a body that breaks the schema raises ``ResponseValidationError`` with the
   raw body.
"""

from __future__ import annotations

import copy
import datetime
import inspect
import json
import re
import warnings
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

import httpx
import respx
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from contract_tests.conformance import Problem, check, route_for
from contract_tests.harness.results import OperationResult
from misaka_io import (
    APIStatusError,
    Misaka,
    ResponseValidationError,
    SyncPage,
)
from misaka_io._exceptions import error_class
from misaka_io.spec import SPEC_PATH, Operation, load_spec, operations, resolve
from misaka_io.testing.stub.spec_router import RequestInvalid, validate_request
from misaka_io_generated import models

BASE = "https://contract.misaka.test"
TOKEN = "contract-harness-t0ken"
PART = "client"
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", re.I)
SETTINGS = settings(
    database=None,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


def normalize(value: Any) -> Any:
    """JSON with RFC 3339 times turned into instants, so equal times compare equal."""
    if isinstance(value, dict):
        return {k: normalize(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalize(v) for v in value]
    if isinstance(value, datetime.datetime):
        return ("instant", value.astimezone(datetime.UTC) if value.tzinfo else value)
    if isinstance(value, str) and _RFC3339.match(value):
        try:
            parsed = datetime.datetime.fromisoformat(value)
        except (ValueError, OverflowError):
            return value
        return ("instant", parsed.astimezone(datetime.UTC) if parsed.tzinfo else parsed)
    return value


def facade_method(client: Misaka, op: Operation) -> Callable[..., Any]:
    group: Any = getattr(client, op.data["tags"][0].replace("-", "_"))
    method: Callable[..., Any] = getattr(group, op.operation_id)
    return method


def _python_name(name: str, signature: inspect.Signature) -> str:
    for candidate in (name, f"{name}_"):
        if candidate in signature.parameters:
            return candidate
    raise KeyError(f"the facade has no parameter for {name!r}")


def _typed(raw: Any, schema: dict[str, Any]) -> Any:
    schema = resolve(schema)
    if schema.get("format") == "date-time" and isinstance(raw, str):
        return datetime.datetime.fromisoformat(raw)
    if schema.get("type") == "integer" and isinstance(raw, str):
        return int(raw)
    if schema.get("type") == "boolean" and isinstance(raw, str):
        return raw.lower() == "true"
    return raw


def call_arguments(
    method: Callable[..., Any], op: Operation, case: Any
) -> tuple[list[Any], dict[str, Any]]:
    """The facade call that asks for what ``case`` (a schemathesis case) describes."""
    signature = inspect.signature(method)
    params = {(p["name"], p["in"]): p for p in op.parameters()}
    by_python: dict[str, Any] = {}
    for name, raw in (case.path_parameters or {}).items():
        schema = params[(name, "path")]["schema"]
        by_python[_python_name(name, signature)] = _typed(unquote(str(raw)), schema)
    for name, raw in (case.query or {}).items():
        by_python[_python_name(name, signature)] = _typed(raw, params[(name, "query")]["schema"])
    if case.body is not None and not isinstance(case.body, schemathesis.core.NotSet):
        annotation = str(signature.parameters["body"].annotation)
        model_name = re.findall(r"[A-Z]\w+", annotation)[0]
        by_python["body"] = getattr(models, model_name).from_dict(copy.deepcopy(case.body))
    args = [
        by_python.pop(p.name)
        for p in signature.parameters.values()
        if p.kind == p.POSITIONAL_OR_KEYWORD
    ]
    return args, by_python


def success(op: Operation) -> tuple[int, dict[str, Any]]:
    """The operation's success status (the spec declares one) and its response."""
    ((code, response),) = [(int(c), op.responses()[c]) for c in op.success_codes()]
    return code, response


def example_response(op: Operation) -> httpx.Response:
    code, response = success(op)
    media = response.get("content", {}).get("application/json")
    if media is None:
        return httpx.Response(code)
    return httpx.Response(code, json=media["example"])


def _request_problems(op: Operation, request: httpx.Request, case: Any) -> list[Problem]:
    return [Problem("$", "request", message) for message in _request_messages(op, request, case)]


def _request_messages(op: Operation, request: httpx.Request, case: Any) -> list[str]:
    out = []
    route = route_for(request.method, request.url.path)
    if route is None or route.op.operation_id != op.operation_id:
        return [f"sent {request.method} {request.url.path}, which is not {op.operation_id}"]
    found = route.pattern.match(request.url.path)
    assert found is not None
    path_params = {k: unquote(v) for k, v in found.groupdict().items()}
    for name, raw in (case.path_parameters or {}).items():
        asked = unquote(str(raw))
        if path_params.get(name) != asked:
            out.append(f"path parameter {name}: sent {path_params.get(name)!r}, asked {asked!r}")
    query = list(request.url.params.multi_items())
    sent = dict(query)
    schemas = {p["name"]: p["schema"] for p in op.parameters() if p["in"] == "query"}
    for name, raw in (case.query or {}).items():
        if name not in sent:
            out.append(f"query parameter {name} was dropped")
            continue
        asked, got = _typed(raw, schemas[name]), _typed(sent[name], schemas[name])
        if normalize(asked) != normalize(got):
            out.append(f"query parameter {name}: sent {sent[name]!r}, asked {raw!r}")
    try:
        validate_request(
            route, path_params, query, request.content, request.headers.get("content-type", "")
        )
    except RequestInvalid as exc:
        out += [f"request does not validate: {e['loc']}: {e['msg']}" for e in exc.errors]
    auth = request.headers.get("authorization")
    if op.secured and auth != f"Token {TOKEN}":
        out.append(f"Authorization header is {'missing' if auth is None else 'wrong'}")
    if not op.secured and auth is not None:
        out.append("a public operation was sent credentials")
    if case.body is not None and not isinstance(case.body, schemathesis.core.NotSet):
        if not request.headers.get("content-type", "").startswith("application/json"):
            out.append("body sent without Content-Type: application/json")
        elif normalize(json.loads(request.content)) != normalize(case.body):
            out.append("body sent differs from the one asked for")
    return out


def check_requests(
    client: Misaka, op: Operation, schema: Any, examples: int, result: OperationResult
) -> None:
    part = result.part(PART)
    method = facade_method(client, op)
    strategy = schema.find_operation_by_id(op.operation_id).as_strategy(GenerationMode.POSITIVE)

    @settings(SETTINGS, max_examples=examples)
    @given(case=strategy)
    def requests_match(case: Any) -> None:
        part.cases += 1
        with respx.mock(base_url=BASE, assert_all_called=False) as mock:
            route = mock.route().mock(return_value=example_response(op))
            args, kwargs = call_arguments(method, op, case)
            method(*args, **kwargs)
            problems = _request_problems(op, route.calls.last.request, case)
        assert problems == [], "; ".join(map(str, problems))

    try:
        requests_match()
    except Exception as exc:  # hypothesis re-raises the smallest failing example
        part.failures.append(f"request: {type(exc).__name__}: {str(exc)[:800]}")


def _body_schema_doc() -> dict[str, Any]:
    """A made-up spec whose request bodies are this spec's response schemas, so that
    schemathesis generates response bodies too."""
    spec = load_spec()
    paths: dict[str, Any] = {}
    for op in operations():
        for code, response in op.responses().items():
            media = response.get("content", {}).get("application/json")
            if media:
                paths[f"/{op.operation_id}/{code}"] = {
                    "post": {
                        "operationId": f"{op.operation_id}__{code}",
                        "requestBody": {
                            "required": True,
                            "content": {"application/json": {"schema": media["schema"]}},
                        },
                        "responses": {"200": {"description": "ok"}},
                    }
                }
    return {
        "openapi": "3.1.0",
        "info": {"title": "response bodies", "version": "1"},
        "paths": paths,
        "components": {"schemas": spec["components"]["schemas"]},
    }


def _declared(op: Operation) -> list[tuple[int, dict[str, Any]]]:
    return [(int(c), r) for c, r in op.responses().items()]


def _expect(
    client: Misaka,
    op: Operation,
    call: Callable[[], Any],
    code: int,
    body: Any,
    *,
    beyond_the_spec: bool = False,
) -> list[Problem]:
    """Serve ``body`` with ``code`` and check what the client makes of it. The body must
    conform (a client failure on a non-conforming body would prove nothing), unless it is
    ``beyond_the_spec`` on purpose (the tolerance bodies carry what a newer API may add)."""
    content = None if body is None else json.dumps(body).encode()
    served = [] if beyond_the_spec else check(op, code, "application/json", content or b"")
    if served:
        return [
            Problem(p.path, p.rule, f"{code}: the served body does not conform: {p.message}")
            for p in served
        ]
    return [
        Problem("$", f"client {code}", m) for m in _client_reaction(op, call, code, body, content)
    ]


def _client_reaction(
    op: Operation, call: Callable[[], Any], code: int, body: Any, content: bytes | None
) -> list[str]:
    with respx.mock(base_url=BASE, assert_all_called=False) as mock:
        headers = {"content-type": "application/json"} if content is not None else {}
        mock.route().mock(return_value=httpx.Response(code, content=content, headers=headers))
        try:
            value = call()
        except APIStatusError as exc:
            if 200 <= code < 300:
                return [f"{code}: raised {type(exc).__name__}"]
            if exc.status_code != code or exc.body != body:
                return [f"{code}: error carries status {exc.status_code} and another body"]
            wanted = error_class(code)  # the overlay's one table of them
            if type(exc) is not wanted:
                return [f"{code}: raised {type(exc).__name__}, not {wanted.__name__}"]
            return []
        except ResponseValidationError as exc:
            return [f"{code}: a schema-valid body did not parse: {exc}"[:600]]
    if not 200 <= code < 300:
        return [f"{code}: no error was raised"]
    if body is None:
        return [] if value is None else [f"{code}: expected None, got {type(value).__name__}"]
    if isinstance(value, SyncPage):  # a listing: the page holds the whole answer
        value = value.listing
    if normalize(value.to_dict()) != normalize(body):
        return [f"{code}: to_dict() differs from the JSON it came from"]
    return []


def check_responses(
    client: Misaka,
    op: Operation,
    bodies: Any,
    call: Callable[[], Any],
    examples: int,
    result: OperationResult,
) -> None:
    part = result.part(PART)
    for code, response in _declared(op):
        media = response.get("content", {}).get("application/json")
        if media is None:
            part.cases += 1
            part.failures += map(str, _expect(client, op, call, code, None))
            continue
        part.cases += 1
        part.failures += map(str, _expect(client, op, call, code, media["example"]))
        strategy = bodies.find_operation_by_id(f"{op.operation_id}__{code}").as_strategy(
            GenerationMode.POSITIVE
        )

        @settings(SETTINGS, max_examples=examples)
        @given(case=strategy)
        def parses(case: Any) -> None:
            part.cases += 1
            problems = _expect(client, op, call, code, case.body)  # noqa: B023 - run at once
            assert problems == [], "; ".join(map(str, problems))

        try:
            parses()
        except Exception as exc:
            part.failures.append(f"response: {type(exc).__name__}: {str(exc)[:800]}")


def _with_unknowns(value: Any, schema: dict[str, Any]) -> Any:
    """The body with an unknown property in every object and an unknown value in every
    string whose full set of values the spec does not know. A map whose values have a
    declared type (``additionalProperties`` with a schema) gets no unknown property: any
    key is known there, and a value of another type would break the spec, not extend it."""
    schema = resolve(schema)
    for alt in schema.get("anyOf", []) + schema.get("allOf", []):
        value = _with_unknowns(value, alt)
    if isinstance(value, dict):
        props = schema.get("properties", {})
        out = {k: _with_unknowns(v, props[k]) if k in props else v for k, v in value.items()}
        if schema.get("additionalProperties", True) in (True, {}):  # open and untyped
            out["x_added_by_a_newer_api"] = {"nested": [1, "two", None]}
        return out
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        return [_with_unknowns(v, schema["items"]) for v in value]
    if isinstance(value, str) and "x-misaka-known-values" in schema:
        return "value-from-a-newer-api"
    return value


def check_tolerance(
    client: Misaka, op: Operation, call: Callable[[], Any], result: OperationResult
) -> None:
    part = result.part(PART)
    code, response = success(op)
    media = response.get("content", {}).get("application/json")
    if media is None:
        return
    if op.certainty == "inferred":
        part.cases += 1
        part.failures += [
            f"tolerance: {p}"
            for p in _expect(
                client,
                op,
                call,
                code,
                _with_unknowns(media["example"], media["schema"]),
                beyond_the_spec=True,
            )
        ]
    schema = resolve(media["schema"])
    broken_bodies = [b'"not an object"', b"[1, 2", b"<html>proxy error</html>"]
    required = [
        r for alt in [schema, *schema.get("allOf", [])] for r in resolve(alt).get("required", [])
    ]
    if required:
        broken = dict(media["example"])
        broken.pop(required[0], None)
        broken_bodies.append(json.dumps(broken).encode())
    for raw in broken_bodies:
        part.cases += 1
        with respx.mock(base_url=BASE, assert_all_called=False) as mock:
            mock.route().mock(
                return_value=httpx.Response(
                    code, content=raw, headers={"content-type": "application/json"}
                )
            )
            try:
                call()
            except ResponseValidationError as exc:
                if exc.raw != raw:
                    part.failures.append("tolerance: ResponseValidationError lost the raw body")
            except Exception as exc:
                kind = type(exc).__name__
                part.failures.append(
                    f"tolerance: {raw[:40]!r} raised {kind}, not ResponseValidationError"
                )
            else:
                part.failures.append(f"tolerance: {raw[:40]!r} was accepted")


def run(
    results: dict[str, OperationResult],
    *,
    examples: int = 10,
    operation_ids: set[str] | None = None,
) -> None:
    warnings.filterwarnings("ignore", module="hypothesis")
    schema = schemathesis.openapi.from_path(SPEC_PATH)
    bodies = schemathesis.openapi.from_dict(_body_schema_doc())
    with Misaka(api_token=TOKEN, base_url=BASE, max_retries=0) as client:
        for op in operations():
            if operation_ids is not None and op.operation_id not in operation_ids:
                continue
            result = results[op.operation_id]
            result.part(PART).ran = True
            check_requests(client, op, schema, examples, result)
            # One fixed valid call per operation for the response checks: the first example.
            method = facade_method(client, op)
            first = schema.find_operation_by_id(op.operation_id).as_strategy(
                GenerationMode.POSITIVE
            )
            args, kwargs = call_arguments(method, op, _first(first))

            def call(
                method: Callable[..., Any] = method,
                args: list[Any] = args,
                kwargs: dict[str, Any] = kwargs,
            ) -> Any:
                return method(*args, **kwargs)

            check_responses(client, op, bodies, call, examples, result)
            check_tolerance(client, op, call, result)


def _first(strategy: Any) -> Any:
    found: list[Any] = []

    @settings(SETTINGS, max_examples=1)
    @given(case=strategy)
    def take(case: Any) -> None:
        found.append(case)

    take()
    return found[0]
