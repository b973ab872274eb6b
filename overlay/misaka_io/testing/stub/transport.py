"""A synchronous httpx transport into an ASGI app (httpx's ASGITransport is async only).

Requests run on one event loop in a background thread, so sync clients, including many
threads at once, can call the in-process stub.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import httpx


class SyncASGITransport(httpx.BaseTransport):
    def __init__(self, app: Any) -> None:
        self._inner = httpx.ASGITransport(app=app)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()

        async def call() -> httpx.Response:
            inner_request = httpx.Request(
                request.method, request.url, headers=request.headers, content=body
            )
            response = await self._inner.handle_async_request(inner_request)
            content = await response.aread()
            return httpx.Response(
                response.status_code, headers=response.headers, content=content, request=request
            )

        return asyncio.run_coroutine_threadsafe(call(), self._loop).result()

    def close(self) -> None:
        if self._loop.is_running():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=5)
