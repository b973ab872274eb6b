"""httpx transports into an ASGI app in process: ``call_app`` and ``SyncASGITransport``.

``call_app`` sends one request (its body read whole) to the app and collects the answer, as
httpx's ``ASGITransport`` does, minus its look for trio on every request (a failed import
each time, most of a call's cost); an exception of the app is raised. ``SyncASGITransport``
runs it on an event loop of the calling thread (one per thread and transport, made on its
first request): no hop to another thread, and many threads can call at once. A thread
already running an event loop (a sync client called from async code) cannot run another one:
its requests go to one loop in a background thread, started on the first such request.
``close()`` closes them all.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any

import httpx

_CLIENT = ("127.0.0.1", 123)


async def call_app(app: Any, request: httpx.Request, body: bytes) -> httpx.Response:
    """The app's answer to ``request`` (with ``body``), read whole."""
    url = request.url
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": request.method,
        "headers": [(k.lower(), v) for (k, v) in request.headers.raw],
        "scheme": url.scheme,
        "path": url.path,
        "raw_path": url.raw_path.split(b"?")[0],
        "query_string": url.query,
        "server": (url.host, url.port),
        "client": _CLIENT,
        "root_path": "",
    }
    sent = False
    done = asyncio.Event()
    status: int = 500
    headers: list[tuple[bytes, bytes]] = []
    parts: list[bytes] = []

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            await done.wait()
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status, headers
        if message["type"] == "http.response.start":
            status, headers = int(message["status"]), list(message.get("headers", []))
        elif message["type"] == "http.response.body":
            if request.method != "HEAD":
                parts.append(message.get("body", b""))
            if not message.get("more_body", False):
                done.set()

    try:
        await app(scope, receive, send)
    finally:
        done.set()
    return httpx.Response(status, headers=headers, content=b"".join(parts), request=request)


class SyncASGITransport(httpx.BaseTransport):
    def __init__(self, app: Any) -> None:
        self._app = app
        self._local = threading.local()
        self._lock = threading.Lock()
        self._loops: list[asyncio.AbstractEventLoop] = []
        self._background: tuple[asyncio.AbstractEventLoop, threading.Thread] | None = None

    def _own_loop(self) -> asyncio.AbstractEventLoop:
        loop: asyncio.AbstractEventLoop | None = getattr(self._local, "loop", None)
        if loop is None or loop.is_closed():
            loop = asyncio.new_event_loop()
            self._local.loop = loop
            with self._lock:
                self._loops.append(loop)
        return loop

    def _background_loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._background is None:
                loop = asyncio.new_event_loop()
                thread = threading.Thread(target=loop.run_forever, daemon=True)
                thread.start()
                self._background = (loop, thread)
            return self._background[0]

    def _run(self, call: Coroutine[Any, Any, httpx.Response]) -> httpx.Response:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return self._own_loop().run_until_complete(call)
        return asyncio.run_coroutine_threadsafe(call, self._background_loop()).result()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._run(call_app(self._app, request, request.read()))

    def close(self) -> None:
        with self._lock:
            loops, self._loops = self._loops, []
            background, self._background = self._background, None
        for loop in loops:
            if not loop.is_running():
                loop.close()
        if background is not None:
            loop, thread = background
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout=5)
            if not loop.is_running():
                loop.close()
