"""A zone file as the recordsets a batch wants: read by dnspython, names relative to the
zone, values absolute, errors pointing at the faulty line."""

from __future__ import annotations

import pytest

from misaka_io._zone_file import ZoneFileError, wanted_of
from misaka_io.dns_records import Wanted


def test_names_values_ttls_and_quoted_txt_come_from_the_file_as_a_name_server_reads_it() -> None:
    text = (
        "$TTL 300\n"
        "www IN A 192.0.2.1\n"
        "@ IN MX 10 mail\n"
        'dkim 60 IN TXT "v=DKIM1; k=rsa; p=MIGf" ; a comment\n'
        'long IN TXT ( "a"\n  "b" )\n'
    )
    assert sorted(wanted_of(text, "example.net", 600, "add"), key=lambda w: w.name) == [
        Wanted("dkim.example.net.", "TXT", ('"v=DKIM1; k=rsa; p=MIGf"',), 60, "add"),
        Wanted("example.net.", "MX", ("10 mail.example.net.",), 300, "add"),
        Wanted("long.example.net.", "TXT", ('"a" "b"',), 300, "add"),
        Wanted("www.example.net.", "A", ("192.0.2.1",), 300, "add"),
    ]


def test_a_record_without_a_ttl_gets_the_zones_default() -> None:
    assert wanted_of("www IN A 192.0.2.1\n", "example.net", 900)[0].ttl == 900


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("www IN A 300.1.1.1\n", 1),
        ("a IN A 192.0.2.1\nc IN BOGUS x\n", 2),
        ("a IN A 192.0.2.1\nb IN A 300.1.1.1", 2),
        ("a IN A 192.0.2.1\n\n\nc IN MX notanumber mail\n", 4),
    ],
)
def test_an_unreadable_file_names_the_faulty_line_or_the_one_after(text: str, line: int) -> None:
    with pytest.raises(ZoneFileError) as refused:
        wanted_of(text, "example.net", 600)
    said = int(str(refused.value).split("near line ")[1].split(":")[0])
    assert said in (line, line + 1) and said <= max(text.count("\n"), 1) + 1
