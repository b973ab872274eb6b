"""The octoDNS provider with octoDNS's own ``Zone``, ``Record`` and ``Plan``, in process: checks
at planning time, the plan applied by the DNS change engine (undone when a write fails), a
populate that skips what octoDNS cannot represent, ``list_zones`` and the YAML options."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from octodns.provider import SupportsException
from octodns.record import Record
from octodns.zone import Zone

from misaka_io import DnsRecords, Misaka
from misaka_io.dns_records import BatchFailedError
from misaka_io.octodns import MisakaProvider
from tests.dns_support import BASE, TOKEN, Faulty, faulty_stub

ZONE = "octo.example"


@pytest.fixture
def wire() -> Iterator[Faulty]:
    yield from faulty_stub()


@pytest.fixture
def client(wire: Faulty) -> Iterator[Misaka]:
    with Misaka(api_token=TOKEN, base_url=BASE, transport=wire, max_retries=0) as made:
        yield made


def provider(client: Misaka, **options: Any) -> MisakaProvider:
    return MisakaProvider("misaka", TOKEN, client=client, **options)


def desired(records: dict[str, dict[str, Any]]) -> Zone:
    zone = Zone(f"{ZONE}.", [])
    for name, data in records.items():
        zone.add_record(Record.new(zone, name, data, lenient=True))
    return zone


def stored(client: Misaka) -> dict[tuple[str, str], tuple[int, list[str]]]:
    return {
        (r.name, r.type_): (r.ttl, [v.value for v in r.records])
        for r in DnsRecords(client, lock_dir=None).list(ZONE)
        if r.type_ not in ("SOA", "NS") or r.name != "@"
    }


def sync(target: MisakaProvider, zone: Zone) -> Any:
    plan = target.plan(zone)
    if plan is not None:
        target.apply(plan)
    return plan


RECORDS: dict[str, dict[str, Any]] = {
    "": {"type": "CAA", "ttl": 300, "value": {"flags": 0, "tag": "issue", "value": "ca.test"}},
    "_sip._tcp": {
        "type": "SRV",
        "ttl": 300,
        "value": {"priority": 10, "weight": 5, "port": 5060, "target": f"sip.{ZONE}."},
    },
    "sub": {"type": "NS", "ttl": 3600, "values": ["ns1.example.net.", "ns2.example.net."]},
    "ptr": {"type": "PTR", "ttl": 300, "value": f"host.{ZONE}."},
    "www": {"type": "CNAME", "ttl": 300, "value": f"web.{ZONE}."},
    "web": {"type": "A", "ttl": 300, "values": ["192.0.2.1", "192.0.2.2"]},
}


def test_caa_srv_ns_and_ptr_round_trip_and_a_second_plan_is_empty(client: Misaka) -> None:
    target = provider(client)
    assert sync(target, desired(RECORDS)) is not None
    assert stored(client)[("_sip._tcp", "SRV")] == (300, [f"10 5 5060 sip.{ZONE}."])
    assert stored(client)[("@", "CAA")] == (300, ['0 issue "ca.test"'])
    assert target.plan(desired(RECORDS)) is None


def test_an_update_and_a_delete_are_one_write_each(client: Misaka, wire: Faulty) -> None:
    target = provider(client)
    sync(target, desired(RECORDS))
    changed = {**RECORDS, "web": {"type": "A", "ttl": 600, "value": "192.0.2.9"}}
    del changed["ptr"]
    wire.seen.clear()
    sync(target, desired(changed))
    assert sorted(wire.writes()) == [
        ("DELETE", f"/v3/dns/zones/{ZONE}/recordsets/ptr/PTR"),
        ("PUT", f"/v3/dns/zones/{ZONE}/recordsets/web/A"),
    ]
    assert stored(client)[("web", "A")] == (600, ["192.0.2.9"])


def test_a_cname_that_becomes_an_a_whose_write_fails_is_put_back(
    client: Misaka, wire: Faulty
) -> None:
    target = provider(client)
    sync(target, desired(RECORDS))
    before = stored(client)
    wire.faults[("POST", "/www/A")] = 422
    swapped = {**RECORDS, "www": {"type": "A", "ttl": 300, "value": "192.0.2.7"}}
    with pytest.raises(BatchFailedError, match="as it was before the batch"):
        sync(target, desired(swapped))
    assert stored(client) == before


def test_a_record_the_api_would_refuse_stops_the_plan_before_anything_is_sent(
    client: Misaka, wire: Faulty
) -> None:
    target = provider(client)
    sync(target, desired(RECORDS))
    wire.seen.clear()
    bad = {**RECORDS, "foo-": {"type": "A", "ttl": 300, "value": "192.0.2.3"}}
    with pytest.raises(SupportsException, match="foo-"):
        target.plan(desired(bad))
    assert wire.writes() == []


def test_without_strict_supports_a_refused_record_is_left_out_with_a_warning(
    client: Misaka, caplog: pytest.LogCaptureFixture
) -> None:
    target = provider(client, strict_supports=False)
    bad = {**RECORDS, "foo-": {"type": "A", "ttl": 300, "value": "192.0.2.3"}}
    with caplog.at_level(logging.WARNING):
        sync(target, desired(bad))
    assert "foo-" in caplog.text and "omitting record" in caplog.text
    assert ("foo-", "A") not in stored(client) and ("web", "A") in stored(client)


def test_a_ttl_outside_the_apis_range_is_clamped_with_a_warning(
    client: Misaka, caplog: pytest.LogCaptureFixture
) -> None:
    target = provider(client)
    zone = desired(
        {
            "low": {"type": "A", "ttl": 0, "value": "192.0.2.1"},
            "high": {"type": "A", "ttl": 1209600, "value": "192.0.2.2"},
        }
    )
    with caplog.at_level(logging.WARNING):
        sync(target, zone)
    assert "TTL 0 of low" in caplog.text and "TTL 1209600 of high" in caplog.text
    assert stored(client)[("low", "A")][0] == 1
    assert stored(client)[("high", "A")][0] == 604800
    assert target.plan(zone) is None  # clamped on both sides: nothing left to change


def test_a_plan_applied_twice_or_for_a_zone_made_meanwhile_does_not_fail(
    client: Misaka,
) -> None:
    target = provider(client)
    fresh = Zone("fresh.example.", [])
    fresh.add_record(Record.new(fresh, "a", {"type": "A", "ttl": 60, "value": "192.0.2.1"}))
    plan = target.plan(fresh)
    assert plan is not None and not plan.exists
    target.apply(plan)
    target.apply(plan)  # the zone exists now; the records are as wanted
    assert "fresh.example." in target.list_zones()


def test_list_zones_names_every_zone_of_the_account(client: Misaka) -> None:
    target = provider(client)
    sync(target, desired(RECORDS))
    zones = target.list_zones()
    assert f"{ZONE}." in zones and all(z.endswith(".") for z in zones)
    assert zones == sorted(zones)


def _answering(listing: list[dict[str, Any]]) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        page = {"count": len(listing), "next": None, "previous": None, "results": listing}
        return httpx.Response(200, json=page)

    return httpx.MockTransport(handle)


def _rs(name: str, rtype: str, *values: str) -> dict[str, Any]:
    records = [{"value": v} for v in values]
    return {
        "name": name,
        "type": rtype,
        "ttl": 300,
        "enabled": True,
        "protected": False,
        "alias": None,
        "records": records,
        "filters": [],
    }


def test_populate_skips_what_octodns_cannot_represent_and_reads_the_rest(
    caplog: pytest.LogCaptureFixture,
) -> None:
    listing = [
        _rs("long", "TXT", "x" * 410),
        _rs("paren", "A", "(192.0.2.1)"),
        _rs("accent", "TXT", "héllo"),
        _rs("below", "ALIAS", "target.example.net"),
        _rs("@", "CNAME", "elsewhere.example.net"),
        _rs("ok", "A", "192.0.2.5"),
    ]
    client = Misaka(api_token=TOKEN, base_url=BASE, transport=_answering(listing))
    zone = Zone(f"{ZONE}.", [])
    with caplog.at_level(logging.WARNING):
        assert provider(client).populate(zone)
    types = {cls: name for name, cls in Record.registered_types().items()}
    found = {(r.name, types[type(r)]): r for r in zone.records}
    assert ("ok", "A") in found and ("paren", "A") in found
    assert found[("paren", "A")].values == ["192.0.2.1"]
    assert found[("long", "TXT")].values[0].replace("\\", "").replace('"', "") != ""
    assert ("", "CNAME") not in found and ("below", "ALIAS") not in found
    assert "skipping" in caplog.text


def test_yaml_options_reach_the_client() -> None:
    made = MisakaProvider("misaka", TOKEN, BASE, timeout=7, max_retries=1, dns_base="/dns")
    assert made.client.max_retries == 1 and made.client.dns_base_path == "/dns"


def test_the_lock_url_option_is_the_lock_every_write_takes(client: Misaka, wire: Faulty) -> None:
    from misaka_io._shared_lock import SharedLockUnavailableError
    from tests.redis_support import free_port

    closed = f"redis://:hush-1@127.0.0.1:{free_port()}/0"
    target = provider(client, lock_url=closed)
    plan = target.plan(desired(RECORDS))
    with pytest.raises(SharedLockUnavailableError) as caught:
        target.apply(plan)
    assert "hush-1" not in str(caught.value) and wire.writes() == []
