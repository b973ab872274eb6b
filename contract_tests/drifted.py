"""The stub's API as it might have drifted from the spec, for the tests of record mode and of
``make propose-spec``: an ASGI middleware in front of an unchanged stub.

- a field added: Get Zone Settings answers ``last_transfer`` (a date-time) too;
- a field gone: Get Zone Settings no longer answers ``dirty`` (required by the spec);
- a new status: Enable DNSSEC answers 409 (the spec declares 200, 401, 404, 422, 429);
- a new value: List Devices answers ``status: retired`` (an open string the spec lists
  ``active``, ``maintenance``, ``decommissioned`` for).
"""

from __future__ import annotations

import json
import re
from typing import Any

Scope = dict[str, Any]
ADDED = ("last_transfer", "2026-12-01T04:00:00Z")
GONE = "dirty"
NEW_STATUS = 409
NEW_VALUE = "retired"
SETTINGS = re.compile(r"^(/v3)?/dns/zones/[^/]+/settings$")
DNSSEC = re.compile(r"^(/v3)?/dns/zones/[^/]+/dnssec$")


def drifted_body(method: str, path: str, body: Any) -> Any:
    if method == "GET" and SETTINGS.match(path) and isinstance(body, dict) and "id" in body:
        body = {k: v for k, v in body.items() if k != GONE}
        body[ADDED[0]] = ADDED[1]
    if method == "GET" and path == "/v3/devices" and isinstance(body, dict):
        for device in body.get("results", []):
            device["status"] = NEW_VALUE
    return body


class Drifted:
    """Wraps an ASGI app (the stub) and changes its answers as the module says."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"]
        if method == "POST" and DNSSEC.match(path):
            await _answer(send, NEW_STATUS, {"detail": "DNSSEC is being set up for this zone."})
            return
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def keep(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            content = b"".join(chunks)
            try:
                changed = json.dumps(drifted_body(method, path, json.loads(content))).encode()
            except ValueError:
                changed = content
            headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
            headers.append((b"content-length", str(len(changed)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": changed})

        await self.app(scope, receive, keep)


async def _answer(send: Any, status: int, body: Any) -> None:
    content = json.dumps(body).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(content)).encode()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": content})
