"""The DNS workflows: normalising names and types, finding the zone, planning the fewest
calls, and running them (sync and async) against the stub, twice over."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from misaka_io import AsyncDnsRecords, AsyncMisaka, DnsRecords, Misaka
from misaka_io.dns_records import (
    Change,
    Current,
    DnsInputError,
    Target,
    ZoneNotFoundError,
    normalise_fqdn,
    normalise_type,
    plan_add,
    plan_remove,
    plan_set,
    relative_name,
    zone_for,
)
from misaka_io.models import Record, RecordSet, RecordSetWrite, ZoneCreate
from tests.conftest import AsyncCounting, Counting

TOKEN = {"api_token": "stub-token-6f1d2c3b4a5e6f708192a3b4c5d6e7f8"}
RS = "/v3/dns/zones/example.net/recordsets"


# ---- pure decisions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "zone", "expected"),
    [
        ("www.example.net", "example.net", "www"),
        ("WWW.Example.NET.", "example.net", "www"),
        ("example.net.", "example.net", "@"),
        ("@", "example.net", "@"),
        ("www", "example.net", "www"),
        ("_acme-challenge.a.b.example.net", "example.net", "_acme-challenge.a.b"),
        ("*.example.net", "example.net", "*"),
    ],
)
def test_relative_name(text: str, zone: str, expected: str) -> None:
    assert relative_name(text, zone) == expected


@pytest.mark.parametrize(
    "bad",
    [
        "www.example.com.",
        "www.example.org",
        "_acme-challenge.a.b",
        "a..b",
        "-x.example.net",
        "a b",
        "x.*.example.net",
    ],
)
def test_relative_name_refuses(bad: str) -> None:
    with pytest.raises(DnsInputError):
        relative_name(bad, "example.net")


def test_types_and_full_names() -> None:
    assert normalise_type(" txt ") == "TXT"
    for bad in ("", "1A", "TXT!", "A" * 11):
        with pytest.raises(DnsInputError):
            normalise_type(bad)
    assert normalise_fqdn("Mail.Example.NET.") == "mail.example.net"
    with pytest.raises(DnsInputError):
        normalise_fqdn("localhost")


def test_zone_for_picks_the_longest_zone() -> None:
    zones = ["example.net", "sub.example.net", "other.org"]
    assert zone_for("a.sub.example.net.", zones) == "sub.example.net"
    assert zone_for("notsub.example.net", zones) == "example.net"
    assert zone_for("sub.example.net", zones) == "sub.example.net"
    with pytest.raises(ZoneNotFoundError):
        zone_for("example.com", zones)


def test_zone_for_skips_a_zone_it_cannot_read() -> None:
    zones = ["-lead.example", "example.net", "bad label.example"]
    assert zone_for("www.example.net", zones) == "example.net"
    with pytest.raises(ZoneNotFoundError):
        zone_for("www.lead.example", zones)


def test_plans() -> None:
    have = Current(('"v1"', "v2"), 300)
    assert plan_add(None, "TXT", ["v1"], 60) == Change("create", ("v1",), 60)
    assert plan_add(have, "TXT", ["v1", "v2"], 60) == Change("none")  # quotes do not count
    assert plan_add(have, "TXT", ["v3"], 60) == Change("append", ("v3",))
    assert plan_remove(have, "TXT", ["v1"]) == Change("replace", ("v2",), 300)
    assert plan_remove(have, "TXT", ["v1", "v2"]) == Change("delete")
    assert plan_remove(have, "TXT", ["v9"]) == Change("none")
    assert plan_remove(have, "TXT", []) == Change("delete")  # no values: all of them
    assert plan_remove(None, "TXT", ["v1"]) == Change("none")
    assert plan_set(have, "TXT", ["v2", "v1"], None) == Change("none")
    assert plan_set(have, "TXT", ["v2", "v1"], 60) == Change("replace", ("v2", "v1"), 60)
    assert plan_set(have, "TXT", [], None) == Change("delete")
    cname = Current(("Target.Example.NET.",), 300)
    assert plan_add(cname, "CNAME", ["target.example.net"], None) == Change("none")


# ---- against the stub, sync --------------------------------------------------------------------


def test_add_remove_round_trip_with_the_fewest_calls(
    make_client: Callable[..., Misaka], transport: Counting
) -> None:
    dns = DnsRecords(make_client(**TOKEN))
    fqdn = "_acme-challenge.www.example.net."
    made = dns.add(fqdn, "txt", ["one"], ttl=60)
    assert (made.action, made.values, made.target.name) == (
        "create",
        ("one",),
        "_acme-challenge.www",
    )
    transport.paths.clear()
    assert dns.add(fqdn, "TXT", ["one"]).action == "none"
    assert sum(transport.paths.values()) == 1  # one read, no write (zones listed once before)
    assert dns.add(fqdn, "TXT", ["two", "one"]).values == ("one", "two")
    assert dns.remove(fqdn, "TXT", ["one", "absent"]).values == ("two",)
    gone = dns.remove(fqdn, "TXT", ["two"])
    assert (gone.action, gone.recordset) == ("delete", None)
    assert dns.remove(fqdn, "TXT", ["two"]).action == "none"
    assert dns.list(fqdn) == []


def test_longest_zone_and_list(make_client: Callable[..., Misaka]) -> None:
    client = make_client(**TOKEN)
    client.dns.create_zone(body=ZoneCreate(name="lab.example.net"))
    dns = DnsRecords(client)
    outcome = dns.set("host.lab.example.net", "A", ["192.0.2.1"], ttl=120)
    assert (outcome.target.zone, outcome.target.name) == ("lab.example.net", "host")
    whole = sorted((r.name, r.type_) for r in dns.list("lab.example.net"))
    assert whole == [("@", "NS"), ("@", "SOA"), ("host", "A")]  # the apex is seeded
    assert [r.type_ for r in dns.list("www.example.net", "a")] == ["A"]
    with pytest.raises(ZoneNotFoundError):
        dns.add("www.example.com", "A", ["192.0.2.1"])


def test_a_create_that_meets_a_concurrent_create_appends(
    make_client: Callable[..., Misaka], monkeypatch: pytest.MonkeyPatch
) -> None:
    client = make_client(**TOKEN)
    other = make_client(**TOKEN)  # a writer outside the lock (another machine)
    dns = DnsRecords(client)
    real_get = dns.get
    raced: list[bool] = []

    def get_then_race(target: Target) -> RecordSet | None:
        found = real_get(target)
        if not raced:  # someone else creates it between our read and our write
            raced.append(True)
            theirs = RecordSetWrite(records=[Record(value="theirs")])
            other.dns.create_recordset("example.net", "race", "TXT", body=theirs)
        return found

    monkeypatch.setattr(dns, "get", get_then_race)
    outcome = dns.add("race.example.net", "TXT", ["ours"])
    assert outcome.action == "append" and outcome.values == ("theirs", "ours")


def test_bad_input_makes_no_call(make_client: Callable[..., Misaka], transport: Counting) -> None:
    dns = DnsRecords(make_client(**TOKEN))
    with pytest.raises(DnsInputError):
        dns.add("www", "A", ["192.0.2.1"], zone="example.net", ttl=0)
    with pytest.raises(DnsInputError):
        dns.add("www", "A", [" "], zone="example.net")
    assert sum(transport.paths.values()) == 0


# ---- async: the same decisions ----------------------------------------------------------------


async def test_async_workflows(
    amake_client: Callable[..., AsyncMisaka], atransport: AsyncCounting
) -> None:
    dns = AsyncDnsRecords(amake_client(**TOKEN))
    made = await dns.add("mail.example.net", "MX", ["10 mx1.example.net."])
    assert made.action == "create"
    assert (await dns.add("mail.example.net", "mx", ["10 MX1.example.net"])).action == "none"
    same = await dns.set("mail.example.net", "MX", ["10 mx1.example.net."], ttl=900)
    assert same.action == "replace" and same.recordset is not None and same.recordset.ttl == 900
    assert [r.name for r in await dns.list("mail.example.net")] == ["mail"]
    assert (await dns.remove("mail.example.net", "MX")).action == "delete"
    assert atransport.paths["/v3/dns/zones"] == 1  # the zones are listed once
