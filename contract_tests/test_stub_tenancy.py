"""The stub is a multi-tenant service: accounts are apart, keys are its own, bodies are bounded."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import jwt
import pytest

from misaka_io.testing.stub import StubApp, StubConfig, create_app

OLD_REPOSITORY_KEY = "misaka-stub-signing-key-not-a-secret-0001"


@pytest.fixture
def app() -> StubApp:
    return create_app(StubConfig(max_body_bytes=4096))


def client_of(app: StubApp, token: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://stub",
        headers={"Authorization": f"Token {token}"},
    )


@pytest.fixture
async def mine(app: StubApp) -> AsyncIterator[httpx.AsyncClient]:
    async with client_of(app, app.config.api_token) as c:
        yield c


@pytest.fixture
async def theirs(app: StubApp) -> AsyncIterator[httpx.AsyncClient]:
    async with client_of(app, app.config.other_api_token) as c:
        yield c


def names(listing: httpx.Response) -> list[str]:
    assert listing.status_code == 200
    return [z["name"] for z in listing.json()["results"]]


# ---- objects belong to the account that made them ----------------------------------------


async def test_another_accounts_zone_is_not_found_and_not_listed(
    mine: httpx.AsyncClient, theirs: httpx.AsyncClient
) -> None:
    assert (await mine.post("/v3/dns/zones", json={"name": "mine.example"})).status_code == 201
    assert "mine.example" not in names(await theirs.get("/v3/dns/zones"))
    for method, path in [
        ("GET", "/v3/dns/zones/mine.example/settings"),
        ("GET", "/v3/dns/zones/mine.example/recordsets"),
        ("GET", "/v3/dns/zones/mine.example/dnssec"),
        ("POST", "/v3/dns/zones/mine.example/dnssec"),
        ("DELETE", "/v3/dns/zones/mine.example/recordsets/www/A"),
        ("DELETE", "/v3/dns/zones/mine.example"),
    ]:
        answer = await theirs.request(method, path)
        assert answer.status_code == 404, (method, path, answer.text)
    assert "mine.example" in names(await mine.get("/v3/dns/zones"))
    assert (await mine.get("/v3/dns/zones/mine.example/dnssec")).status_code == 404  # unchanged


async def test_a_second_account_does_not_see_the_seeded_zone_of_the_first(
    mine: httpx.AsyncClient, theirs: httpx.AsyncClient
) -> None:
    assert "example.net" in names(await mine.get("/v3/dns/zones"))
    assert names(await theirs.get("/v3/dns/zones")) == []
    assert (await theirs.get("/v3/dns/zones/example.net/recordsets")).status_code == 404


async def test_each_account_lists_and_deletes_only_its_own_zones(
    mine: httpx.AsyncClient, theirs: httpx.AsyncClient
) -> None:
    assert (await theirs.post("/v3/dns/zones", json={"name": "theirs.example"})).status_code == 201
    assert names(await theirs.get("/v3/dns/zones")) == ["theirs.example"]
    assert "theirs.example" not in names(await mine.get("/v3/dns/zones"))
    assert (await mine.delete("/v3/dns/zones/theirs.example")).status_code == 404
    assert (await theirs.delete("/v3/dns/zones/theirs.example")).status_code == 204
    assert names(await theirs.get("/v3/dns/zones")) == []


async def test_another_accounts_announcement_is_not_found_and_not_listed(
    mine: httpx.AsyncClient, theirs: httpx.AsyncClient
) -> None:
    body = {"prefix": "198.51.100.0/24", "origin_asn": 64496}
    created = await mine.post("/v3/ip-announcements", json=body)
    assert created.status_code == 201
    at = f"/v3/ip-announcements/{created.json()['id']}"
    assert (await theirs.get("/v3/ip-announcements")).json()["results"] == []
    assert (await theirs.patch(at, json={"description": "taken"})).status_code == 404
    assert (await theirs.delete(at)).status_code == 404
    listed = (await mine.get("/v3/ip-announcements")).json()["results"]
    assert [a["description"] for a in listed] == [""]
    assert (await mine.delete(at)).status_code == 204


async def test_shield_rules_are_each_accounts_own(
    mine: httpx.AsyncClient, theirs: httpx.AsyncClient
) -> None:
    seeded = (await mine.get("/v3/shield/rules")).json()["results"]
    assert seeded and (await theirs.get("/v3/shield/rules")).json()["results"] == []
    rule = {"destination": "192.0.2.0/24", "action": "drop"}
    assert (await theirs.put("/v3/shield/rules", json={"rules": [rule]})).status_code == 200
    assert (await mine.get("/v3/shield/rules")).json()["results"] == seeded


# ---- the session-signing key ---------------------------------------------------------------


def claims() -> dict[str, Any]:
    now = int(time.time())
    return {"sub": "1042", "sid": "s1", "typ": "access", "jti": "j1", "iat": now, "exp": now + 60}


async def test_a_jwt_signed_with_the_key_once_written_in_the_repository_is_refused(
    app: StubApp,
) -> None:
    forged = jwt.encode(claims(), OLD_REPOSITORY_KEY, algorithm="HS256")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://s") as c:
        answer = await c.get("/v3/dns/zones", headers={"Authorization": f"Bearer {forged}"})
    assert answer.status_code == 401


def test_each_start_signs_with_a_new_key_unless_a_test_passes_one() -> None:
    assert create_app().config.jwt_secret != create_app().config.jwt_secret
    assert create_app(StubConfig(jwt_secret="k" * 32)).config.jwt_secret == "k" * 32
    assert create_app().config.jwt_secret not in repr(create_app().config)


async def test_a_session_of_one_stub_is_refused_by_another() -> None:
    one, other = create_app(), create_app()
    login = {"email": "noc@example.net", "password": "correct-horse-battery"}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=one), base_url="http://s") as c:
        access = (await c.post("/v3/session/login", json=login)).json()["access"]
        ok = await c.get("/v3/dns/zones", headers={"Authorization": f"Bearer {access}"})
    assert ok.status_code == 200
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=other), base_url="http://s"
    ) as c:
        refused = await c.get("/v3/dns/zones", headers={"Authorization": f"Bearer {access}"})
    assert refused.status_code == 401


# ---- request bodies are bounded ---------------------------------------------------------------


async def call_raw(
    app: StubApp, headers: list[tuple[bytes, bytes]], chunk: bytes
) -> tuple[int, int]:
    """POST an endless body straight to the ASGI app: (status, body messages it read)."""
    reads = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal reads
        reads += 1
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/v3/dns/zones",
        "raw_path": b"/v3/dns/zones",
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"stub"),
            (b"authorization", f"Token {app.config.api_token}".encode()),
            (b"content-type", b"application/json"),
            *headers,
        ],
        "client": ("127.0.0.1", 1),
        "server": ("stub", 80),
    }
    await app(scope, receive, send)
    return sent[0]["status"], reads


async def test_a_body_declared_over_the_limit_is_refused_without_being_read(app: StubApp) -> None:
    status, reads = await call_raw(app, [(b"content-length", b"268435456")], b"x" * 65536)
    assert (status, reads) == (413, 0)


async def test_a_chunked_body_is_refused_as_soon_as_it_passes_the_limit(app: StubApp) -> None:
    status, reads = await call_raw(app, [(b"transfer-encoding", b"chunked")], b"x" * 1024)
    assert status == 413
    assert reads == 5  # 4096 bytes allowed: the fifth KiB passes the limit


async def test_a_body_within_the_limit_is_read_and_a_padded_one_over_it_is_refused(
    mine: httpx.AsyncClient,
) -> None:
    name = "a" * 40 + ".example"
    assert (await mine.post("/v3/dns/zones", json={"name": name})).status_code == 201
    padded = b'{"name": "b.example"' + b" " * 5000 + b"}"
    answer = await mine.post(
        "/v3/dns/zones", content=padded, headers={"content-type": "application/json"}
    )
    assert answer.status_code == 413
    assert "4096" in answer.json()["detail"]


def test_the_default_limit_is_one_mebibyte() -> None:
    assert StubConfig().max_body_bytes == 1024 * 1024
