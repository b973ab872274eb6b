"""``APIResponse``: one answer as it came (status, headers, body) and ``.parse()`` for the
typed result. ``client.with_raw_response.<tag>.<operation>(...)`` returns one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import httpx

T = TypeVar("T")


class APIResponse(Generic[T]):
    """An answer of the API with its typed result one ``parse()`` away."""

    def __init__(self, http_response: httpx.Response, parse: Callable[[], T]) -> None:
        self.http_response = http_response
        self._parse = parse
        self._parsed: list[T] = []

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        headers = self.http_response.headers
        found = headers.get("x-request-id") or headers.get("request-id")
        return str(found) if found else None

    @property
    def url(self) -> httpx.URL:
        return self.http_response.request.url

    @property
    def content(self) -> bytes:
        return self.http_response.content

    @property
    def text(self) -> str:
        return self.http_response.text

    def parse(self) -> T:
        """The typed result (parsed once, then kept)."""
        if not self._parsed:
            self._parsed.append(self._parse())
        return self._parsed[0]

    def __repr__(self) -> str:
        request = self.http_response.request
        return f"<APIResponse [{self.status_code}] {request.method} {request.url.path}>"
