"""What the stub's contract tests share: a client whose every answer is checked against the
spec (``Checked``), the stub on a manual clock (``stub_client``), the accounts and a login."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx

from contract_tests.conformance import problems, route_for
from misaka_io.testing.stub import (
    DEFAULT_API_TOKEN,
    ManualClock,
    StubApp,
    StubConfig,
    create_app,
)

NOC = {"email": "noc@example.net", "password": "correct-horse-battery"}
SECURE = {"email": "secure@example.net", "password": "otp-guarded-secret"}
TOKEN = {"Authorization": f"Token {DEFAULT_API_TOKEN}"}


class Checked(httpx.AsyncClient):
    """An httpx client whose every answer is checked against the spec."""

    async def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:  # type: ignore[override]
        response = await super().send(request, **kwargs)
        await response.aread()
        if route_for(request.method, request.url.path) is not None:
            found = problems(response)
            assert found == [], found
        return response


def new_app(clock: ManualClock) -> StubApp:
    return create_app(StubConfig(clock=clock, access_ttl=60))


async def stub_client(app: StubApp) -> AsyncIterator[httpx.AsyncClient]:
    """The body of a ``client`` fixture: a checked client on ``app``."""
    async with Checked(transport=httpx.ASGITransport(app=app), base_url="http://stub") as c:
        yield c


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def login(client: httpx.AsyncClient, **extra: Any) -> dict[str, Any]:
    r = await client.post("/v3/session/login", json={**NOC, **extra})
    assert r.status_code == 200
    body: dict[str, Any] = r.json()
    return body
