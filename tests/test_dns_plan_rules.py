"""The DNS workflows' decisions without I/O (``_dns_plans``): names and types and what their
refusals say, the limits of names and values, the zone of a name, what a listing asks for and
keeps, which writes read the name's other types, and the plans' TTLs."""

from __future__ import annotations

import pytest

from misaka_io._dns_plans import (
    MAX_NAME,
    MAX_VALUE,
    MAX_VALUES,
    Change,
    Current,
    Listing,
    Target,
    checked_values,
    course_of,
    current_of,
    lock_key,
    needs_neighbours,
    normalise_values,
    plan_set,
)
from misaka_io.dns_records import (
    DnsInputError,
    ZoneNotFoundError,
    normalise_fqdn,
    normalise_type,
    relative_name,
    zone_for,
)
from misaka_io.models import Record, RecordSet
from misaka_io_generated.types import UNSET

ZONE = "example.net"


def _refusal(call: object, *args: object) -> str:
    with pytest.raises((DnsInputError, ZoneNotFoundError)) as raised:
        call(*args)  # type: ignore[operator]
    return str(raised.value)


def _rs(name: str, rtype: str, *values: str, ttl: object = 300) -> RecordSet:
    records: object = [Record(value=v) for v in values]
    return RecordSet(
        name=name,
        type_=rtype,
        ttl=ttl,  # type: ignore[arg-type]
        enabled=True,
        protected=False,
        alias=None,
        records=records,  # type: ignore[arg-type]
        filters=[],
    )


# ---- names and types --------------------------------------------------------------------------


def test_the_refusals_of_names_and_types_say_what_is_wrong() -> None:
    assert _refusal(normalise_type, "A B") == (
        "'A B' is not a record type (such as A, AAAA, TXT, CNAME, MX)"
    )
    assert _refusal(normalise_fqdn, "a..bücher.example") == (
        "name 'a..bücher.example' is not a valid domain name: A DNS label is empty"
    )
    assert _refusal(normalise_fqdn, "localhost") == (
        "'localhost' is not a full domain name (such as www.example.net)"
    )
    assert _refusal(relative_name, "☃", ZONE).startswith(
        "name '☃' is not a valid domain name: IDNA processing exception"
    )
    assert _refusal(relative_name, "foo-", ZONE) == "name 'foo-' has an invalid label 'foo-'"
    assert _refusal(relative_name, "", ZONE) == "name '' must have 1 to 253 characters"
    assert _refusal(relative_name, "www.example.org", ZONE) == (
        "'www.example.org' is not in the zone example.net: give a name that ends with "
        "example.net, or one label relative to it"
    )
    assert _refusal(zone_for, "www.example.org", [ZONE]) == (
        "no zone of this account holds www.example.org"
    )


def test_a_name_has_at_most_253_characters() -> None:
    longest = ".".join(["a" * 63, "b" * 63, "c" * 63, "d" * 61])
    assert len(longest) == MAX_NAME == 253
    assert normalise_fqdn(longest) == longest
    assert _refusal(normalise_fqdn, longest + "d") == (
        f"name {longest + 'd'!r} must have 1 to 253 characters"
    )


def test_the_zone_of_a_name_is_the_longest_that_holds_it_not_the_last_in_order() -> None:
    assert zone_for("a.b.example.net", ["example.net", "b.example.net"]) == "b.example.net"


def test_a_cname_value_is_refused_at_the_apex_before_anything_else_is_read() -> None:
    with pytest.raises(DnsInputError) as raised:
        checked_values(Target(ZONE, "@", "CNAME"), ["x.example.org"])
    assert str(raised.value) == ("example.net CNAME: a CNAME cannot be at the zone's apex (@)")


# ---- values -----------------------------------------------------------------------------------


def test_a_value_has_1_to_4096_characters_and_a_recordset_at_most_400_values() -> None:
    assert normalise_values(["x" * MAX_VALUE]) == ("x" * 4096,)
    for bad in (" ", "x" * 4097):
        assert _refusal(normalise_values, [bad]) == (
            "a record value must have 1 to 4096 characters"
        )
    many = [f"v{i}" for i in range(MAX_VALUES)]  # only counted and measured here
    assert len(normalise_values(many)) == 400
    assert _refusal(normalise_values, [*many, "one more"]) == (
        "a recordset holds at most 400 values"
    )


# ---- listings, locks, and which writes read the name's other types ----------------------------


def test_a_listing_of_the_apex_asks_for_it_and_a_listing_of_the_zone_for_everything() -> None:
    apex = Listing.of("@", None, ZONE)
    assert (apex.relative, apex.query) == ("@", {"name": "@"})
    whole = Listing.of("example.net", None, ZONE)
    assert (whole.relative, whole.query) == (None, {})


def test_a_listing_of_one_type_keeps_only_that_type() -> None:
    listing = Listing.of("www", "a", ZONE)
    assert listing.rtype == "A"
    assert listing.keeps(_rs("www", "A", "192.0.2.1"))
    assert not listing.keeps(_rs("www", "TXT", "x"))


def test_a_lock_is_one_per_zone_of_one_api() -> None:
    assert lock_key("https://a.example", ZONE) != lock_key("https://b.example", ZONE)
    assert lock_key("https://a.example", ZONE) == lock_key("https://a.example", ZONE)


def test_only_writes_that_can_break_the_cname_rules_read_the_names_other_types() -> None:
    cname, txt = Target(ZONE, "www", "CNAME"), Target(ZONE, "www", "TXT")
    assert not needs_neighbours("remove", cname, Change("replace", ("x.example.org",)))
    assert not needs_neighbours("set", cname, Change("none"))
    assert not needs_neighbours("set", cname, Change("delete"))
    assert needs_neighbours("set", cname, Change("replace", ("x.example.org",)))
    assert needs_neighbours("add", txt, Change("create", ("x",)))
    assert not needs_neighbours("add", txt, Change("append", ("x",)))


# ---- plans and TTLs ---------------------------------------------------------------------------


def test_setting_keeps_or_gives_the_ttl() -> None:
    assert plan_set(None, "A", [], 60) == Change("none")
    assert plan_set(None, "A", ["192.0.2.1"], 60) == Change("create", ("192.0.2.1",), 60)
    before = Current(("192.0.2.1",), 300)
    assert plan_set(before, "A", ["192.0.2.2"], None) == Change("replace", ("192.0.2.2",), 300)
    assert plan_set(before, "A", ["192.0.2.2"], 60) == Change("replace", ("192.0.2.2",), 60)


def test_a_recordset_is_read_with_its_ttl_and_without_what_it_lacks() -> None:
    assert current_of(_rs("www", "A", "192.0.2.1", ttl=60)) == Current(("192.0.2.1",), 60)
    bare = _rs("www", "A", ttl=UNSET)
    bare.records = UNSET  # type: ignore[assignment]
    assert current_of(bare) == Current((), None)


def test_a_workflow_names_its_recordset_in_its_messages() -> None:
    course = course_of("set", Target(ZONE, "www", "A"), ("192.0.2.1",), None)
    assert course.where == "www.example.net A"
