"""``misaka`` with closed or broken standard streams: a closed stdin (``<&-``) refuses what
would need it before anything is sent, a closed stdout (``>&-``) or a reader that has gone
(``| head -1``) ends without a traceback, and a write that was sent says so on stderr."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator

import pytest

from misaka_io import Misaka
from misaka_io._exceptions import NotFoundError
from misaka_io.models import ZoneCreate
from tests.cli_support import MISAKA, TIMEOUT, TOKEN, Cli, Result, one_line


@pytest.fixture
def api(stub_url: str) -> Iterator[Misaka]:
    with Misaka(api_token=TOKEN, base_url=stub_url) as client:
        yield client


def _zone(api: Misaka, name: str) -> str:
    api.dns.create_zone(body=ZoneCreate(name=name))
    return name


def _exists(api: Misaka, zone: str) -> bool:
    try:
        api.dns.get_zone_settings(zone)
    except NotFoundError:
        return False
    return True


def closed(cli: Cli, redirect: str, *args: str) -> Result:
    """``misaka ARGS`` run by the shell with ``redirect`` (``<&-``, ``>&-``): that stream is
    closed, not empty."""
    done = subprocess.run(
        ["sh", "-c", f'exec "$0" "$@" {redirect}', str(MISAKA), *args],
        capture_output=True,
        text=True,
        env=cli.env(),
        timeout=TIMEOUT,
        check=False,
    )
    return Result(done.returncode, done.stdout, done.stderr)


def reader_gone(cli: Cli, *args: str) -> Result:
    """``misaka ARGS`` writing into a pipe whose reader has gone (as ``| head -1`` leaves it
    once it has its line)."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [str(MISAKA), *args],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            env=cli.env(),
            timeout=TIMEOUT,
            check=False,
        )
    finally:
        os.close(write)
    return Result(done.returncode, "", done.stderr)


def test_a_confirmation_with_stdin_closed_is_refused_and_nothing_is_sent(
    cli: Cli, api: Misaka
) -> None:
    zone = _zone(api, "stdin-closed.example.org")
    done = closed(cli, "<&-", "dns", "delete-zone", zone)
    assert done.code == 2, done.err
    line = one_line(done.err)
    assert "no terminal to ask on, pass --yes" in line and "nothing was sent" in line
    assert _exists(api, zone)


def test_a_body_from_a_closed_stdin_is_a_usage_error(cli: Cli, api: Misaka) -> None:
    done = closed(cli, "<&-", "dns", "create-zone", "--body", "-")
    assert done.code == 2, done.err
    assert "stdin is closed" in one_line(done.err)


def test_a_write_with_stdout_closed_is_done_and_said_on_stderr(cli: Cli, api: Misaka) -> None:
    done = closed(cli, ">&-", "dns", "create-zone", "--name", "stdout-closed.example.org")
    assert done.code == 1, done.err
    line = one_line(done.err)
    assert "dns create-zone: sent and done" in line and "stdout is closed" in line
    assert _exists(api, "stdout-closed.example.org")


def test_a_read_with_stdout_closed_says_nothing_was_printed(cli: Cli) -> None:
    done = closed(cli, ">&-", "ports", "list")
    assert done.code == 1, done.err
    assert one_line(done.err) == "misaka: nothing printed: stdout is closed"


def test_a_write_whose_reader_has_gone_is_said_on_stderr(cli: Cli, api: Misaka) -> None:
    done = reader_gone(cli, "dns", "create-zone", "--name", "reader-gone.example.org")
    assert done.code == 1, done.err
    line = one_line(done.err)
    assert "dns create-zone: sent and done" in line and "reader of stdout has gone" in line
    assert _exists(api, "reader-gone.example.org")


@pytest.mark.parametrize("output", ["json", "yaml", "table"])
def test_a_listing_whose_reader_has_gone_ends_quietly(cli: Cli, output: str) -> None:
    done = reader_gone(cli, "ports", "list", "-o", output)
    assert done.code == 1
    assert done.err == ""  # no traceback, no "Exception ignored" at exit


def test_a_dry_run_whose_reader_has_gone_sent_nothing_and_says_nothing(cli: Cli) -> None:
    done = reader_gone(cli, "dns", "create-zone", "--name", "dry.example.org", "--dry-run")
    assert done.code == 1 and done.err == ""


def test_record_add_with_stdout_closed_adds_and_says_so(cli: Cli, api: Misaka) -> None:
    zone = _zone(api, "record-add.example.org")
    done = closed(cli, ">&-", "dns", "record", "add", f"www.{zone}", "A", "203.0.113.9")
    assert done.code == 1, done.err
    assert "dns record add: sent and done" in one_line(done.err)
    values = [r.value for r in api.dns.get_recordset(zone, "www", "A").records or []]
    assert values == ["203.0.113.9"]
