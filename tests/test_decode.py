"""The one place bytes become models (``misaka_io_generated.types.decode``): its fast path, the
slow path that keeps unknown keys, and the errors both give."""

from __future__ import annotations

import json
import pickle

import pytest

from misaka_io_generated.models import PortUsage, RecordSet, RecordSetList
from misaka_io_generated.types import MAX_LEARNED_KEYS, DecodeError, decode, learned_keys

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


def _with_new_field(key: str, count: int = 3) -> bytes:
    body = json.loads(json.dumps(LISTING))
    body["results"] = [dict(r) for r in body["results"] * count]
    for index, record in enumerate(body["results"]):
        record[key] = f"v{index}"
    return json.dumps(body).encode()


def test_a_new_field_is_learned_and_later_answers_keep_it() -> None:
    key = "health_check_id_learned"
    assert key not in learned_keys(RecordSet)
    first = decode(_with_new_field(key), RecordSetList)
    assert key in learned_keys(RecordSet)
    second = decode(_with_new_field(key), RecordSetList)
    for listing in (first, second):
        assert all(r[key].startswith("v") for r in listing.results)
        assert isinstance(listing.results[0], RecordSet)
        assert json.loads(_with_new_field(key)) == listing.to_dict()
    assert repr(second.results[0]).startswith("RecordSet(name='www'")
    assert key not in repr(second.results[0])


def test_an_answer_read_with_learned_keys_pickles_as_its_model() -> None:
    key = "pickled_learned_key"
    decode(_with_new_field(key), RecordSetList)
    listing = decode(_with_new_field(key), RecordSetList)
    back = pickle.loads(pickle.dumps(listing))  # noqa: S301  (our own bytes)
    assert back.to_dict() == listing.to_dict()
    assert back.results[0][key] == listing.results[0][key]


def test_learning_is_bounded() -> None:
    body = json.loads(json.dumps(LISTING))
    for index in range(MAX_LEARNED_KEYS + 10):
        body["results"][0][f"bounded_{index}"] = index
    before = len(learned_keys(RecordSet))
    listing = decode(json.dumps(body).encode(), RecordSetList)
    assert len(learned_keys(RecordSet)) <= max(before, MAX_LEARNED_KEYS)
    assert listing.results[0][f"bounded_{MAX_LEARNED_KEYS + 9}"] == MAX_LEARNED_KEYS + 9


def test_a_learned_key_with_a_wrong_known_field_still_names_the_path() -> None:
    key = "wrong_type_learned_key"
    decode(_with_new_field(key), RecordSetList)
    body = json.loads(_with_new_field(key))
    body["results"][2]["ttl"] = "sixty"
    with pytest.raises(DecodeError) as info:
        decode(json.dumps(body).encode(), RecordSetList)
    assert info.value.path == "$.results[2].ttl"


@pytest.mark.parametrize(
    "key", ['say "hi"', "back\\slash", "new\nline", "tab\there", "del\x7f", "x" * 200, ""]
)
def test_a_key_no_field_can_be_named_by_is_kept_and_stays_walked(key: str) -> None:
    body = json.loads(json.dumps(LISTING))
    body["results"][0][key] = "odd"
    for _ in range(2):  # the second answer too: nothing learned, nothing broken
        listing = decode(json.dumps(body).encode(), RecordSetList)
        assert listing.results[0][key] == "odd"
        assert key not in learned_keys(RecordSet)
