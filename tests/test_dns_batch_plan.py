"""A batch's decisions, without I/O: which writes a batch plans (add and set, pruning), in
which order, how each is undone, how the read-back is judged, and what its errors say."""

from __future__ import annotations

import pytest

from misaka_io._dns_batch import (
    BatchFailedError,
    BatchRefusedError,
    Step,
    Wanted,
    differences,
    guarded,
    landed,
    plan_batch,
)
from misaka_io._dns_plans import Change, Current, Target
from misaka_io._exceptions import APIConnectionError, MisakaError
from tests.dns_support import recordset

ZONE = "example.net"


def _steps(plan_steps: tuple[Step, ...]) -> list[tuple[str, str, str, tuple[str, ...]]]:
    return [(s.change.action, s.target.name, s.target.type, s.change.values) for s in plan_steps]


def _step(action: str, name: str, rtype: str, *values: str, before: Current | None = None) -> Step:
    return Step(Target(ZONE, name, rtype), before, Change(action, values))  # type: ignore[arg-type]


# ---- what a batch plans -----------------------------------------------------------------------


def test_adding_to_a_recordset_appends_only_the_values_it_lacks() -> None:
    listing = [recordset("www", "A", "192.0.2.1", ttl=300)]
    wanted = [
        Wanted("www", "A", ("192.0.2.1", "192.0.2.2"), ttl=60, mode="add"),
        Wanted("new", "TXT", ("x",), ttl=60, mode="add"),
        Wanted("same", "A", ("192.0.2.5",), mode="add"),
    ]
    plan = plan_batch(ZONE, [*listing, recordset("same", "A", "192.0.2.5")], wanted)
    assert _steps(plan.steps) == [
        ("append", "www", "A", ("192.0.2.2",)),
        ("create", "new", "TXT", ("x",)),
    ]
    assert plan.steps[1].change.ttl == 60 and plan.unchanged == 1
    assert plan.zone == ZONE


def test_wanting_no_values_deletes_when_set_and_changes_nothing_when_added() -> None:
    listing = [recordset("www", "A", "192.0.2.1"), recordset("old", "A", "192.0.2.9")]
    wanted = [
        Wanted("www", "A", mode="add"),
        Wanted("absent", "A"),
        Wanted("old", "A"),
    ]
    plan = plan_batch(ZONE, listing, wanted)
    assert _steps(plan.steps) == [("delete", "old", "A", ())]
    assert plan.unchanged == 2


def test_pruning_deletes_what_the_batch_does_not_name_but_the_apex_soa_and_ns() -> None:
    listing = [
        recordset("@", "SOA", "a.m1ns.moe. hostmaster.example.net. 1 7200 3600 1209600 300"),
        recordset("@", "NS", "a.m1ns.moe."),
        recordset("www", "A", "192.0.2.1"),
        recordset("old", "A", "192.0.2.9"),
        recordset("old", "TXT", "x"),
    ]
    plan = plan_batch(ZONE, listing, [Wanted("www", "A", ("192.0.2.1",))], prune=True)
    pruned = [str(s) for s in plan.steps]
    assert pruned == ["delete old.example.net A", "delete old.example.net TXT"]
    assert plan.unchanged == 1
    kept = plan_batch(ZONE, listing, [Wanted("www", "A", ("192.0.2.1",))])
    assert kept.steps == ()


def test_a_name_that_swaps_its_a_for_a_cname_is_emptied_first_and_filled_right_after() -> None:
    listing = [recordset("web", "A", "192.0.2.1"), recordset("gone", "A", "192.0.2.9")]
    wanted = [
        Wanted("gone", "A"),
        Wanted("web", "CNAME", ("www.example.net.",)),
        Wanted("web", "A"),
        Wanted("new", "AAAA", ("2001:db8::1",)),
    ]
    order = [(a, n, t) for a, n, t, _ in _steps(plan_batch(ZONE, listing, wanted).steps)]
    assert order == [
        ("create", "new", "AAAA"),
        ("delete", "web", "A"),
        ("create", "web", "CNAME"),
        ("delete", "gone", "A"),
    ]


# ---- what a batch refuses ---------------------------------------------------------------------


def test_a_refusal_names_its_recordset_once_and_every_refusal_is_named() -> None:
    wanted = [
        Wanted("bad", "A", ("300.1.1.1",)),
        Wanted("twice", "A", ("192.0.2.1",)),
        Wanted("twice", "A", ("192.0.2.2",)),
        Wanted("@", "NS", ("ns9.example.org.",)),
        Wanted("later", "A", ("nope",)),
    ]
    with pytest.raises(BatchRefusedError) as raised:
        plan_batch(ZONE, [recordset("@", "NS", "a.m1ns.moe.")], wanted)
    assert raised.value.zone == ZONE
    assert raised.value.refused == (
        "twice.example.net A: given more than once in the batch",
        "bad.example.net A: '300.1.1.1' is not a valid A value: Text input is malformed",
        "example.net NS: the apex SOA and NS change only with force",
        "later.example.net A: 'nope' is not a valid A value: Text input is malformed",
    )
    assert str(raised.value).startswith("4 change(s) to example.net refused, nothing was sent:\n")


