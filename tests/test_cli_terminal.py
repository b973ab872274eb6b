"""``misaka`` on a terminal against a hostile server: strings that would drive the terminal
(an OSC window title, clear-screen, a C1 CSI, a right-to-left override) or Rich (markup) are
shown escaped and literally; piped JSON keeps them exactly."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from misaka_io.testing.stub import create_app
from misaka_io.testing.stub.server import serve
from tests.cli_support import Asgi, Cli, Scope
from tests.test_cli_tty import run_in_terminal

TITLE = "\x1b]0;pwned\x07"  # sets the window title
CLEAR = "\x1b[2J"  # clears the screen
CSI = "\x9b31m"  # C1 control sequence introducer
RLO = "\u202e"  # right-to-left override
MARKUP = "[/bold] and [link=https://evil.example]click[/link]"
HOSTILE_PORT = {  # in the columns a table of ports shows (and in one it does not)
    "id": f"port-{TITLE}evil",
    "name": f"{CLEAR}et-0/0/1 {MARKUP}",
    "device": f"dev{CSI}red",
    "description": f"{MARKUP} {RLO}gpj.exe",
    "state": f"up {RLO}gpj.exe",
}
DETAIL = f"no such port {TITLE}{CLEAR}{CSI}{RLO}[/bold]"
RAW = [TITLE, CLEAR, CSI, RLO, "\x07", "\x1b]"]  # never on the terminal as they are


def hostile(app: Asgi) -> Asgi:
    """The stub, except that the ports listing answers one hostile port and a port lookup
    answers 404 with a hostile detail."""

    async def asgi(scope: Scope, receive: Any, send: Any) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if path == "/v3/ports" or path.startswith("/v3/ports/"):
            listing = path == "/v3/ports"
            body: Any = (
                {"count": 1, "next": None, "previous": None, "results": [HOSTILE_PORT]}
                if listing
                else {"detail": DETAIL}
            )
            headers = [(b"content-type", b"application/json")]
            start = {"type": "http.response.start", "status": 200 if listing else 404}
            await send({**start, "headers": headers})
            data = json.dumps(body, ensure_ascii=False).encode()
            await send({"type": "http.response.body", "body": data})
            return
        await app(scope, receive, send)

    return asgi


@pytest.fixture(scope="module")
def hostile_url() -> Iterator[str]:
    with serve(hostile(create_app())) as url:
        yield url


@pytest.fixture
def cli(hostile_url: str, tmp_path: Path) -> Cli:
    return Cli(hostile_url, tmp_path / "config")


def _no_raw_controls(raw: str) -> None:
    for sequence in RAW:
        assert sequence not in raw, repr(sequence)
    assert "\x1b]8;" not in raw  # no hyperlink was made from the data's [link=...]


@pytest.mark.parametrize("pages", [(), ("--all",)], ids=["one page", "all pages"])
def test_a_hostile_table_is_shown_escaped_and_literally(cli: Cli, pages: tuple[str, ...]) -> None:
    code, raw = run_in_terminal(cli, "ports", "list", *pages)
    assert code == 0, raw
    _no_raw_controls(raw)
    for shown in ("\\x1b]0;pwned\\x07", "\\x1b[2J", "\\x9b31m", "\\u202egpj.exe"):
        assert shown in raw
    assert MARKUP in raw
    assert "MarkupError" not in raw and "Traceback" not in raw


@pytest.mark.parametrize("output", ["json", "yaml"])
def test_json_and_yaml_on_a_terminal_escape_what_the_terminal_would_obey(
    cli: Cli, output: str
) -> None:
    code, raw = run_in_terminal(cli, "ports", "list", "-o", output)
    assert code == 0, raw
    _no_raw_controls(raw)
    if output == "json":
        assert "\\u202egpj.exe" in raw and "\\u009b31m" in raw
    text = raw.replace("\r\n", "\n")
    if output == "json":
        assert json.loads(text) == [HOSTILE_PORT]  # the same data, escaped
    else:
        import yaml

        assert yaml.safe_load(text) == [HOSTILE_PORT]


def test_a_hostile_error_detail_is_one_escaped_line_on_the_terminal(cli: Cli) -> None:
    code, raw = run_in_terminal(cli, "ports", "get", "some-port")
    assert code == 4, raw
    _no_raw_controls(raw)
    assert "no such port \\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\u202e[/bold]" in raw
    piped = cli("ports", "get", "some-port")  # in a pipe (a log file) too
    assert piped.code == 4 and "\\x1b]0;pwned" in piped.err and "\x1b" not in piped.err


def test_debug_logs_and_the_traceback_show_the_detail_escaped(cli: Cli) -> None:
    code, raw = run_in_terminal(cli, "--debug", "ports", "get", "some-port")
    assert code == 4, raw
    _no_raw_controls(raw)
    assert "Traceback" in raw and "no such port \\x1b]0;pwned" in raw


def test_piped_json_is_exact(cli: Cli) -> None:
    done = cli("ports", "list", "-o", "json")
    assert done.code == 0, done.err
    assert json.loads(done.out) == [HOSTILE_PORT]
    for value in HOSTILE_PORT.values():  # each string as json.dumps writes it, nothing escaped
        assert json.dumps(value, ensure_ascii=False) in done.out
    assert RLO in done.out and "\x9b" in done.out
