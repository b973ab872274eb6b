"""Values by their meaning (dnspython's record data: a TXT value by its strings, long ones split
into strings of 255 bytes), Unicode names in punycode wherever a name is, and the TTL range
read from the spec: the decisions, then the library and the command line over HTTP against a
served stub."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Iterator
from pathlib import Path

import dns.rdata
import pytest
from octodns.record import Record
from octodns.record.rr import Rrset
from octodns.zone import Zone

from misaka_io import AsyncDnsRecords, AsyncMisaka, DnsRecords, Misaka, dns_values
from misaka_io import _dns_plans as plans
from misaka_io.dns_records import DnsInputError, normalise_fqdn, relative_name, zone_for
from misaka_io.dns_values import InvalidValueError, check_values, same_value
from misaka_io.models import ZoneCreate
from misaka_io.spec import load_spec
from misaka_io.testing.stub import DEFAULT_API_TOKEN, create_app
from misaka_io.testing.stub.server import serve
from scripts import optable
from tests.cli_support import Cli
from tests.test_dns_values import Recording

ZONE = "example.net"
IDN_ZONE = "xn--bcher-kva.example"  # bücher.example
LONG = "v=DKIM1; k=rsa; p=" + "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A" * 12  # 402 bytes, one string
CHUNKS = (LONG[:255], LONG[255:])


def _strings(value: str) -> tuple[bytes, ...]:
    """How a zone file reader (dnspython) reads a stored TXT value."""
    return tuple(dns.rdata.from_text("IN", "TXT", value).strings)


def _spec_ttl() -> tuple[int, int]:
    ttl = load_spec()["components"]["schemas"]["RecordSetWrite"]["properties"]["ttl"]
    return ttl["minimum"], ttl["maximum"]


# ---- TXT by its strings --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ('"say \\"hi\\""', 'say "hi"', True),  # quotes and escapes of presentation form
        ('"a\\\\b"', "a\\b", True),
        ('"h\\195\\169llo"', "héllo", True),  # \DDD: the bytes of UTF-8 é
        ('"héllo"', "h\\195\\169llo", False),  # plain text is one string as written
        ('"a" "b"', 'a" "b', False),  # two strings are not one
        ('"a" "b"', '"a"   "b"', True),
        ('"ab"', '"a" "b"', False),
    ],
)
def test_txt_values_are_the_same_when_their_strings_are(one: str, other: str, same: bool) -> None:
    assert same_value("TXT", one, other) is same
    assert same_value("txt", other, one) is same


def test_a_txt_value_over_255_bytes_is_sent_as_quoted_strings_of_255_bytes() -> None:
    sent = dns_values.wire_value("TXT", LONG)
    assert _strings(sent) == tuple(c.encode() for c in CHUNKS)
    assert dns_values.wire_value("TXT", f'"{LONG}"') == sent  # quoted: split, not refused
    assert same_value("TXT", LONG, sent) and same_value("TXT", f'"{LONG}"', sent)
    assert check_values("TXT", [LONG, f'"{LONG}"', sent]) == (sent,)
    assert not same_value("TXT", LONG, f'"{LONG[:200]}" "{LONG[200:]}"')  # another split


def test_a_long_value_keeps_its_escapes_and_unicode_when_split() -> None:
    plain = 'quote " backslash \\ é ' * 20
    sent = dns_values.wire_value("TXT", plain)
    assert sent.isascii() and sent.startswith('"')
    assert b"".join(_strings(sent)) == plain.encode()
    assert all(len(s) <= 255 for s in _strings(sent)) and same_value("TXT", plain, sent)


def test_a_value_stored_before_values_were_checked_is_compared_as_text() -> None:
    assert same_value("CNAME", "Two Names.example.net.", "two names.example.net")
    assert same_value("TXT", '"unbalanced', '"unbalanced')
    assert not same_value("TXT", '"unbalanced', "unbalanced")
    assert same_value("ALIAS", "Any Thing.", "any thing")
    # without case means in lower case: "ß" is not "ss" (in upper case both are "SS")
    assert not same_value("CNAME", "Faß x.example", "FASS x.example")


def test_a_short_valid_value_is_sent_as_written() -> None:
    for rtype, value in [
        ("TXT", "v=spf1 -all"),
        ("TXT", '"say \\"hi\\""'),
        ("TXT", "héllo"),
        ("MX", "10 Mail.example.net."),
        ("ALIAS", "anything goes"),
    ]:
        assert dns_values.wire_value(rtype, value) == value


@pytest.mark.parametrize(
    ("rtype", "stored"),
    [
        ("TXT", LONG),  # stored plain, as one string of 402 bytes
        ("TXT", 'say "hi"'),
        ("TXT", "a\\b"),
        ("A", "(192.0.2.1)"),
        ("CNAME", "www.bücher.example"),
        ("MX", "10 mail.example.net"),
    ],
)
def test_a_stored_value_in_presentation_form_reads_the_same_in_octodns(
    rtype: str, stored: str
) -> None:
    shown = dns_values.presentation_value(rtype, stored)
    assert shown.isascii()
    zone = Zone("example.net.", [])
    record = Record.from_rrset(zone, Rrset("x.example.net.", rtype, 60, [shown]), lenient=False)
    (back,) = record.to_rrset().rdatas
    assert same_value(rtype, back, stored), (shown, back)


# ---- Unicode names -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rtype", "value", "sent"),
    [
        ("CNAME", "www.bücher.example", f"www.{IDN_ZONE}"),
        ("CNAME", "WWW.Bücher.example.", f"WWW.{IDN_ZONE}."),  # an ASCII label as written
        ("MX", "10 mail.bücher.example.", f"10 mail.{IDN_ZONE}."),
        ("SRV", "0 5 5060 sip.bücher.example.", f"0 5 5060 sip.{IDN_ZONE}."),
        ("NS", "ns1.faß.de", "ns1.xn--fa-hia.de"),  # IDNA 2008: ß stays ß
        ("ALIAS", "bücher.example.", f"{IDN_ZONE}."),
        ("ALIAS", "bücher.example", IDN_ZONE),  # the trailing dot as written
    ],
)
def test_a_unicode_name_in_a_value_is_sent_in_punycode(rtype: str, value: str, sent: str) -> None:
    assert dns_values.wire_value(rtype, value) == sent
    assert check_values(rtype, [value]) == (sent,)
    assert same_value(rtype, value, sent.upper())


def test_a_name_idna_2008_refuses_is_an_invalid_value() -> None:
    for rtype in ("CNAME", "ALIAS"):
        with pytest.raises(InvalidValueError, match=f"'☃.example' is not a valid {rtype} value"):
            dns_values.check_value(rtype, "☃.example")


def test_names_and_zones_in_unicode_become_punycode() -> None:
    assert normalise_fqdn("WWW.Bücher.Example.") == f"www.{IDN_ZONE}"
    assert normalise_fqdn("www。bücher。example") == f"www.{IDN_ZONE}"  # an ideographic full stop
    assert relative_name("Www.bücher.example.", "bücher.example") == "www"
    assert relative_name("straße", IDN_ZONE) == "xn--strae-oqa"
    assert relative_name("bücher.example", IDN_ZONE) == "@"
    assert zone_for("_acme-challenge.bücher.example", [ZONE, IDN_ZONE]) == IDN_ZONE
    for bad in ("☃.example", "a..bücher.example", "-ü.example"):
        with pytest.raises(DnsInputError, match="not a valid domain name"):
            normalise_fqdn(bad)


# ---- the TTL range of the spec -----------------------------------------------------------------


def test_the_operation_table_carries_the_ttl_range_of_the_spec() -> None:
    doc = copy.deepcopy(load_spec())
    doc["components"]["schemas"]["RecordSetWrite"]["properties"]["ttl"]["maximum"] = 86400
    (ttl,) = (
        f for f in optable.build(doc)[1]["create_recordset"]["body"]["fields"] if f["name"] == "ttl"
    )
    assert (ttl["minimum"], ttl["maximum"]) == (1, 86400)
    assert plans.ttl_range() == _spec_ttl()


# ---- over HTTP ---------------------------------------------------------------------------------


@pytest.fixture
def url() -> Iterator[str]:
    with serve(create_app()) as base:
        yield base


@pytest.fixture
def sent() -> Recording:
    return Recording()


@pytest.fixture
def client(url: str, sent: Recording) -> Iterator[Misaka]:
    with Misaka(api_token=DEFAULT_API_TOKEN, base_url=url, transport=sent) as made:
        yield made


def test_a_ttl_outside_the_spec_range_is_refused_before_anything_is_sent(
    client: Misaka, sent: Recording
) -> None:
    low, high = _spec_ttl()
    dns = DnsRecords(client)
    for ttl in (low - 1, high + 1, 1209600):
        for call in (dns.add, dns.set):
            with pytest.raises(DnsInputError, match=f"between {low} and {high} seconds, not {ttl}"):
                call("ttl", "A", ["192.0.2.1"], ttl=ttl, zone=ZONE)
    assert sent.sent == []
    assert dns.add("ttl", "A", ["192.0.2.1"], ttl=high, zone=ZONE).recordset.ttl == high


def test_a_long_txt_value_round_trips_through_the_stub_as_255_byte_strings(
    client: Misaka,
) -> None:
    dns = DnsRecords(client)
    name = "dkim._domainkey.example.net"
    made = dns.add(name, "TXT", [LONG])
    assert made.action == "create"
    (stored,) = [r.value for r in client.dns.get_recordset(ZONE, "dkim._domainkey", "TXT").records]
    assert _strings(stored) == tuple(c.encode() for c in CHUNKS)  # what octoDNS can read
    assert dns.add(name, "TXT", [f'"{LONG}"']).action == "none"
    assert dns.set(name, "TXT", [LONG]).action == "none"
    assert dns.remove(name, "TXT", [f'"{CHUNKS[0]}" "{CHUNKS[1]}"']).action == "delete"


def test_txt_values_written_otherwise_are_the_same_on_the_stub(client: Misaka) -> None:
    dns = DnsRecords(client)
    name = "_acme-challenge.example.net"
    dns.add(name, "TXT", ['"say \\"hi\\""', '"a\\\\b"', '"h\\195\\169llo"'])
    assert dns.add(name, "TXT", ['say "hi"', "a\\b", "héllo"]).action == "none"
    appended = dns.add(name, "TXT", ['a" "b'])
    assert appended.action == "append" and len(appended.values) == 4
    assert dns.remove(name, "TXT", ['"a" "b"']).action == "none"  # two strings: not there
    assert dns.remove(name, "TXT", ['say "hi"', "a\\b", "héllo"]).values == ('a" "b',)


def test_a_unicode_name_and_zone_are_stored_in_punycode(client: Misaka) -> None:
    client.dns.create_zone(body=ZoneCreate(name=IDN_ZONE))
    dns = DnsRecords(client)
    made = dns.add("www.bücher.example", "A", ["192.0.2.1"])
    assert (made.target.zone, made.target.name) == (IDN_ZONE, "www")
    alias = dns.add("Straße", "CNAME", ["www.bücher.example."], zone="Bücher.example")
    assert (alias.target.zone, alias.target.name) == (IDN_ZONE, "xn--strae-oqa")
    stored = client.dns.get_recordset(IDN_ZONE, "xn--strae-oqa", "CNAME").records
    assert [r.value for r in stored] == [f"www.{IDN_ZONE}."]
    assert [r.value for r in client.dns.get_recordset(IDN_ZONE, "www", "A").records] == [
        "192.0.2.1"
    ]
    assert dns.add("WWW.xn--bcher-kva.example.", "A", ["192.0.2.1"]).action == "none"
    assert dns.remove("www.bücher.example", "A").action == "delete"


def test_the_command_line_takes_unicode_names_and_long_txt_values(
    url: str, client: Misaka, tmp_path: Path
) -> None:
    client.dns.create_zone(body=ZoneCreate(name=IDN_ZONE))
    cli = Cli(url, tmp_path / "config")
    made = cli.ok("dns", "record", "add", "dkim.bücher.example", "TXT", LONG)
    assert (made["fqdn"], made["action"]) == (f"dkim.{IDN_ZONE}", "create")
    again = cli.ok("dns", "record", "add", "dkim.bücher.example", "TXT", f'"{LONG}"')
    assert again["action"] == "none"
    (stored,) = [r.value for r in client.dns.get_recordset(IDN_ZONE, "dkim", "TXT").records]
    assert _strings(stored) == tuple(c.encode() for c in CHUNKS)


def test_the_async_workflows_take_unicode_names_and_long_txt_values_alike(url: str) -> None:
    async def main() -> None:
        async with AsyncMisaka(api_token=DEFAULT_API_TOKEN, base_url=url) as client:
            await client.dns.create_zone(body=ZoneCreate(name=IDN_ZONE))
            dns = AsyncDnsRecords(client)
            made = await dns.add("dkim.Bücher.example.", "TXT", [LONG])
            assert (made.target.zone, made.target.name) == (IDN_ZONE, "dkim")
            assert _strings(made.values[0]) == tuple(c.encode() for c in CHUNKS)
            assert (await dns.add("dkim.bücher.example", "TXT", [f'"{LONG}"'])).action == "none"

    asyncio.run(main())


def test_caa_tags_match_without_case_and_their_values_with_it() -> None:
    assert same_value("CAA", '0 ISSUE "ca.test"', '0 issue "ca.test"')
    assert not same_value("CAA", '0 issue "CA.test"', '0 issue "ca.test"')
