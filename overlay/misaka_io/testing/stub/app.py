"""The ASGI app: route, authenticate, validate, then call the operation's handler.

Every answer carries ``X-Request-Id`` (32 hex digits), ``Allow`` (the path's methods),
``Vary: Origin`` and the headers the spec marks informational (``X-Misaka-Debug``,
``X-Served-By``, Django's security headers; each its example value), as the recorded answers
of the API do; a path it does not know is ``{"detail": "Not found."}``, the recorded text.
``OPTIONS`` answers the ``Allow`` list; ``HEAD`` is ``GET`` without the body. A request body
longer than the configured limit (1 MiB by default) is answered 413 without being read: a
declared ``Content-Length`` is checked first, and a chunked body is counted as it streams in.
"""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any

from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from misaka_io.testing.stub.answers import (
    DEFAULT_LIMIT,
    PAGING,
    Answer,
    Ctx,
    Paging,
    Reply,
)
from misaka_io.testing.stub.auth import AuthFailed, Principal
from misaka_io.testing.stub.config import StubConfig
from misaka_io.testing.stub.handlers import HANDLERS, State
from misaka_io.testing.stub.spec_router import (
    RequestInvalid,
    Route,
    shared_router,
    validate_request,
)

log = logging.getLogger("misaka_stub")
# The order of the recorded Allow header: "GET, POST, PUT, DELETE, HEAD, OPTIONS".
METHOD_ORDER = ("GET", "POST", "PUT", "PATCH", "DELETE")
UNPAGED = 2**31  # operations without limit/offset answer everything at once


def _allow(methods: set[str]) -> str:
    listed = [m for m in METHOD_ORDER if m in methods]
    return ", ".join([*listed, *(["HEAD"] if "GET" in methods else []), "OPTIONS"])


def _json(status: int, body: Any, headers: dict[str, str] | None = None) -> Response:
    if body is None:
        return Response(status_code=status, headers=headers)
    data = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
    return Response(data, status_code=status, headers=headers, media_type="application/json")


class BodyTooLarge(Exception):
    """The request body is over the limit (answered 413)."""


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused (``BodyTooLarge``) as soon as it is known to pass ``limit``."""
    declared = request.headers.get("content-length", "")
    if declared.strip().isdigit() and int(declared) > limit:
        raise BodyTooLarge
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
    return b"".join(chunks)


class StubApp:
    """An ASGI app holding one ``State``; see ``create_app``."""

    def __init__(self, config: StubConfig) -> None:
        self.config = config
        self.stub_state = State(config)
        self.router_spec = shared_router()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] != "http":
            return
        response = await self.dispatch(Request(scope, receive))
        await response(scope, receive, send)

    async def dispatch(self, request: Request) -> Response:
        try:
            response = await self._dispatch(request)
        except Exception:
            # A bug in the stub, not an answer of the API: logged, and visible to the
            # harness's server-error check so that it gets fixed.
            log.exception("stub failed on %s %s", request.method, request.url.path)
            response = _json(500, {"detail": "Stub bug: see the stub's log"})
        response.headers["X-Request-Id"] = uuid.uuid4().hex
        response.headers.setdefault("Vary", "Origin")
        for name, value in self.router_spec.informational.items():
            response.headers.setdefault(name, value)
        return response

    async def _dispatch(self, request: Request) -> Response:
        found = self.router_spec.match(request.url.path, self.config.served_bases)
        if found is None:
            return _json(404, {"detail": "Not found."})
        by_method, path_params = found
        allow = {"Allow": _allow(set(by_method))}
        method = request.method.upper()
        if method == "OPTIONS":
            return Response(status_code=200, headers=allow)
        route = by_method.get("GET" if method == "HEAD" else method)
        if route is None:
            return _json(405, {"detail": f'Method "{request.method}" not allowed.'}, allow)
        response = await self._answer(request, route, path_params)
        response.headers.update(allow)
        if method == "HEAD":
            return Response(status_code=response.status_code, headers=dict(response.headers))
        return response

    async def _answer(
        self, request: Request, route: Route, path_params: dict[str, str]
    ) -> Response:
        try:
            principal = self._authenticate(request, route)
        except AuthFailed as exc:
            challenge = {"WWW-Authenticate": 'Token, Bearer realm="misaka"'}
            return _json(401, exc.body, challenge)
        limit = self.config.max_body_bytes
        try:
            raw = await read_body(request, limit)
        except BodyTooLarge:
            return _json(413, {"detail": f"Request body is larger than {limit} bytes."})
        except ClientDisconnect:  # gone before its body came: nobody reads the answer
            return _json(400, {"detail": "The client went away."})
        try:
            params, body = validate_request(
                route,
                path_params,
                request.query_params.multi_items(),
                raw,
                request.headers.get("content-type", ""),
            )
        except RequestInvalid as exc:
            return _json(422, {"detail": exc.errors})
        ctx = Ctx(self.stub_state, principal, self._paging(request, route, params))
        arguments = {k: v for k, v in params.items() if k not in PAGING}
        if route.body_check is not None:
            arguments["body"] = body
        try:
            result = HANDLERS[route.op.operation_id](ctx, **arguments)
        except Reply as reply:
            return _json(reply.status, reply.body, reply.headers)
        if isinstance(result, Answer):
            return _json(result.status, result.body)
        return _json(200, result)

    def _authenticate(self, request: Request, route: Route) -> Principal | None:
        if not route.secured:
            return None
        return self.stub_state.sessions.authenticate(request.headers.get("authorization"))

    @staticmethod
    def _paging(request: Request, route: Route, params: dict[str, Any]) -> Paging:
        pages = any(p.name == "limit" for p in route.params)
        others = tuple((k, v) for k, v in request.query_params.multi_items() if k not in PAGING)
        return Paging(
            limit=params.get("limit", DEFAULT_LIMIT) if pages else UNPAGED,
            offset=params.get("offset", 0),
            url=str(request.url.replace(query="")),
            query=others,
        )


def create_app(config: StubConfig | None = None) -> StubApp:
    """A new stub with fresh state: call once per test for isolation."""
    return StubApp(config or StubConfig())
