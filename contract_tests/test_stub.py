"""The stub behaves like the service: its auth flows, routing and validation."""

from __future__ import annotations

import re
from typing import Any

import httpx
import jwt
import pytest

from contract_tests.stub_support import NOC, SECURE, TOKEN, bearer, login
from misaka_io.spec import operations
from misaka_io.testing.stub import (
    DEFAULT_API_TOKEN,
    STUB_OTP,
    ManualClock,
    StubApp,
    create_app,
)
from misaka_io.testing.stub.handlers import HANDLERS


def test_every_operation_has_a_handler() -> None:
    assert {op.operation_id for op in operations()} == set(HANDLERS)


# ---- auth ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [None, "Token", "Token nope", "Bearer", "Bearer not.a.jwt", "Basic bm9jOnB3", "Bearer  "],
)
async def test_bad_credentials_get_401_with_detail(
    client: httpx.AsyncClient, header: str | None
) -> None:
    headers = {"Authorization": header} if header is not None else {}
    r = await client.get("/v3/ports", headers=headers)
    assert r.status_code == 401
    assert isinstance(r.json()["detail"], str) and r.json()["detail"]


async def test_api_token_and_login_both_work(client: httpx.AsyncClient) -> None:
    assert (await client.get("/v3/teams", headers=TOKEN)).status_code == 200
    tokens = await login(client)
    assert (
        tokens["access"] == tokens["access_token"] and tokens["refresh"] == tokens["refresh_token"]
    )
    assert tokens["user"]["services"] and tokens["user"]["teams"][0]["id"] == "17"
    assert "sliding_token" not in tokens
    assert (await client.get("/v3/teams", headers=bearer(tokens["access"]))).status_code == 200


async def test_wrong_password_is_401(client: httpx.AsyncClient) -> None:
    r = await client.post("/v3/session/login", json={**NOC, "password": "wrong-password"})
    assert r.status_code == 401


async def test_legacy_username_logs_in(client: httpx.AsyncClient) -> None:
    r = await client.post(
        "/v3/session/login", json={"username": NOC["email"], "password": NOC["password"]}
    )
    assert r.status_code == 200 and r.json()["access"]


async def test_access_token_expires_on_the_clock(
    client: httpx.AsyncClient, clock: ManualClock
) -> None:
    tokens = await login(client)
    clock.advance(59)
    assert (await client.get("/v3/ports", headers=bearer(tokens["access"]))).status_code == 200
    clock.advance(2)
    r = await client.get("/v3/ports", headers=bearer(tokens["access"]))
    assert r.status_code == 401 and "expired" in r.json()["detail"]


async def test_a_bad_or_expired_session_token_is_401_with_code_token_not_valid(
    client: httpx.AsyncClient, clock: ManualClock
) -> None:
    tokens = await login(client)
    forged = jwt.encode({"sub": "1042"}, "not-the-stub-key-0123456789abcdef", algorithm="HS256")
    clock.advance(61)
    for header in (bearer(tokens["access"]), bearer("not.a.jwt"), bearer(forged)):
        r = await client.get("/v3/ports", headers=header)
        assert r.status_code == 401 and r.json()["code"] == "token_not_valid", r.json()
        assert r.json()["detail"]
    refused = await client.post("/v3/session/refresh", json={"refresh": tokens["access"]})
    assert refused.status_code == 401 and refused.json()["code"] == "token_not_valid"
    # No session token at all, or a bad API token: only `detail`, as before.
    for headers in ({}, {"Authorization": "Token nope"}):
        r = await client.get("/v3/ports", headers=headers)
        assert r.status_code == 401 and set(r.json()) == {"detail"}


async def test_refresh_rotates_and_revokes_the_old_refresh_token(
    client: httpx.AsyncClient, clock: ManualClock
) -> None:
    tokens = await login(client)
    clock.advance(120)
    r = await client.post("/v3/session/refresh", json={"refresh": tokens["refresh"]})
    assert r.status_code == 200
    fresh = r.json()
    assert fresh["refresh"] != tokens["refresh"] and fresh["user"]["teams"][0]["id"] == 17
    assert "services" not in fresh["user"]
    assert (await client.get("/v3/ports", headers=bearer(fresh["access"]))).status_code == 200
    again = await client.post("/v3/session/refresh", json={"refresh": tokens["refresh"]})
    assert again.status_code == 401 and "revoked" in again.json()["detail"]


