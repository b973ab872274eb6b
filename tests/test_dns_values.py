"""Record values checked by type before anything is sent, the CNAME rules, when two values are
the same, and which zone holds a name: the library, the ``misaka`` command line and the stub,
each over HTTP against a served stub."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from misaka_io import AsyncDnsRecords, AsyncMisaka, BadRequestError, DnsRecords, Misaka
from misaka_io.dns_records import DnsInputError
from misaka_io.dns_values import (
    InvalidValueError,
    check_placement,
    check_value,
    check_values,
    presentation_value,
    same_value,
)
from misaka_io.models import Record, RecordSetWrite, ZoneCreate
from misaka_io.testing.stub import DEFAULT_API_TOKEN, create_app
from misaka_io.testing.stub.server import serve
from tests.cli_support import Cli, one_line

ZONE = "example.net"
WRITES = ("POST", "PUT", "PATCH", "DELETE")

GOOD = [
    ("A", "192.0.2.1"),
    ("AAAA", "2001:db8::1"),
    ("CNAME", "target.example.org."),
    ("CNAME", "target.example.org"),
    ("MX", "10 mail.example.net."),
    ("MX", "0 ."),
    ("TXT", "v=spf1 -all"),
    ("TXT", '"quoted" "two strings"'),
    ("TXT", "k=rsa; p=" + "A" * 400),  # plain text: one string, sent as 255-byte strings
    ("SRV", "10 5 5060 sip.example.net."),
    ("CAA", '0 issue "letsencrypt.org"'),
    ("NS", "a.m1ns.moe"),
    ("PTR", "host.example.net."),
    ("TLSA", "3 1 1 " + "ab" * 32),
    ("ALIAS", "anything goes: a type dnspython does not know"),
]

BAD = [
    ("A", "300.1.1.1"),
    ("A", "not-an-ip"),
    ("A", "192.0.2.1 ; a comment"),
    ("AAAA", "192.0.2.1"),
    ("MX", "mail.example.net."),
    ("CNAME", "two names.example.net"),
    ("SRV", "10 5 5060"),
    ("CAA", "issue letsencrypt.org"),
    ("NS", "a..b"),
    ("TXT", '"unbalanced'),
    ("TXT", "line\nbreak"),
    ("TLSA", "3 1 1 abcd"),
]

# The values of the findings: each was stored with exit 0.
FINDINGS = [
    ("A", ("300.1.1.1",)),
    ("A", ("not-an-ip",)),
    ("AAAA", ("192.0.2.1",)),
    ("MX", ("mail.example.net.",)),
    ("CNAME", ("a.example.org.", "b.example.org.")),
    ("SRV", ("10 5 5060",)),
]


def _ids(cases: list[tuple[str, Any]]) -> list[str]:
    return [f"{t}:{v!r}"[:40] for t, v in cases]


# ---- the decisions ------------------------------------------------------------------------------


@pytest.mark.parametrize(("rtype", "value"), GOOD, ids=_ids(GOOD))
def test_a_value_valid_for_its_type_passes(rtype: str, value: str) -> None:
    check_value(rtype, value)


@pytest.mark.parametrize(("rtype", "value"), BAD, ids=_ids(BAD))
def test_a_value_not_valid_for_its_type_is_refused_naming_value_and_type(
    rtype: str, value: str
) -> None:
    with pytest.raises(InvalidValueError) as raised:
        check_value(rtype, value)
    assert repr(value) in str(raised.value) and f"valid {rtype} value" in str(raised.value)


@pytest.mark.parametrize(
    ("rtype", "one", "other", "same"),
    [
        ("TXT", '"token"', "token", True),
        ("TXT", "token", "Token", False),
        ("AAAA", "2001:DB8:0::1", "2001:db8::1", True),
        ("CNAME", "Target.Example.ORG.", "target.example.org", True),
        ("MX", "10  mail.example.net", "10 MAIL.example.net.", True),
        ("MX", "10 mail.example.net", "20 mail.example.net", False),
        ("ALIAS", "Target.example.org.", "target.example.org", True),
        ("A", "192.0.2.1", "192.0.2.2", False),
    ],
)
def test_two_values_are_the_same_by_their_meaning(
    rtype: str, one: str, other: str, same: bool
) -> None:
    assert same_value(rtype, one, other) is same


def test_values_are_kept_as_written_and_the_same_ones_once() -> None:
    assert check_values("TXT", [" x ", '"x"', "y"]) == ("x", "y")
    assert check_values("MX", ["10 Mail.example.net."]) == ("10 Mail.example.net.",)
    with pytest.raises(InvalidValueError, match="one value, not 2"):
        check_values("CNAME", ["a.example.org", "b.example.org"])


@pytest.mark.parametrize(
    ("rtype", "name", "values", "beside", "why"),
    [
        ("CNAME", "@", ["t.example.org"], [], "apex"),
        ("CNAME", "www", ["a.example.org", "b.example.org"], [], "one value"),
        ("CNAME", "www", ["t.example.org"], ["A", "TXT"], "www has A, TXT"),
        ("TXT", "www", ["x"], ["CNAME"], "www has a CNAME"),
    ],
)
def test_the_cname_rules(
    rtype: str, name: str, values: list[str], beside: list[str], why: str
) -> None:
    with pytest.raises(InvalidValueError, match=why):
        check_placement(rtype, name, values, beside)
    check_placement("CNAME", "www", ["t.example.org"], ["CNAME", "RRSIG", "NSEC"])


@pytest.mark.parametrize(
    ("rtype", "value", "why"),
    [
        ("A", "192.0.2.1\x01", "a control character"),
        ("A", "192.0.2.1 ; a comment", "a ';' outside quotes"),
        ("TXT", '"unbalanced', "Text input ended unexpectedly"),
        ("A", "300.1.1.1", "Text input is malformed"),
        ("ALIAS", "☃.example", "IDNA processing exception"),
    ],
)
def test_a_refusal_says_why_the_value_is_not_valid(rtype: str, value: str, why: str) -> None:
    for check in (check_value, presentation_value):
        with pytest.raises(InvalidValueError) as raised:
            check(rtype, value)
        said = str(raised.value)
        assert said.startswith(f"{value!r} is not a valid {rtype} value: {why}"), said


def test_the_presentation_form_writes_names_in_full_with_their_trailing_dot() -> None:
    assert presentation_value("CNAME", "www.example.net") == "www.example.net."
    assert presentation_value("MX", "10 mail.example.net") == "10 mail.example.net."
    assert presentation_value("CNAME", "www.example.net.") == "www.example.net."
    # a type dnspython does not know: as written, a Unicode name in punycode
    assert presentation_value("ALIAS", "bücher.example") == "xn--bcher-kva.example"


def test_the_cname_refusals_say_what_breaks_the_rules() -> None:
    with pytest.raises(InvalidValueError) as raised:
        check_values("CNAME", ["a.example.org", "b.example.org"])
    assert str(raised.value) == "a CNAME holds one value, not 2: a.example.org, b.example.org"
    with pytest.raises(InvalidValueError) as raised:
        check_placement("CNAME", "@", ["t.example.org"], [])
    assert str(raised.value) == "a CNAME cannot be at the zone's apex (@)"


# ---- over HTTP: the library -------------------------------------------------------------------


class Recording(httpx.BaseTransport):
    """Every request sent, as ``METHOD path``, on its way to the served stub."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.sent: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(f"{request.method} {request.url.path}")
        return self.inner.handle_request(request)

    def writes(self) -> list[str]:
        return [s for s in self.sent if s.startswith(WRITES)]

    def close(self) -> None:
        self.inner.close()


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


