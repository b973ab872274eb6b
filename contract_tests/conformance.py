"""Does an answer conform to what the spec declares for its operation? The one checker.

``check(op, status, content_type, content)`` says what an answer breaks, as ``Problem``s:
an undeclared status, a body where none is declared, a wrong content type, a body that is
not JSON, and each JSON Schema failure with its JSON path, the schema rule and the
offending value (truncated, after ``scrub`` masked its secrets). The stub's tests, the
client run and live mode all use it, and the same ``Problem`` type carries the client run's
own findings.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from misaka_io.spec import Operation
from misaka_io.testing.stub.spec_router import Route, shared_router

VALUE_LIMIT = 80  # characters of an offending value kept in a problem
MESSAGE_LIMIT = 200


@dataclass(frozen=True)
class Problem:
    """One way an answer (or a request) breaks the spec."""

    path: str  # JSON path of the offending value, "$" for the whole answer
    rule: str  # the schema rule (such as "properties/speed/type") or the check's name
    message: str
    value: str = ""

    def __str__(self) -> str:
        shown = f" (value: {self.value})" if self.value else ""
        return f"{self.path}: {self.rule}: {self.message}{shown}"


def _same(text: str) -> str:
    return text


def truncate(value: Any, limit: int = VALUE_LIMIT, scrub: Callable[[str], str] = _same) -> str:
    """The value as JSON, its secrets masked by ``scrub`` before it is cut to ``limit``."""
    text = scrub(json.dumps(value, ensure_ascii=False, default=str))
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _text(content: bytes) -> str:
    """A body as text for a problem: its first 64 KiB (far past what is shown, so that a
    secret is whole when it is masked)."""
    return content[: 64 * 1024].decode("utf-8", "replace")


def json_path(parts: Any) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts)


def route_for(method: str, path: str) -> Route | None:
    found = shared_router().match(path)
    return found[0].get(method.upper()) if found else None


def _schema_problems(
    op: Operation, schema: dict[str, Any], body: Any, scrub: Callable[[str], str]
) -> list[Problem]:
    errors = sorted(
        op.spec.validator(schema).iter_errors(body), key=lambda e: list(e.absolute_path)
    )
    return [
        Problem(
            json_path(error.absolute_path),
            "/".join(str(p) for p in list(error.absolute_schema_path)[-2:]),
            scrub(error.message)[:MESSAGE_LIMIT],
            truncate(error.instance, scrub=scrub),
        )
        for error in errors
    ]


def check(
    op: Operation,
    status: int,
    content_type: str,
    content: bytes,
    scrub: Callable[[str], str] = _same,
) -> list[Problem]:
    """What an answer of ``op`` with this status and body breaks (empty when it conforms);
    ``scrub`` masks secrets in what a problem quotes, before it is cut short."""
    declared = op.responses().get(str(status))
    if declared is None:
        return [Problem("$", "status", f"status {status} is not declared")]
    media = declared.get("content", {}).get("application/json")
    if media is None:
        shown = truncate(_text(content), scrub=scrub)
        body_sent = [Problem("$", "no content", f"{status} must have no body", shown)]
        return body_sent if content else []
    if not content_type.split(";")[0].strip().endswith("json"):
        return [Problem("$", "content type", f"content type {content_type!r} is not JSON")]
    try:
        body = json.loads(content)
    except (ValueError, RecursionError):
        shown = truncate(_text(content), scrub=scrub)
        return [Problem("$", "json", "the body is not JSON", shown)]
    return _schema_problems(op, media["schema"], body, scrub)


def problems(response: httpx.Response) -> list[Problem]:
    """``check`` for an httpx answer, its operation found from the request's method and path."""
    request = response.request
    route = route_for(request.method, request.url.path)
    if route is None:
        where = f"{request.method} {request.url.path}"
        return [Problem("$", "operation", f"{where} is not an operation of the spec")]
    content_type = response.headers.get("content-type", "")
    return check(route.op, response.status_code, content_type, response.content)
