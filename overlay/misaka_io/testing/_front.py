"""What sits in front of the stub app for ``MisakaStub``: the record of requests and the faults.

``Front`` is an ASGI app around a stub app. It records each request (credentials masked) and,
when a fault is queued, answers it instead of the stub: an HTTP status (with ``Retry-After``
when asked), a timeout or a dropped connection. In process, a timeout or a drop is raised as
a private exception that the in-process transports (``SyncTransport``, ``AsyncTransport``) turn
into the ``httpx`` error a real network gives (``httpx.ReadTimeout``,
``httpx.RemoteProtocolError``). Served over HTTP, a timeout holds the request without an
answer until the client gives up (at most ``HOLD_SECONDS``), and a drop closes the connection
in the middle of the answer.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections import deque
from dataclasses import dataclass
from typing import Any

import httpx
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from misaka_io._redact import MASK
from misaka_io._table_types import secret_names
from misaka_io.testing.stub.transport import SyncASGITransport

# How long a served "timeout" fault holds a request when its client never gives up.
HOLD_SECONDS = 30.0
# Request bodies longer than this are passed on but not recorded.
MAX_RECORDED_BODY = 1024 * 1024
_CREDENTIAL_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization"})


@dataclass(frozen=True)
class Fault:
    """One queued fault: a status, or a timeout, or a dropped connection."""

    status: int | None = None
    retry_after: float | None = None
    timeout: bool = False
    drop: bool = False


@dataclass(frozen=True)
class RecordedRequest:
    """A request the stub received, with credentials masked.

    ``headers`` has lower-case names (``authorization`` is ``"Token ***"`` or
    ``"Bearer ***"``); ``json`` is the parsed body (None without one) with the fields the
    spec marks secret masked; ``status`` is what was answered (None for a timeout or a
    dropped connection).
    """

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    json: Any
    status: int | None


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
    """The ASGI app a ``MisakaStub`` serves: records, injects faults, then asks the stub."""

    def __init__(self, app: ASGIApp, served: bool = False) -> None:
        self.app = app
        self.served = served
        self.faults: deque[Fault] = deque()
        self.requests: list[RecordedRequest] = []
        self.lock = threading.Lock()

    def served_copy(self) -> Front:
        """A front over the same stub, faults and record, for serving over HTTP."""
        copy = Front(self.app, served=True)
        copy.faults, copy.requests, copy.lock = self.faults, self.requests, self.lock
        return copy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        messages, body = await _read_body(receive)
        with self.lock:
            fault = self.faults.popleft() if self.faults else None
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
                await self._fault(fault, receive, watch)
        finally:
            lost = fault is not None and (fault.timeout or fault.drop)
            self._record(scope, body, None if lost or not answered else answered[0])

    async def _fault(self, fault: Fault, receive: Receive, send: Send) -> None:
        if fault.timeout:
            if not self.served:
                raise InjectedTimeout
            await self._hold(receive)
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

    @staticmethod
    async def _hold(receive: Receive) -> None:
        """No answer until the client goes away (or ``HOLD_SECONDS`` pass)."""
        try:
            async with asyncio.timeout(HOLD_SECONDS):
                while (await receive())["type"] != "http.disconnect":
                    pass
        except TimeoutError:
            pass

    def _record(self, scope: Scope, body: bytes, status: int | None) -> None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        query = httpx.QueryParams(scope.get("query_string", b"").decode("latin-1"))
        recorded = RecordedRequest(
            method=str(scope["method"]).upper(),
            path=str(scope["path"]),
            query={k: query[k] for k in query},
            headers={k: _masked_header(k, v) for k, v in headers.items()},
            json=_parse_body(body),
            status=status,
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
        self._inner = httpx.ASGITransport(app=front)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await self._inner.handle_async_request(request)
        except (InjectedTimeout, InjectedDrop) as exc:
            raise _network_error(exc, request) from None