@pytest.mark.parametrize(("rtype", "values"), FINDINGS, ids=_ids(FINDINGS))
def test_the_library_refuses_a_bad_value_with_nothing_sent(
    client: Misaka, sent: Recording, rtype: str, values: tuple[str, ...]
) -> None:
    dns = DnsRecords(client)
    for method in (dns.add, dns.set):
        with pytest.raises(ValueError, match=rtype) as raised:
            method("new", rtype, values, zone=ZONE)
        assert isinstance(raised.value, DnsInputError)
        assert any(v in str(raised.value) for v in values)
    with pytest.raises(DnsInputError, match=rtype):
        dns.plan("set", "new", rtype, values, zone=ZONE)  # what --dry-run shows
    assert sent.sent == []  # with zone=, not even a read
    with pytest.raises(DnsInputError):
        dns.add("new.example.net", rtype, values)  # the zone is found: reads, no write
    assert sent.writes() == [] and dns.list("new.example.net") == []


def test_the_library_keeps_the_cname_rules_with_no_write(client: Misaka, sent: Recording) -> None:
    dns = DnsRecords(client)
    dns.add("host.example.net", "A", ["192.0.2.1"])
    dns.add("alias.example.net", "CNAME", ["host.example.net."])
    sent.sent.clear()
    refused = {
        "at the apex": lambda: dns.add("example.net", "CNAME", ["host.example.net."]),
        "a second value": lambda: dns.add("alias.example.net", "CNAME", ["other.example.org."]),
        "beside an A": lambda: dns.add("host.example.net", "CNAME", ["other.example.org."]),
        "a TXT beside it": lambda: dns.add("alias.example.net", "TXT", ["x"]),
    }
    for why, call in refused.items():
        with pytest.raises(DnsInputError, match="CNAME"):
            call()
        assert sent.writes() == [], why
    same = dns.add("alias.example.net", "CNAME", ["Host.Example.NET"])
    assert same.action == "none"  # the same value, written otherwise
    moved = dns.set("alias.example.net", "CNAME", ["other.example.org."])
    assert moved.values == ("other.example.org.",)


