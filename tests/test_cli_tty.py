"""``misaka`` on a terminal (a pseudo-terminal): a table instead of JSON, and a progress
indicator on stderr while ``--all`` follows pages; and ``run_in_terminal``, the pty that the
other terminal tests run ``misaka`` in."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli_support import MISAKA, Cli, served_stub

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
DEADLINE = 30.0


@pytest.fixture(scope="module")
def stub_url() -> Iterator[str]:
    yield from served_stub()


def run_in_terminal(
    cli: Cli,
    *args: str,
    answers: list[tuple[str, str]] | None = None,
    token: bool = True,
    columns: int = 160,
    env: dict[str, str] | None = None,
) -> tuple[int, str]:
    """Run ``misaka`` with stdin, stdout and stderr on a pseudo-terminal ``columns`` wide;
    (exit code, output). ``answers``: (prompt, reply) in order, each typed once its prompt
    has been shown. ``env``: the environment, else ``cli``'s."""
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    pending = list(answers or [])
    env = {**(env or cli.env(token)), "COLUMNS": str(columns), "LINES": "40"}
    env["TERM"] = "xterm-256color"
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen(
        [str(MISAKA), *args], stdin=child, stdout=child, stderr=child, env=env, close_fds=True
    )
    os.close(child)
    chunks: list[bytes] = []
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        ready, _, _ = select.select([main], [], [], 0.2)
        if ready:
            try:
                data = os.read(main, 65536)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
            shown = b"".join(chunks).decode("utf-8", errors="replace")
            if pending and shown.rstrip().endswith(pending[0][0]):
                os.write(main, pending.pop(0)[1].encode() + b"\n")
        elif proc.poll() is not None:
            break
    os.close(main)
    code = proc.wait(timeout=DEADLINE)
    return code, b"".join(chunks).decode("utf-8", errors="replace")


def test_a_table_and_page_progress_on_a_terminal(stub_url: str, tmp_path: Path) -> None:
    cli = Cli(stub_url, tmp_path / "config")
    code, raw = run_in_terminal(cli, "ports", "list", "--limit", "1", "--all")
    text = ANSI.sub("", raw)
    assert code == 0, text
    assert "List ports: fetching" in text  # the progress line, drawn on stderr
    assert "┏" in text and "┃ id " in text  # a Rich table, not JSON
    for port in ("port-hkg1-cr1-et-0-0-3", "port-hkg1-sw1-eth-12", "port-tyo1-cr1-et-0-1-0"):
        assert port in text
    assert '"id":' not in text

    code, raw = run_in_terminal(cli, "ports", "list", "--limit", "1", "--all", "-o", "json")
    text = ANSI.sub("", raw)
    assert code == 0 and '"id": "port-tyo1-cr1-et-0-1-0"' in text and "┏" not in text
