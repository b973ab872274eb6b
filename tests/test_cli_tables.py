"""Tables for people: a listing's table shows the columns its operation's ``x-misaka-cli``
``display`` names (the rest is in ``-o json``), its first column, ids and names whole, and
fits an 80-column terminal."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import yaml

from misaka_io._table_types import operations
from scripts import optable
from tests.cli_support import Cli
from tests.test_cli_tty import ANSI, run_in_terminal

PORTS = {  # the stub's ports: id -> name
    "port-hkg1-cr1-et-0-0-3": "et-0/0/3",
    "port-hkg1-sw1-eth-12": "Ethernet12",
    "port-tyo1-cr1-et-0-1-0": "et-0/1/0",
}


def _shown(cli: Cli, *args: str, columns: int) -> list[str]:
    code, raw = run_in_terminal(cli, *args, columns=columns)
    assert code == 0, raw
    return ANSI.sub("", raw).replace("\r\n", "\n").splitlines()


def _header(lines: list[str]) -> list[str]:
    row = next(line for line in lines if line.startswith("┃"))
    return [cell.strip() for cell in row.strip("┃").split("┃")]


def test_ports_at_80_columns_show_the_spec_s_columns_ids_and_names_whole(cli: Cli) -> None:
    lines = _shown(cli, "ports", "list", columns=80)
    assert all(len(line) <= 80 for line in lines), "\n".join(lines)
    assert _header(lines) == operations()["list_ports"]["display"]
    assert _header(lines) == ["id", "name", "device", "speed", "state"]
    text = "\n".join(lines)
    for port, name in PORTS.items():
        assert re.search(rf"│ {re.escape(port)} +│ {re.escape(name)} +│", text), text
    assert "…" not in text  # five columns fit: nothing cut
    assert "5 more field(s) with -o json" in text


def test_ids_and_names_stay_whole_when_the_rest_must_give_way(cli: Cli) -> None:
    lines = _shown(cli, "ports", "list", columns=50)
    text = "\n".join(lines)
    for port, name in PORTS.items():
        assert re.search(rf"│ {re.escape(port)} +│ {re.escape(name)} +│", text), text


def test_json_keeps_every_field_the_table_leaves_out(cli: Cli) -> None:
    ports = cli.ok("ports", "list")
    assert {"mtu", "media", "description", "location", "service"} <= set(ports[0])


def test_a_query_shows_the_columns_it_picks(cli: Cli) -> None:
    lines = _shown(cli, "ports", "list", "--query", "[].{id: id, mtu: mtu}", columns=80)
    assert _header(lines) == ["id", "mtu"]


def test_every_listing_command_names_its_columns_in_the_spec() -> None:
    listings = [op for op in operations().values() if op["listing"] and op["command"]]
    assert listings
    for op in listings:
        assert op["display"], f"{op['operation_id']}: x-misaka-cli display"
    assert all(op["display"] is None for op in operations().values() if not op["listing"])


@pytest.mark.parametrize(
    ("operation", "display", "problem"),
    [
        ("list_ports", ["id", "nosuch"], "not Port's"),
        ("list_ports", [], "not Port's"),
        ("get_port", ["id"], "display is for listings"),
    ],
)
def test_the_generator_refuses_a_display_it_cannot_show(
    operation: str, display: list[str], problem: str
) -> None:
    doc: dict[str, Any] = yaml.safe_load(optable.SPEC.read_text(encoding="utf-8"))
    for item in doc["paths"].values():
        for op in item.values():
            if isinstance(op, dict) and op.get("operationId") == operation:
                op.setdefault("x-misaka-cli", {})["display"] = display
    with pytest.raises(SystemExit, match=problem):
        optable.build(json.loads(json.dumps(doc)))
