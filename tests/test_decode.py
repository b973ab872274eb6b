"""The one place bytes become models (``misaka_io_generated.types.decode``): its fast path, the
slow path that keeps unknown keys, and the errors both give."""

from __future__ import annotations

import json

import pytest

from misaka_io_generated.models import PortUsage, RecordSetList
from misaka_io_generated.types import DecodeError, decode

# The fields every recorded recordset carries (facts, section 4b).
RECORDED = {"filters": [], "enabled": True, "protected": False, "alias": None}
LISTING = {
    "results": [
        {"name": "www", "type": "A", "ttl": 300, "records": [{"value": "192.0.2.1"}], **RECORDED},
        {"name": "mail", "type": "MX", "ttl": 60, "records": [{"value": "10 mx"}], **RECORDED},
    ],
    "count": 2,
    "next": None,
    "previous": None,
}


def test_fast_path_reads_every_field() -> None:
    listing = decode(json.dumps(LISTING).encode(), RecordSetList)
    assert listing.count == 2 and [r.name for r in listing.results] == ["www", "mail"]
    assert listing.results[0].records[0].value == "192.0.2.1"
    assert listing.to_dict() == LISTING and listing.additional_properties == {}


def test_unknown_keys_are_kept_at_every_level() -> None:
    body = json.loads(json.dumps(LISTING))
    body["cursor"] = "c1"
    body["results"][1]["health_check"] = {"id": "hc-1"}
    body["results"][1]["records"][0]["weight"] = 5
    listing = decode(json.dumps(body).encode(), RecordSetList)
    assert listing["cursor"] == "c1"
    assert listing.results[0].additional_properties == {}
    assert listing.results[1]["health_check"] == {"id": "hc-1"}
    assert listing.results[1].records[0]["weight"] == 5
    assert listing.to_dict() == body


def test_unknown_keys_and_an_integer_written_as_a_float() -> None:
    body = json.loads(json.dumps(LISTING))
    body["results"][0]["ttl"] = 300.0
    body["results"][0]["zone"] = "example.net"
    listing = decode(json.dumps(body).encode(), RecordSetList)
    assert listing.results[0].ttl == 300 and type(listing.results[0].ttl) is int
    assert listing.results[0]["zone"] == "example.net"


@pytest.mark.parametrize("extra", [False, True], ids=["fast", "slow"])
def test_a_wrong_type_names_its_path_on_both_paths(extra: bool) -> None:
    body = json.loads(json.dumps(LISTING))
    body["results"][1]["ttl"] = "sixty"
    if extra:
        body["results"][0]["unknown"] = 1
    with pytest.raises(DecodeError) as info:
        decode(json.dumps(body).encode(), RecordSetList)
    assert info.value.path == "$.results[1].ttl" and "Expected `int`, got `str`" in str(info.value)


def test_a_missing_field_names_it() -> None:
    with pytest.raises(DecodeError) as info:
        decode(b'{"port_id": "p1", "points": [{"in_bps": 1}]}', PortUsage)
    assert info.value.path == "$.points[0].time"


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b"not json", b"[" * 50_000 + b"]" * 50_000],
    ids=["empty", "truncated", "text", "deep"],
)
def test_not_json_has_no_path(content: bytes) -> None:
    with pytest.raises(DecodeError) as info:
        decode(content, RecordSetList)
    assert info.value.path in (None, "$")


def test_a_nullable_integer_written_as_a_float() -> None:
    body = json.loads(json.dumps(LISTING))
    body["count"] = 2.0
    assert decode(json.dumps(body).encode(), RecordSetList).count == 2
