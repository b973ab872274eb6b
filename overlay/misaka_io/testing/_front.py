"""What sits in front of the stub app for ``MisakaStub``: the record of requests and the faults.

``Front`` is an ASGI app around a stub app. It names each request's operation (from the stub's
router: ``tag.operation_id``) and account, records it (credentials masked), and, when one of
the stub's ``Faults`` takes it, answers the fault instead of the stub: an HTTP status (with
``Retry-After`` when asked), a timeout or a dropped connection. In process, a timeout or a
drop is raised as a private exception that the in-process transports (``SyncTransport``,
``AsyncTransport``) turn into the ``httpx`` error a real network gives (``httpx.ReadTimeout``,
``httpx.RemoteProtocolError``). Served over HTTP, a timeout holds the request without an
answer until the client gives up; when the server closes first, the connection is taken from
it still open (so the server ends at once, and the client still times out) until the stub is
closed. A drop closes the connection in the middle of the answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import threading
from typing import Any

import httpx
from starlette.types import Message, Receive, Scope, Send

from misaka_io._redact import MASK
from misaka_io._table_types import operations, secret_names
from misaka_io.testing._faults import Fault, Faults
from misaka_io.testing._log import RecordedRequest, RequestLog, operation_matches
from misaka_io.testing.stub import StubApp
from misaka_io.testing.stub.auth import AuthFailed
from misaka_io.testing.stub.transport import SyncASGITransport, call_app

# Request bodies longer than this are passed on but not recorded.
MAX_RECORDED_BODY = 1024 * 1024
# How often a held (served) request looks whether its server is closing.
HOLD_POLL = 0.05
_CREDENTIAL_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization"})

__all__ = ["AsyncTransport", "Fault", "Front", "RecordedRequest", "SyncTransport"]


class InjectedTimeout(Exception):
    """Raised into an in-process transport: the request times out."""


class InjectedDrop(Exception):
    """Raised into an in-process transport: the connection drops."""


def _masked_header(name: str, value: str) -> str:
    if name not in _CREDENTIAL_HEADERS:
        return value
    scheme, _, rest = value.partition(" ")
    return f"{scheme} {MASK}" if rest else MASK


def _masked(value: Any, secret: frozenset[str]) -> Any:
    if isinstance(value, dict):
        return {
            k: MASK if k in secret and v is not None else _masked(v, secret)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_masked(v, secret) for v in value]
    return value


def _parse_body(body: bytes) -> Any:
    if not body.strip() or len(body) > MAX_RECORDED_BODY:
        return None
    try:
        return _masked(json.loads(body), secret_names())
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return None


async def _read_body(receive: Receive) -> tuple[list[Message], bytes]:
    """The request's messages up to ``MAX_RECORDED_BODY`` bytes (to replay) and their body."""
    messages: list[Message] = []
    size = 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            break
        size += len(message.get("body", b""))
        if not message.get("more_body") or size > MAX_RECORDED_BODY:
            break
    body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.request")
    return messages, body