def test_the_cname_rules_are_checked_after_a_name_is_emptied_on_the_zone_as_it_will_be() -> None:
    listing = [recordset("a", "CNAME", "x.example.org."), recordset("b", "A", "192.0.2.1")]
    wanted = [
        Wanted("a", "CNAME"),
        Wanted("a", "A", ("192.0.2.2",)),
        Wanted("b", "CNAME", ("y.example.org.",)),
    ]
    with pytest.raises(BatchRefusedError) as raised:
        plan_batch(ZONE, listing, wanted)
    assert raised.value.refused == (
        "b.example.net CNAME: a CNAME cannot be beside other records: b has A",
    )


def test_a_long_list_of_refusals_names_twenty_and_counts_the_rest() -> None:
    def said(count: int) -> list[str]:
        return str(BatchRefusedError(ZONE, [f"r{i}" for i in range(count)])).split("\n")

    assert said(20)[1:] == [f"  - r{i}" for i in range(20)]
    assert said(21)[1:] == [f"  - r{i}" for i in range(20)] + ["  - and 1 more"]
    assert said(25)[-1] == "  - and 5 more" and len(said(25)) == 22


def test_no_write_is_guarded_but_those_of_the_apex_soa_and_ns() -> None:
    apex_ns = Target(ZONE, "@", "NS")
    assert guarded(apex_ns, "delete") and guarded(Target(ZONE, "@", "soa"), "replace")
    assert not guarded(apex_ns, "none")
    assert not guarded(Target(ZONE, "www", "NS"), "create")


# ---- undoing, and judging what was read back --------------------------------------------------


def test_each_write_is_undone_by_the_write_that_puts_the_recordset_back() -> None:
    before = Current(("192.0.2.1",), 300)
    assert _step("create", "w", "A", "192.0.2.2").undo() == Change("delete")
    assert _step("delete", "w", "A", before=before).undo() == Change("create", ("192.0.2.1",), 300)
    replaced = _step("replace", "w", "A", "192.0.2.2", before=before)
    assert replaced.undo() == Change("replace", ("192.0.2.1",), 300)
    appended = _step("append", "w", "A", "192.0.2.2", before=before)
    assert appended.undo() == Change("replace", ("192.0.2.1",), 300)


def test_the_read_back_names_each_recordset_that_is_not_as_the_batch_made_it() -> None:
    listing = [recordset("gone", "A", "192.0.2.9"), recordset("txt", "TXT", "old")]
    wanted = [
        Wanted("gone", "A"),
        Wanted("new", "A", ("192.0.2.1",)),
        Wanted("txt", "TXT", ("hello",), ttl=60),
        Wanted("other", "A", ("192.0.2.3",)),
        Wanted("slow", "A", ("192.0.2.4",), ttl=60),
    ]
    plan = plan_batch(ZONE, listing, wanted)
    assert differences(
        plan, [recordset("new", "A", "192.0.2.1"), recordset("txt", "TXT", '"hello"', ttl=60)]
    )
    read = [
        recordset("gone", "A", "192.0.2.9"),
        recordset("txt", "TXT", '"hello"', ttl=60),  # written otherwise, the same value
        recordset("other", "A", "192.0.2.8"),
        recordset("slow", "A", "192.0.2.4", ttl=300),
    ]
    assert differences(plan, read) == (
        "new.example.net A is missing",
        "other.example.net A holds ['192.0.2.8']",
        "slow.example.net A has TTL 300",
        "gone.example.net A is still there",
    )
    made = [
        recordset("new", "A", "192.0.2.1"),
        recordset("txt", "TXT", '"hello"', ttl=60),
        recordset("other", "A", "192.0.2.3"),
        recordset("slow", "A", "192.0.2.4", ttl=60),
    ]
    assert differences(plan, made) == ()
    swap = [Wanted("web", "CNAME"), Wanted("web", "A", ("192.0.2.1",))]
    swapped = plan_batch(ZONE, [recordset("web", "CNAME", "www.example.net.")], swap)
    assert differences(swapped, []) == ("web.example.net A is missing",)


def test_a_write_whose_answer_was_lost_is_judged_made_from_the_recordset_read_after() -> None:
    delete = _step("delete", "w", "TXT", before=Current(("x",), 300))
    assert landed(delete, None) and not landed(delete, recordset("w", "TXT", "x"))
    create = _step("create", "w", "TXT", "hello")
    assert not landed(create, None)
    assert landed(create, recordset("w", "TXT", '"hello"'))  # the same value, written otherwise
    assert not landed(create, recordset("w", "TXT", "bye"))


def test_a_failed_batch_says_what_was_made_undone_and_left() -> None:
    made, kept, later = (
        _step("create", "a", "A"),
        _step("create", "b", "A"),
        _step("create", "c", "A"),
    )
    failed = _step("create", "x", "A")
    undone = BatchFailedError(failed, MisakaError("refused"), [made, kept], [kept, made], [later])
    assert str(undone) == (
        "create x.example.net A failed: refused\n"
        "2 write(s) were made before it, 2 undone; 1 not sent.\n"
        "The zone is as it was before the batch."
    )
    lost = APIConnectionError("timed out")
    left = BatchFailedError(failed, lost, [made, kept], [kept], [])
    assert left.left == (made,)
    assert str(left) == (
        "create x.example.net A failed: timed out (its answer was lost: it may have been made "
        "all the same)\n"
        "2 write(s) were made before it, 1 undone; 0 not sent.\n"
        "Left as written (undoing them failed too):\n"
        "  - create a.example.net A"
    )
