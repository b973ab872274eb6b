"""Does an HTTP response conform to what the spec declares for its operation?

Shared by the stub's tests and the contract harness: finds the operation from the
request's method and path, then checks the status is declared and the JSON body validates
against that status's schema. Returns the problems as readable strings (empty when fine).
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from contract_tests.spec import validator
from contract_tests.stub.spec_router import Route, shared_router


def route_for(method: str, path: str) -> Route | None:
    found = shared_router().match(path)
    return found[0].get(method.upper()) if found else None


def problems(response: httpx.Response) -> list[str]:
    request = response.request
    route = route_for(request.method, request.url.path)
    if route is None:
        return [f"{request.method} {request.url.path} is not an operation of the spec"]
    op = route.op
    declared = op.responses()
    spec_response = declared.get(str(response.status_code))
    if spec_response is None:
        return [f"{op.operation_id}: status {response.status_code} is not declared"]
    content = spec_response.get("content")
    if content is None:
        return (
            []
            if not response.content
            else [f"{op.operation_id}: {response.status_code} must have no body"]
        )
    if not response.headers.get("content-type", "").startswith("application/json"):
        return [f"{op.operation_id}: content type {response.headers.get('content-type')!r}"]
    try:
        body: Any = json.loads(response.content)
    except ValueError:
        return [f"{op.operation_id}: body is not JSON"]
    check = validator(content["application/json"]["schema"])
    where = f"{op.operation_id} {response.status_code} at /"
    return [
        f"{where}{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}"
        for e in check.iter_errors(body)
    ]