async def test_refresh_rejects_an_access_token(client: httpx.AsyncClient) -> None:
    tokens = await login(client)
    r = await client.post("/v3/session/refresh", json={"refresh": tokens["access"]})
    assert r.status_code == 401


async def test_logout_revokes_the_session(client: httpx.AsyncClient) -> None:
    tokens = await login(client)
    r = await client.post(
        "/v3/session/logout", headers=bearer(tokens["access"]), json={"refresh": tokens["refresh"]}
    )
    assert r.json() == {"success": True}
    assert (await client.get("/v3/ports", headers=bearer(tokens["access"]))).status_code == 401
    r = await client.post("/v3/session/refresh", json={"refresh": tokens["refresh"]})
    assert r.status_code == 401


async def test_two_factor_login(client: httpx.AsyncClient) -> None:
    first = await client.post("/v3/session/login", json=SECURE)
    assert first.status_code == 200 and set(first.json()) == {"detail"}
    bad = await client.post("/v3/session/login/2fa", json={**SECURE, "otp": "000000"})
    assert bad.status_code == 401
    good = await client.post("/v3/session/login/2fa", json={**SECURE, "otp": STUB_OTP})
    assert good.status_code == 200
    assert (await client.get("/v3/teams", headers=bearer(good.json()["access"]))).status_code == 200


async def test_sliding_token_is_issued_and_accepted(client: httpx.AsyncClient) -> None:
    tokens = await login(client, sliding=True)
    assert (
        await client.get("/v3/ports", headers=bearer(tokens["sliding_token"]))
    ).status_code == 200


async def test_change_password(client: httpx.AsyncClient) -> None:
    other = await login(client)
    mine = await login(client)
    wrong = await client.post(
        "/v3/account/password",
        headers=bearer(mine["access"]),
        json={"current_password": "not-the-password", "new_password": "brand-new-pass"},
    )
    assert wrong.status_code == 400
    r = await client.post(
        "/v3/account/password",
        headers=bearer(mine["access"]),
        json={
            "current_password": NOC["password"],
            "new_password": "brand-new-pass",
            "logout_all_sessions": True,
        },
    )
    assert r.json() == {"success": True}
    assert (await client.get("/v3/ports", headers=bearer(other["access"]))).status_code == 401
    assert (await client.get("/v3/ports", headers=bearer(mine["access"]))).status_code == 200
    old = await client.post("/v3/session/login", json=NOC)
    assert old.status_code == 401
    new = await client.post("/v3/session/login", json={**NOC, "password": "brand-new-pass"})
    assert new.status_code == 200


async def test_confirm_email_token_works_once(client: httpx.AsyncClient) -> None:
    body = {"token": "confirm-5d41402abc4b2a76b9719d91"}
    assert (await client.post("/v3/account/confirm-email", json=body)).status_code == 200
    assert (await client.post("/v3/account/confirm-email", json=body)).status_code == 400


async def test_current_user_token_is_the_api_token(client: httpx.AsyncClient) -> None:
    tokens = await login(client)
    r = await client.get("/v3/session/token", headers=bearer(tokens["access"]))
    assert r.json()["token"] == DEFAULT_API_TOKEN


def test_api_token_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MISAKA_STUB_API_TOKEN", "from-env-token-123")
    assert create_app().config.api_token == "from-env-token-123"
    assert "from-env-token-123" not in repr(create_app().config)


# ---- routing and validation -----------------------------------------------------------------


async def test_unknown_path_is_404_and_wrong_method_405(client: httpx.AsyncClient) -> None:
    assert (await client.get("/v3/nothing-here", headers=TOKEN)).status_code == 404
    r = await client.delete("/v3/ports", headers=TOKEN)
    assert r.status_code == 405 and r.headers["allow"] == "GET, HEAD, OPTIONS"
    r = await client.put("/v3/ip-announcements", headers=TOKEN)
    assert r.status_code == 405 and r.headers["allow"] == "GET, POST, HEAD, OPTIONS"