def test_txt_values_with_and_without_quotes_are_the_same(client: Misaka) -> None:
    body = RecordSetWrite(records=[Record(value='"quoted"'), Record(value="plain")])
    client.dns.create_recordset(ZONE, "_acme-challenge", "TXT", body=body)
    dns = DnsRecords(client)
    name = "_acme-challenge.example.net"
    assert dns.add(name, "TXT", ["quoted", '"plain"']).action == "none"
    assert dns.remove(name, "TXT", ["quoted"]).values == ("plain",)
    assert dns.remove(name, "TXT", ['"plain"']).action == "delete"
    made = dns.add(name, "TXT", ["x", '"x"'])
    assert made.values == ("x",)  # one value, kept as written first
    assert dns.add("v6.example.net", "AAAA", ["2001:DB8:0::1"]).action == "create"
    assert dns.add("v6.example.net", "AAAA", ["2001:db8::1"]).action == "none"


def test_a_removal_does_not_check_values(client: Misaka) -> None:
    # A value stored before values were checked must still be removable.
    body = RecordSetWrite(records=[Record(value="192.0.2.1")])
    client.dns.create_recordset(ZONE, "old", "A", body=body)
    dns = DnsRecords(client)
    assert dns.remove("old.example.net", "A", ["300.1.1.1"]).action == "none"
    assert dns.remove("old.example.net", "A", ["192.0.2.1"]).action == "delete"


def test_a_zone_that_does_not_hold_the_name_is_refused(client: Misaka, sent: Recording) -> None:
    dns = DnsRecords(client)
    for name in ("www.example.org", "www.example.org.", "_acme-challenge.www"):
        with pytest.raises(DnsInputError, match=re.escape("not in the zone example.net")):
            dns.add(name, "A", ["192.0.2.1"], zone=ZONE)
    assert sent.sent == []
    made = dns.add("www", "A", ["192.0.2.1"], zone=ZONE)
    assert made.target.fqdn == "www.example.net"
    assert dns.add("a.b.example.net", "A", ["192.0.2.1"], zone=ZONE).target.name == "a.b"


def test_a_zone_the_client_cannot_read_is_skipped_with_a_debug_line(
    client: Misaka, caplog: pytest.LogCaptureFixture
) -> None:
    client.dns.create_zone(body=ZoneCreate(name="-lead.example"))
    caplog.set_level(logging.DEBUG, logger="misaka_io")
    made = DnsRecords(client).add("new.example.net", "A", ["192.0.2.1"])
    assert (made.action, made.target.zone) == ("create", ZONE)
    said = [r.getMessage() for r in caplog.records if "skipped" in r.getMessage()]
    assert said == [
        "zone '-lead.example' skipped when finding the zone of a name: "
        "name '-lead.example' has an invalid label '-lead'"
    ]


def test_the_async_workflows_decide_the_same(url: str) -> None:
    async def main() -> None:
        async with AsyncMisaka(api_token=DEFAULT_API_TOKEN, base_url=url) as client:
            await client.dns.create_zone(body=ZoneCreate(name="-lead.example"))
            dns = AsyncDnsRecords(client)
            with pytest.raises(DnsInputError, match=r"'300\.1\.1\.1' is not a valid A value"):
                await dns.add("www.example.net", "A", ["300.1.1.1"])
            with pytest.raises(DnsInputError, match="not in the zone"):
                await dns.add("www.example.org", "A", ["192.0.2.1"], zone=ZONE)
            await dns.add("alias.example.net", "CNAME", ["host.example.org."])
            with pytest.raises(DnsInputError, match="has a CNAME"):
                await dns.add("alias.example.net", "TXT", ["x"])
            with pytest.raises(DnsInputError, match="beside other records: www has A"):
                await dns.add("www.example.net", "CNAME", ["alias.example.net."])

    asyncio.run(main())


