"""What the DNS engine's tests share: the stub behind a transport that refuses chosen writes."""

from __future__ import annotations

from collections.abc import Iterator

import httpx

from misaka_io.models import Record, RecordSet
from misaka_io.testing.stub import create_app
from misaka_io.testing.stub.transport import SyncASGITransport

TOKEN = "stub-token-6f1d2c3b4a5e6f708192a3b4c5d6e7f8"
BASE = "https://api.misaka.io"


class Faulty(httpx.BaseTransport):
    """The stub behind a transport that answers ``status`` to the requests whose method and
    path end match, and records every request's method and path."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.faults: dict[tuple[str, str], int] = {}
        self.seen: list[tuple[str, str]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.seen.append((request.method, request.url.path))
        for (method, tail), status in self.faults.items():
            if request.method == method and request.url.path.endswith(tail):
                return httpx.Response(status, json={"detail": "refused by the test"})
        return self.inner.handle_request(request)

    def writes(self) -> list[tuple[str, str]]:
        return [s for s in self.seen if s[0] != "GET"]


def faulty_stub() -> Iterator[Faulty]:
    """A fresh stub behind ``Faulty``, for a fixture to ``yield from``."""
    inner = SyncASGITransport(create_app())
    yield Faulty(inner)
    inner.close()


def recordset(name: str, rtype: str, *values: str, ttl: int = 300) -> RecordSet:
    """A recordset as the API answers it (every recorded field present)."""
    records = [Record(value=v) for v in values]
    return RecordSet(
        name=name,
        type_=rtype,
        ttl=ttl,
        enabled=True,
        protected=False,
        alias=None,
        records=records,
        filters=[],
    )
