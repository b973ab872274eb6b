"""The stub behaves like the service: its state (resources made, changed and deleted), read-only
data, paging and series, concurrency, and a fresh state per app."""

from __future__ import annotations

import asyncio
import re

import httpx
import pytest

from contract_tests.stub_support import TOKEN
from misaka_io.testing.stub import (
    ManualClock,
    StubApp,
    create_app,
)
from misaka_io.testing.stub.__main__ import exports

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
