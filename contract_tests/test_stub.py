"""The stub behaves like the service: auth flows, state, validation, determinism."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import jwt
import pytest

from contract_tests.conformance import problems, route_for
from misaka_io.spec import operations
from misaka_io.testing.stub import (
    DEFAULT_API_TOKEN,
    STUB_OTP,
    ManualClock,
    StubApp,
    StubConfig,
    create_app,
)
from misaka_io.testing.stub.__main__ import exports
from misaka_io.testing.stub.handlers import HANDLERS

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


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def app(clock: ManualClock) -> StubApp:
    return create_app(StubConfig(clock=clock, access_ttl=60))


@pytest.fixture
async def client(app: StubApp) -> AsyncIterator[httpx.AsyncClient]:
    async with Checked(transport=httpx.ASGITransport(app=app), base_url="http://stub") as c:
        yield c


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def login(client: httpx.AsyncClient, **extra: Any) -> dict[str, Any]:
    r = await client.post("/v3/session/login", json={**NOC, **extra})
    assert r.status_code == 200
    body: dict[str, Any] = r.json()
    return body


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


# ---- stateful resources ---------------------------------------------------------------------


async def test_ip_announcement_lifecycle(client: httpx.AsyncClient) -> None:
    body = {
        "prefix": "2001:db8:4100::/48",
        "origin_asn": 64500,
        "communities": [
            {"type": "rt", "global_administrator": 65009, "local_administrator": 65100}
        ],
    }
    created = await client.post("/v3/ip-announcements", headers=TOKEN, json=body)
    assert created.status_code == 201
    item = created.json()
    assert item["prefix"] == body["prefix"] and item["communities"] == body["communities"]
    dup = await client.post("/v3/ip-announcements", headers=TOKEN, json=body)
    assert dup.status_code == 409
    listed = await client.get(
        "/v3/ip-announcements", headers=TOKEN, params={"prefix": body["prefix"]}
    )
    assert [a["id"] for a in listed.json()["results"]] == [item["id"]]
    url = f"/v3/ip-announcements/{item['id']}"
    patched = await client.patch(url, headers=TOKEN, json={"description": "peers only"})
    assert patched.json()["description"] == "peers only" and patched.json()["origin_asn"] == 64500
    assert (await client.delete(url, headers=TOKEN)).status_code == 204
    assert (await client.patch(url, headers=TOKEN, json={"description": "x"})).status_code == 404
    assert (await client.delete(url, headers=TOKEN)).status_code == 404
    listed = await client.get(
        "/v3/ip-announcements", headers=TOKEN, params={"prefix": body["prefix"]}
    )
    assert listed.json()["results"] == []


async def test_zone_and_recordset_lifecycle(client: httpx.AsyncClient) -> None:
    z = "/v3/dns/zones/example.org"
    assert (
        await client.post("/v3/dns/zones", headers=TOKEN, json={"name": "example.org"})
    ).status_code == 201
    assert (
        await client.post("/v3/dns/zones", headers=TOKEN, json={"name": "example.org"})
    ).status_code == 409
    rs = f"{z}/recordsets/www/A"
    body = {"records": [{"value": "203.0.113.10"}], "ttl": 120}
    created = await client.post(rs, headers=TOKEN, json=body)
    assert created.status_code == 200  # recorded: not 201
    assert (await client.post(rs, headers=TOKEN, json=body)).status_code == 409
    got = (await client.get(rs, headers=TOKEN)).json()
    assert (
        got
        == created.json()
        == {
            "name": "www",
            "type": "A",
            "ttl": 120,
            "enabled": True,
            "protected": False,
            "alias": None,
            "records": [{"value": "203.0.113.10"}],
            "filters": [],
        }
    )
    appended = await client.put(
        rs, headers=TOKEN, params={"append": "true"}, json={"records": [{"value": "203.0.113.11"}]}
    )
    assert [r["value"] for r in appended.json()["records"]] == ["203.0.113.10", "203.0.113.11"]
    replaced = await client.put(rs, headers=TOKEN, json={"records": [{"value": "203.0.113.12"}]})
    assert [r["value"] for r in replaced.json()["records"]] == ["203.0.113.12"]
    await client.post(
        f"{z}/recordsets/_acme-challenge/TXT", headers=TOKEN, json={"records": [{"value": '"tok"'}]}
    )
    search = await client.get(f"{z}/recordsets", headers=TOKEN, params={"search": "acme"})
    assert [r["name"] for r in search.json()["results"]] == ["_acme-challenge"]
    # Recorded: `name` did not filter; the apex NS and SOA come back too.
    by_name = await client.get(f"{z}/recordsets", headers=TOKEN, params={"name": "www"})
    assert [(r["name"], r["type"]) for r in by_name.json()["results"]] == [
        ("@", "NS"),
        ("@", "SOA"),
        ("_acme-challenge", "TXT"),
        ("www", "A"),
    ]
    deleted = await client.delete(rs, headers=TOKEN)
    assert (deleted.status_code, deleted.json()) == (202, {"detail": "Object deleted."})
    missing = await client.get(rs, headers=TOKEN)
    assert (missing.status_code, missing.json()) == (404, {"detail": "Not found."})
    settings = await client.put(f"{z}/settings", headers=TOKEN, json={"default_ttl": 900})
    assert settings.json()["default_ttl"] == 900
    assert (await client.get(f"{z}/settings", headers=TOKEN)).json()["default_ttl"] == 900
    assert (await client.delete(z, headers=TOKEN)).status_code == 204
    assert (await client.get(f"{z}/settings", headers=TOKEN)).status_code == 404
    assert (await client.get(f"{z}/recordsets", headers=TOKEN)).status_code == 404
    assert (await client.delete(z, headers=TOKEN)).status_code == 404


async def test_recordset_in_missing_zone_is_404(client: httpx.AsyncClient) -> None:
    r = await client.post(
        "/v3/dns/zones/nowhere.example/recordsets/www/A",
        headers=TOKEN,
        json={"records": [{"value": "192.0.2.1"}]},
    )
    assert r.status_code == 404


async def test_import_zone_file(client: httpx.AsyncClient) -> None:
    zone_file = (
        "$TTL 600\nwww IN A 203.0.113.10\nwww IN A 203.0.113.11\n@ 300 IN MX 10 mail.example.net.\n"
    )
    r = await client.post(
        "/v3/dns/zones/example.net/import", headers=TOKEN, json={"zone_file": zone_file}
    )
    assert r.json()["imported"] == 3
    got = (await client.get("/v3/dns/zones/example.net/recordsets/www/A", headers=TOKEN)).json()
    assert got["ttl"] == 600 and len(got["records"]) == 2
    mx = (await client.get("/v3/dns/zones/example.net/recordsets/@/MX", headers=TOKEN)).json()
    assert mx["ttl"] == 300
    bad = await client.post(
        "/v3/dns/zones/example.net/import", headers=TOKEN, json={"zone_file": "www IN BOGUS x"}
    )
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "zone_file", 1]


async def test_dnssec_enable_get_disable(client: httpx.AsyncClient) -> None:
    url = "/v3/dns/zones/example.net/dnssec"
    assert (await client.get(url, headers=TOKEN)).status_code == 404
    enabled = (await client.post(url, headers=TOKEN)).json()
    assert enabled["enabled"] is True and enabled["keys"][0]["ds"]
    assert (await client.get(url, headers=TOKEN)).json() == enabled
    zones = (await client.get("/v3/dns/zones", headers=TOKEN)).json()["results"]
    assert zones[0]["dnssec_enabled"] is True
    assert (await client.delete(url, headers=TOKEN)).status_code == 204
    assert (await client.get(url, headers=TOKEN)).status_code == 404
    zones = (await client.get("/v3/dns/zones", headers=TOKEN)).json()["results"]
    assert zones[0]["dnssec_enabled"] is False


async def test_ptr_batch_and_shield_rules(client: httpx.AsyncClient) -> None:
    r = await client.post(
        "/v3/dns/ptr",
        headers=TOKEN,
        json={
            "records": [
                {"ip": "203.0.113.10", "ptr": "mail.example.net."},
                {"ip": "2001:db8::1", "ptr": None},
            ]
        },
    )
    assert r.json() == {
        "updated": 2,
        "records": [
            {"ip": "203.0.113.10", "ptr": "mail.example.net"},
            {"ip": "2001:db8::1", "ptr": None},
        ],
    }
    bad = await client.post(
        "/v3/dns/ptr", headers=TOKEN, json={"records": [{"ip": "999.1.1.1", "ptr": "x"}]}
    )
    assert bad.status_code == 422
    rules = {
        "rules": [
            {"destination": "203.0.113.53/32", "action": "rate-limit", "rate_limit_pps": 5000}
        ]
    }
    stored = (await client.put("/v3/shield/rules", headers=TOKEN, json=rules)).json()["results"]
    assert len(stored) == 1 and stored[0]["id"] and stored[0]["rate_limit_pps"] == 5000
    assert (await client.get("/v3/shield/rules", headers=TOKEN)).json()["results"] == stored


# ---- read-only data, paging, series ----------------------------------------------------------


async def test_paging(client: httpx.AsyncClient) -> None:
    first = (await client.get("/v3/ports", headers=TOKEN, params={"limit": 2})).json()
    assert first["count"] == 3 and len(first["results"]) == 2 and first["previous"] is None
    second = (await client.get(first["next"], headers=TOKEN)).json()
    assert len(second["results"]) == 1 and second["next"] is None
    assert {p["id"] for p in first["results"] + second["results"]} == {
        p["id"] for p in (await client.get("/v3/ports", headers=TOKEN)).json()["results"]
    }


@pytest.mark.parametrize(
    "url",
    [
        "/v3/teams/17/members",
        "/v3/devices",
        "/v3/services",
        "/v3/cross-connects",
        "/v3/ports/port-hkg1-cr1-et-0-0-3",
        "/v3/ports/port-hkg1-cr1-et-0-0-3/transceiver",
        "/v3/events",
        "/v3/events/related",
        "/v3/events/evt-20261120-0031/related",
        "/v3/events/evt-20261120-0031/attachments",
        "/v3/lighthouse/filter-keys",
        "/v3/locations/HKG1/timezone",
    ],
)
async def test_seeded_reads(client: httpx.AsyncClient, url: str) -> None:
    r = await client.get(url, headers=TOKEN)
    assert r.status_code == 200
    body = r.json()
    assert body.get("results", [body])


@pytest.mark.parametrize(
    "url",
    [
        "/v3/teams/99/members",
        "/v3/ports/port-nope",
        "/v3/events/evt-nope/related",
        "/v3/events/evt-nope/attachments",
        "/v3/locations/XXX9/timezone",
    ],
)
async def test_unknown_resources_are_404(client: httpx.AsyncClient, url: str) -> None:
    assert (await client.get(url, headers=TOKEN)).status_code == 404


async def test_event_filters(client: httpx.AsyncClient) -> None:
    crit = (await client.get("/v3/events", headers=TOKEN, params={"severity": "critical"})).json()[
        "results"
    ]
    assert [e["id"] for e in crit] == ["evt-20261120-0031"]
    port = (
        await client.get("/v3/events/related", headers=TOKEN, params={"resource_type": "port"})
    ).json()["results"]
    assert [e["id"] for e in port] == ["evt-20261126-0042"]
    series = (
        await client.get(
            "/v3/events/related/timeseries",
            headers=TOKEN,
            params={
                "start": "2026-11-01T00:00:00Z",
                "end": "2026-12-01T00:00:00Z",
                "resolution": 86400,
            },
        )
    ).json()
    assert len(series["points"]) == 30 and sum(p["count"] for p in series["points"]) == 2


USAGE = "/v3/ports/port-hkg1-cr1-et-0-0-3/usage"
MONTH = {"start": "2026-10-01T00:00:00Z", "end": "2026-10-31T00:00:00Z", "resolution": 300}


async def test_usage_series_is_deterministic_and_cheap(
    client: httpx.AsyncClient, app: StubApp
) -> None:
    one = (await client.get(USAGE, headers=TOKEN, params=MONTH)).json()
    assert len(one["points"]) == 30 * 288
    assert one["points"][0]["time"] == "2026-10-01T00:00:00Z"
    assert one["points"][1]["time"] == "2026-10-01T00:05:00Z"
    again = (await client.get(USAGE, headers=TOKEN, params=MONTH)).json()
    assert again == one
    other_app = create_app()
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=other_app), base_url="http://s"
    ) as c2:
        assert (
            await c2.get(
                USAGE,
                headers={"Authorization": f"Token {other_app.config.api_token}"},
                params=MONTH,
            )
        ).json() == one
    other_port = (
        await client.get("/v3/ports/port-hkg1-sw1-eth-12/usage", headers=TOKEN, params=MONTH)
    ).json()
    assert [p["in_bps"] for p in other_port["points"]] != [p["in_bps"] for p in one["points"]]
    assert all(0 < p["in_bps"] <= 100_000 * 10**6 for p in one["points"])


async def test_usage_series_window_checks(client: httpx.AsyncClient) -> None:
    backwards = {"start": "2026-10-02T00:00:00Z", "end": "2026-10-01T00:00:00Z"}
    assert (await client.get(USAGE, headers=TOKEN, params=backwards)).status_code == 422
    huge = {"start": "2000-01-01T00:00:00Z", "end": "2026-01-01T00:00:00Z", "resolution": 60}
    r = await client.get(USAGE, headers=TOKEN, params=huge)
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "resolution"]


async def test_flow_timeseries(client: httpx.AsyncClient) -> None:
    query = {
        "start": "2026-11-27T00:00:00Z",
        "end": "2026-11-27T01:00:00Z",
        "group_by": ["src_asn"],
        "filters": [{"key": "dst_port", "values": ["53"]}],
    }
    one = (await client.post("/v3/lighthouse/flows/timeseries", headers=TOKEN, json=query)).json()
    assert len(one["series"]) == 3 and all(len(s["points"]) == 12 for s in one["series"])
    assert (
        one
        == (await client.post("/v3/lighthouse/flows/timeseries", headers=TOKEN, json=query)).json()
    )
    as_float = await client.post(
        "/v3/lighthouse/flows/timeseries", headers=TOKEN, json={**query, "resolution": 300.0}
    )
    assert as_float.status_code == 200 and len(as_float.json()["series"][0]["points"]) == 12
    bad = await client.post(
        "/v3/lighthouse/flows/timeseries", headers=TOKEN, json={**query, "group_by": ["nope"]}
    )
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "group_by", 0]


async def test_timezone_offset(client: httpx.AsyncClient) -> None:
    r = (await client.get("/v3/locations/hkg1/timezone", headers=TOKEN)).json()
    assert r == {"location": "HKG1", "timezone": "Asia/Hong_Kong", "utc_offset": "+08:00"}


# ---- concurrency ----------------------------------------------------------------------------


async def test_concurrent_creates_are_consistent(client: httpx.AsyncClient) -> None:
    async def create(prefix: str) -> int:
        r = await client.post(
            "/v3/ip-announcements", headers=TOKEN, json={"prefix": prefix, "origin_asn": 64500}
        )
        return r.status_code

    distinct = await asyncio.gather(*(create(f"198.51.{i}.0/24") for i in range(50)))
    assert distinct == [201] * 50
    same = await asyncio.gather(*(create("192.0.2.0/24") for _ in range(20)))
    assert sorted(same) == [201] + [409] * 19
    listed = (
        await client.get("/v3/ip-announcements", headers=TOKEN, params={"limit": 1000})
    ).json()
    assert listed["count"] == 51 and len({a["id"] for a in listed["results"]}) == 51


async def test_zone_settings_and_apex_as_recorded(
    client: httpx.AsyncClient, clock: ManualClock
) -> None:
    z = "/v3/dns/zones/example.net"
    settings = (await client.get(f"{z}/settings", headers=TOKEN)).json()
    assert list(settings) == [
        "id", "name", "friendly_name", "comment", "email", "expiry", "nxdomain_ttl",
        "default_ttl", "refresh", "retry", "serial", "managed_soa", "managed_acme",
        "enabled", "dirty", "created", "modified", "owner",
    ]  # fmt: skip
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", settings["created"])
    soa = (await client.get(f"{z}/recordsets/@/SOA", headers=TOKEN)).json()
    ns = (await client.get(f"{z}/recordsets/@/NS", headers=TOKEN)).json()
    # Recorded (facts 4c): six name servers without a trailing dot, ttl 86400, and
    # `protected` false like every recorded recordset.
    assert ns["records"] == [
        {"value": v}
        for v in ("a.m1ns.moe", "b.m1ns.uk", "c.m1ns.us", "d.m1ns.com", "e.m1ns.net", "f.m1ns.org")
    ]
    assert (ns["ttl"], soa["ttl"]) == (86400, 86400)
    assert not ns["protected"] and not soa["protected"]
    serial = settings["serial"]
    assert soa["records"] == [
        {"value": f"a.m1ns.moe. hostmaster.example.net. {serial} 3600 600 604800 180"}
    ]
    clock.advance(5)
    changed = await client.put(f"{z}/settings", headers=TOKEN, json={"email": "dns@example.net"})
    assert changed.json()["serial"] == serial + 1
    assert changed.json()["modified"] > settings["modified"]
    soa = (await client.get(f"{z}/recordsets/@/SOA", headers=TOKEN)).json()
    assert soa["records"][0]["value"].split()[1:3] == ["dns.example.net.", str(serial + 1)]


async def test_a_replacing_import_keeps_the_apex_that_came_with_the_zone(
    client: httpx.AsyncClient,
) -> None:
    z = "/v3/dns/zones/example.net"
    ns = (await client.get(f"{z}/recordsets/@/NS", headers=TOKEN)).json()
    body = {"zone_file": "www 300 IN A 192.0.2.7\n", "replace": True}
    assert (await client.post(f"{z}/import", headers=TOKEN, json=body)).status_code == 200
    listed = (await client.get(f"{z}/recordsets", headers=TOKEN)).json()["results"]
    assert sorted((r["name"], r["type"]) for r in listed) == [
        ("@", "NS"),
        ("@", "SOA"),
        ("www", "A"),
    ]
    assert (await client.get(f"{z}/recordsets/@/NS", headers=TOKEN)).json() == ns


def test_make_stub_prints_paste_ready_exports() -> None:
    text = exports("http://127.0.0.1:8080", "tok'en")
    assert text.splitlines() == [
        "export MISAKA_BASE_URL=http://127.0.0.1:8080",
        "export MISAKA_API_TOKEN='tok'\"'\"'en'",
    ]


def test_fresh_state_per_app() -> None:
    one, two = create_app(), create_app()
    assert one.stub_state is not two.stub_state
    one.stub_state.announcements["x"] = {}
    assert two.stub_state.announcements == {}
