"""The ASGI app: route, authenticate, validate, then call the operation's handler."""

from __future__ import annotations

import json
import logging
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from contract_tests.stub.auth import AuthFailed
from contract_tests.stub.config import StubConfig
from contract_tests.stub.handlers import HANDLERS, Ctx, Reply, State
from contract_tests.stub.spec_router import RequestInvalid, shared_router, validate_request

log = logging.getLogger("misaka_stub")


def _json(status: int, body: Any, headers: dict[str, str] | None = None) -> Response:
    if body is None:
        return Response(status_code=status, headers=headers)
    data = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
    return Response(data, status_code=status, headers=headers, media_type="application/json")


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
            return await self._dispatch(request)
        except Exception:
            # A bug in the stub, not an answer of the API: logged, and visible to the
            # harness's server-error check so that it gets fixed.
            log.exception("stub failed on %s %s", request.method, request.url.path)
            return _json(500, {"detail": "Stub bug: see the stub's log"})

    async def _dispatch(self, request: Request) -> Response:
        found = self.router_spec.match(request.url.path)
        if found is None:
            return _json(404, {"detail": "Not found"})
        by_method, path_params = found
        route = by_method.get(request.method.upper())
        if route is None:
            allow = ", ".join(sorted(by_method))
            return _json(405, {"detail": f"Method {request.method} not allowed"}, {"Allow": allow})

        principal = None
        if route.secured:
            try:
                principal = self.stub_state.sessions.authenticate(
                    request.headers.get("authorization")
                )
            except AuthFailed as exc:
                return _json(
                    401,
                    {"detail": exc.detail},
                    {"WWW-Authenticate": 'Token, Bearer realm="misaka"'},
                )

        body_bytes = await request.body()
        try:
            params, body = validate_request(
                route,
                path_params,
                request.query_params.multi_items(),
                body_bytes,
                request.headers.get("content-type", ""),
            )
        except RequestInvalid as exc:
            return _json(422, {"detail": exc.errors})

        ctx = Ctx(
            state=self.stub_state,
            principal=principal,
            params=params,
            body=body,
            url=str(request.url.replace(query="")),
            query=request.query_params.multi_items(),
        )
        try:
            result = HANDLERS[route.op.operation_id](ctx)
        except Reply as reply:
            return _json(reply.status, reply.body, reply.headers)
        if isinstance(result, tuple):
            status, payload = result
            return _json(status, payload)
        return _json(200, result)


def create_app(config: StubConfig | None = None) -> StubApp:
    """A new stub with fresh state: call once per test for isolation."""
    return StubApp(config or StubConfig())
