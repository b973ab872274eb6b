"""``DnsRecords.plan`` / ``AsyncDnsRecords.plan`` (what ``--dry-run`` prints): the values before
and after a workflow, from reads only; and the generator refusing an ``x-misaka-cli`` marker
that the command line could not act on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from misaka_io import AsyncDnsRecords, AsyncMisaka, DnsRecords, Misaka
from misaka_io.spec import Operation
from scripts import optable
from tests.conftest import AsyncCounting, Counting

TOKEN = {"api_token": "stub-token-6f1d2c3b4a5e6f708192a3b4c5d6e7f8"}
WWW = "www.example.net"


def test_a_plan_shows_before_and_after_and_changes_nothing(
    make_client: Callable[..., Misaka], transport: Counting
) -> None:
    dns = DnsRecords(make_client(**TOKEN))
    dns.set(WWW, "A", ["192.0.2.1", "192.0.2.2"], ttl=300)
    before = dns.get(dns.target(WWW, "A"))
    transport.paths.clear()

    dropping = dns.plan("set", WWW, "A", ["192.0.2.2", "192.0.2.3"], ttl=60)
    assert dropping.before is not None and dropping.before.values == ("192.0.2.1", "192.0.2.2")
    assert (dropping.change.action, dropping.after) == ("replace", ("192.0.2.2", "192.0.2.3"))
    assert dropping.dropped == ("192.0.2.1",) and dropping.change.ttl == 60
    adding = dns.plan("add", WWW, "A", ["192.0.2.3"])
    assert (adding.change.action, adding.after, adding.dropped) == (
        "append",
        ("192.0.2.1", "192.0.2.2", "192.0.2.3"),
        (),
    )
    gone = dns.plan("remove", WWW, "A")
    assert (gone.change.action, gone.after, gone.dropped) == ("delete", (), gone.before.values)
    fresh = dns.plan("add", f"new.{WWW}", "TXT", ["x"])
    assert (fresh.before, fresh.change.action, fresh.after) == (None, "create", ("x",))

    assert dns.get(dns.target(WWW, "A")) == before
    # four reads for the plans, one for the CNAME rule of the new name, one to check
    assert sum(transport.paths.values()) == 6


async def test_the_async_plan_is_the_same(
    amake_client: Callable[..., AsyncMisaka], atransport: AsyncCounting
) -> None:
    dns = AsyncDnsRecords(amake_client(**TOKEN))
    await dns.set(WWW, "TXT", ['"a"', "b"])
    planned = await dns.plan("remove", WWW, "txt", ["a"])
    assert (planned.change.action, planned.after, planned.dropped) == ("replace", ("b",), ('"a"',))
    assert (await dns.get(await dns.target(WWW, "TXT"))) is not None


def _operation(method: str, marks: dict[str, Any]) -> Operation:
    data = {"operationId": "delete_thing", "tags": ["things"], "x-misaka-cli": marks}
    return Operation("/things/{thing}", method, data, {}, None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("method", "marks", "problem"),
    [
        ("delete", {"confirm": True}, "confirm must be one of"),  # YAML's bare `yes`
        ("delete", {"ask": "yes"}, "knows only"),
        ("delete", {"skip": True}, "skip takes the reason"),
        ("delete", {"force": {"name": ["@"]}}, "path parameters only"),
        ("get", {"confirm": "ask"}, "a GET changes nothing"),
    ],
)
def test_the_generator_refuses_a_marker_the_command_line_cannot_act_on(
    method: str, marks: dict[str, Any], problem: str
) -> None:
    params = [{"name": "thing", "location": "path"}]
    with pytest.raises(SystemExit, match=problem):
        optable._cli(_operation(method, marks), params)
    assert optable._cli(_operation("delete", {"confirm": "name"}), params)["guard"] == {
        "confirm": "name",
        "force": {},
    }
    named = optable._cli(_operation("delete", {"name": "remove"}), params)
    assert named["command"] == "remove"
    assert optable._cli(_operation("delete", {"skip": "a password"}), params)["command"] is None