async def test_every_answer_has_a_request_id_and_allow(client: httpx.AsyncClient) -> None:
    rs = "/v3/dns/zones/example.net/recordsets/www/A"
    answers = [
        await client.get(rs, headers=TOKEN),
        await client.get(rs),  # 401
        await client.get("/v3/dns/zones/example.net/recordsets/nope/A", headers=TOKEN),
        await client.get("/v3/dns/zones/example.net/settings", headers=TOKEN),
        await client.options(rs),
    ]
    ids = [r.headers["x-request-id"] for r in answers]
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids) and len(set(ids)) == len(ids)
    assert [r.headers["allow"] for r in answers] == [
        "GET, POST, PUT, DELETE, HEAD, OPTIONS"
    ] * 3 + ["GET, PUT, HEAD, OPTIONS", "GET, POST, PUT, DELETE, HEAD, OPTIONS"]
    head = await client.head(rs, headers=TOKEN)
    assert head.status_code == 200 and head.content == b""


async def test_deeply_nested_json_is_refused_not_a_crash(client: httpx.AsyncClient) -> None:
    # Issue 11: 100,000 levels made the JSON parser raise RecursionError (answered 500).
    deep = b"[" * 100_000 + b"]" * 100_000
    for body in (deep, b'{"prefix": ' + deep + b"}"):
        r = await client.post(
            "/v3/ip-announcements",
            headers={**TOKEN, "content-type": "application/json"},
            content=body,
        )
        assert r.status_code in (400, 422), r.status_code
        assert r.json()["detail"][0]["loc"] == ["body"]


async def test_signed_jwt_without_session_claim_is_401(
    client: httpx.AsyncClient, app: StubApp
) -> None:
    # Issue 11: a token signed with the stub's key but without `sid` raised KeyError (500).
    now = int(app.config.clock.now())
    claims = {"sub": "1042", "typ": "access", "jti": "abc", "iat": now, "exp": now + 60}
    for drop in ("sid", "sub", "jti"):
        claims_ = {**claims, "sid": "s1"}
        claims_.pop(drop)
        token = jwt.encode(claims_, app.config.jwt_secret, algorithm="HS256")
        r = await client.get("/v3/ports", headers=bearer(token))
        assert r.status_code == 401 and r.json()["detail"] == "Token is invalid"
    odd = jwt.encode({**claims, "sid": ["a", "list"]}, app.config.jwt_secret, algorithm="HS256")
    assert (await client.get("/v3/ports", headers=bearer(odd))).status_code == 401


@pytest.mark.parametrize(
    ("method", "url", "kwargs", "loc"),
    [
        ("get", "/v3/ports?limit=0", {}, ["query", "limit"]),
        ("get", "/v3/ports?limit=abc", {}, ["query", "limit"]),
        ("get", "/v3/ports?offset=-1", {}, ["query", "offset"]),
        ("get", "/v3/teams/abc/members", {}, ["path", "team_id"]),
        ("get", "/v3/ports/port-x/usage?start=2026-11-01T00:00:00Z", {}, ["query", "end"]),
        (
            "get",
            "/v3/ports/port-x/usage?start=yesterday&end=2026-11-01T00:00:00Z",
            {},
            ["query", "start"],
        ),
        ("post", "/v3/ip-announcements", {"json": {"origin_asn": 64500}}, ["body", "prefix"]),
        (
            "post",
            "/v3/ip-announcements",
            {"json": {"prefix": "10.0.0.0/8", "origin_asn": 0}},
            ["body", "origin_asn"],
        ),
        (
            "post",
            "/v3/ip-announcements",
            {"json": {"prefix": "10.0.0.1/8", "origin_asn": 1}},
            ["body", "prefix"],
        ),
        (
            "post",
            "/v3/ip-announcements",
            {"content": b"{nope", "headers": {"content-type": "application/json"}},
            ["body"],
        ),
        ("post", "/v3/ip-announcements", {}, ["body"]),
        (
            "post",
            "/v3/account/password",
            {"json": {"current_password": "12345", "new_password": "123456"}},
            ["body", "current_password"],
        ),
    ],
)
async def test_bad_input_is_422_naming_the_field(
    client: httpx.AsyncClient, method: str, url: str, kwargs: dict[str, Any], loc: list[str]
) -> None:
    headers = {**TOKEN, **kwargs.pop("headers", {})}
    r = await client.request(method.upper(), url, headers=headers, **kwargs)
    assert r.status_code == 422
    assert loc in [item["loc"] for item in r.json()["detail"]]