# ---- over HTTP: the stub ------------------------------------------------------------------------


@pytest.mark.parametrize(("rtype", "value"), BAD, ids=_ids(BAD))
def test_the_stub_answers_400_with_a_field_error_for_a_bad_value(
    client: Misaka, rtype: str, value: str
) -> None:
    good = dict(GOOD)[rtype]
    body = RecordSetWrite(records=[Record(value=good), Record(value=value)])
    with pytest.raises(BadRequestError) as raised:
        client.dns.create_recordset(ZONE, "bad", rtype, body=body)
    (error,) = raised.value.body["detail"]
    assert error["loc"] == ["body", "records", 1, "value"]
    assert repr(value) in error["msg"] and rtype in error["msg"]
    assert "records.1.value" in str(raised.value)


def test_the_stub_answers_400_for_a_bad_value_of_an_update(client: Misaka) -> None:
    good = RecordSetWrite(records=[Record(value="192.0.2.1")])
    client.dns.create_recordset(ZONE, "upd", "A", body=good)
    bad = RecordSetWrite(records=[Record(value="300.1.1.1")])
    for append in (False, True):
        with pytest.raises(BadRequestError) as raised:
            client.dns.update_recordset(ZONE, "upd", "A", body=bad, append=append)
        assert raised.value.body["detail"][0]["loc"] == ["body", "records", 0, "value"]
    kept = client.dns.get_recordset(ZONE, "upd", "A")
    assert [r.value for r in kept.records] == ["192.0.2.1"]


def test_the_stub_keeps_the_cname_rules(client: Misaka) -> None:
    def write(name: str, rtype: str, *values: str, append: bool | None = None) -> Any:
        body = RecordSetWrite(records=[Record(value=v) for v in values])
        if append is None:
            return client.dns.create_recordset(ZONE, name, rtype, body=body)
        return client.dns.update_recordset(ZONE, name, rtype, body=body, append=append)

    write("host", "A", "192.0.2.1")
    write("alias", "CNAME", "host.example.net.")
    refused = [
        ("@", "CNAME", ("host.example.net.",), None, "apex"),
        ("two", "CNAME", ("a.example.org.", "b.example.org."), None, "one value"),
        ("host", "CNAME", ("a.example.org.",), None, "host has A"),
        ("alias", "TXT", ("x",), None, "alias has a CNAME"),
        ("alias", "CNAME", ("b.example.org.",), True, "one value"),
    ]
    for name, rtype, values, append, why in refused:
        with pytest.raises(BadRequestError, match=why):
            write(name, rtype, *values, append=append)
    assert write("alias", "CNAME", "b.example.org.", append=False).records[0].value == (
        "b.example.org."
    )


# ---- over HTTP: the command line --------------------------------------------------------------


@pytest.fixture
def cli(url: str, tmp_path: Path) -> Cli:
    return Cli(url, tmp_path / "config")


def test_the_command_line_refuses_the_findings_with_exit_2_and_one_line(
    cli: Cli, client: Misaka
) -> None:
    calls = [("dns", "record", "add", "new.example.net", t, *v) for t, v in FINDINGS]
    calls += [("dns", "record", "set", "new.example.net", t, *v) for t, v in FINDINGS]
    for args, result in zip(calls, cli.many(*calls), strict=True):
        assert result.code == 2, (args, result.code, result.err)
        line = one_line(result.err)
        assert f" {args[4]}" in line and args[5] in line, line
    refused = cli("dns", "record", "add", "www.example.org", "A", "192.0.2.1", "--zone", ZONE)
    assert refused.code == 2 and "not in the zone example.net" in one_line(refused.err)
    assert DnsRecords(client).list("new.example.net") == []
    assert DnsRecords(client).list("www.example.org.example.net", zone=ZONE) == []


def test_a_zone_the_client_cannot_read_breaks_no_command(cli: Cli, client: Misaka) -> None:
    client.dns.create_zone(body=ZoneCreate(name="-lead.example"))
    made = cli.ok("dns", "record", "add", "new.example.net", "A", "192.0.2.1")
    assert made["action"] == "create"
    auth = cli.ok("acme", "auth", "--domain", "example.net", "--validation", "tok")
    assert (auth["fqdn"], auth["values"]) == ("_acme-challenge.example.net", ["tok"])