class Front:
    """The ASGI app a ``MisakaStub`` serves: names, records, injects faults, asks the stub."""

    def __init__(self, app: StubApp, served: bool = False) -> None:
        self.app = app
        self.served = served
        self.faults = Faults()
        self.requests = RequestLog()
        self.lock = threading.Lock()
        self.closing = threading.Event()  # served: set when the server is closing
        self.parked: list[socket.socket] = []  # served: held connections past their server

    def served_copy(self) -> Front:
        """A front over the same stub, faults and record, for serving over HTTP."""
        copy = Front(self.app, served=True)
        copy.faults, copy.requests, copy.lock = self.faults, self.requests, self.lock
        copy.parked = self.parked
        return copy

    def operation(self, method: str, path: str) -> str | None:
        """``tag.operation_id`` of the request, None for a path or method the API lacks."""
        found = self.app.router_spec.match(path, self.app.config.served_bases)
        if found is None:
            return None
        route = found[0].get("GET" if method == "HEAD" else method)
        if route is None:
            return None
        operation_id = route.op.operation_id
        return f"{operations()[operation_id]['tag']}.{operation_id}"

    @staticmethod
    def operation_known(name: str) -> bool:
        """Whether ``name`` (``tag.operation_id`` or the id alone) is an operation."""
        return any(
            operation_matches(name, f"{row['tag']}.{op_id}") for op_id, row in operations().items()
        )

    def account(self, header: str | None) -> tuple[int | None, str | None]:
        """The user id a credential belongs to, and which credential it is; never the secret."""
        if not header:
            return None, None
        try:
            principal = self.app.stub_state.sessions.authenticate(header)
        except AuthFailed:
            return None, None
        if principal.session_id is not None:
            return principal.user.id, "session"
        credential = header.partition(" ")[2].strip()
        config = self.app.config
        label = "other_api_token" if credential == config.other_api_token else "api_token"
        return principal.user.id, label

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        messages, body = await _read_body(receive)
        method, path = str(scope["method"]).upper(), str(scope["path"])
        operation = self.operation(method, path)
        # Whose credential it is, as it stood when it came (a logout ends its own session).
        sender = self.account(_header(scope, b"authorization"))
        fault = self.faults.take(operation, method, path)
        answered: list[int] = []

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        async def watch(message: Message) -> None:
            if message["type"] == "http.response.start":
                answered.append(int(message["status"]))
            await send(message)

        try:
            if fault is None:
                await self.app(scope, replay, watch)
            else:
                await self._fault(fault, receive, watch, send)
        finally:
            lost = fault is not None and (fault.timeout or fault.drop)
            status = None if lost or not answered else answered[0]
            self._record(scope, operation, sender, body, status, fault)

    async def _fault(self, fault: Fault, receive: Receive, send: Send, raw_send: Send) -> None:
        if fault.timeout:
            if not self.served:
                raise InjectedTimeout
            await self._hold(receive, raw_send)
            return
        if fault.drop:
            if not self.served:
                raise InjectedDrop
            # The answer starts, then the connection closes (the server sees an app error).
            await send({"type": "http.response.start", "status": 200, "headers": []})
            raise InjectedDrop
        status = fault.status or 500
        headers = [(b"content-type", b"application/json")]
        if fault.retry_after is not None:
            headers.append((b"retry-after", f"{fault.retry_after:g}".encode()))
        data = json.dumps({"detail": f"Injected fault: HTTP {status}"}).encode()
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": data})

    async def _hold(self, receive: Receive, raw_send: Send) -> None:
        """No answer until the client goes away, or the server closes: then its connection is
        cut without an answer (uvicorn's connection, reached through its ``send``)."""
        waiting = asyncio.ensure_future(receive())
        try:
            while not self.closing.is_set():
                done, _ = await asyncio.wait({waiting}, timeout=HOLD_POLL)
                if done:
                    if waiting.result()["type"] == "http.disconnect":
                        return
                    waiting = asyncio.ensure_future(receive())
            transport = getattr(getattr(raw_send, "__self__", None), "transport", None)
            if transport is not None:
                self._park(transport.get_extra_info("socket"))
                transport.abort()
                await asyncio.sleep(0.01)  # the server sees its connection lost
        finally:
            waiting.cancel()

    def _park(self, sock: Any) -> None:
        """Keep the held connection open without the server (a copy of its socket), so that
        its client still waits and times out; ``release_parked`` closes them."""
        if sock is None:
            return
        try:
            copy = sock.dup()
        except OSError:
            return
        with self.lock:
            self.parked.append(copy)

    def release_parked(self) -> None:
        """Close the connections held past their server (their clients see them close)."""
        with self.lock:
            parked, self.parked[:] = list(self.parked), []
        for sock in parked:
            with contextlib.suppress(OSError):
                sock.close()

    def _record(
        self,
        scope: Scope,
        operation: str | None,
        sender: tuple[int | None, str | None],
        body: bytes,
        status: int | None,
        fault: Fault | None,
    ) -> None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        query = httpx.QueryParams(scope.get("query_string", b"").decode("latin-1"))
        account, credential = sender
        recorded = RecordedRequest(
            method=str(scope["method"]).upper(),
            path=str(scope["path"]),
            query={k: query[k] for k in query},
            headers={k: _masked_header(k, v) for k, v in headers.items()},
            json=_parse_body(body),
            status=status,
            operation=operation,
            account=account,
            credential=credential,
            fault=None if fault is None else f"{fault.what} on {fault.where}",
        )
        with self.lock:
            self.requests.append(recorded)


def _network_error(exc: Exception, request: httpx.Request) -> httpx.TransportError:
    if isinstance(exc, InjectedTimeout):
        return httpx.ReadTimeout("Injected fault: the request timed out", request=request)
    return httpx.RemoteProtocolError(
        "Injected fault: the server closed the connection without an answer", request=request
    )


class SyncTransport(httpx.BaseTransport):
    """Sync requests into a ``Front`` in process, its faults raised as network errors."""

    def __init__(self, front: Front) -> None:
        self._inner = SyncASGITransport(front)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return self._inner.handle_request(request)
        except (InjectedTimeout, InjectedDrop) as exc:
            raise _network_error(exc, request) from None

    def close(self) -> None:
        self._inner.close()


class AsyncTransport(httpx.AsyncBaseTransport):
    """Async requests into a ``Front`` in process, its faults raised as network errors."""

    def __init__(self, front: Front) -> None:
        self._front = front

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await call_app(self._front, request, await request.aread())
        except (InjectedTimeout, InjectedDrop) as exc:
            raise _network_error(exc, request) from None
