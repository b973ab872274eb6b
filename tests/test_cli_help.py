"""Help that helps: one line per group in ``misaka --help`` (a tag's provenance in the group's
own help), the default TTL where a TTL is asked for, a delete that says what it deleted and an
unknown profile answered with the known ones."""

from __future__ import annotations

import pytest

from misaka_io import Misaka
from misaka_io._exceptions import NotFoundError
from misaka_io.models import ZoneCreate
from tests.cli_support import TOKEN, Cli, one_line


def test_the_root_help_gives_each_group_one_line(cli: Cli) -> None:
    done = cli("--help", COLUMNS="80")
    assert done.code == 0, done.err
    commands = done.out.split("Commands:\n", 1)[1].splitlines()
    assert commands and all(len(line) <= 80 for line in commands)
    names = [line.split()[0] for line in commands if line.strip()]
    assert {"dns", "ports", "login", "configure"} <= set(names)
    assert all(line.startswith("  ") and line[2] != " " for line in commands), commands
    assert "x-misaka-base-paths" not in done.out
    assert "go after the command too" in done.out
    group = cli("dns", "--help", COLUMNS="80")
    assert "older base `/dns`" in group.out and "x-misaka-base-" in group.out


def test_the_ttl_of_a_new_recordset_says_its_default(cli: Cli) -> None:
    for command in ("create-recordset", "update-recordset"):
        shown = " ".join(cli("dns", command, "--help").out.split())
        assert "--ttl INTEGER Seconds. Left out of a new recordset, the zone's" in shown
        assert "`default_ttl` (600 in the recorded zone settings; inferred)" in shown


def test_delete_zone_says_what_it_deleted(cli: Cli, stub_url: str) -> None:
    with Misaka(api_token=TOKEN, base_url=stub_url) as api:
        api.dns.create_zone(body=ZoneCreate(name="deleted.example.org"))
        done = cli("dns", "delete-zone", "deleted.example.org", "--yes")
        assert done.code == 0, done.err
        assert done.out == ""
        assert one_line("misaka: " + done.err) == "misaka: Delete Zone deleted.example.org: done"
        with pytest.raises(NotFoundError):
            api.dns.get_zone_settings("deleted.example.org")


def test_an_unknown_profile_lists_the_known_ones(cli: Cli) -> None:
    cli.config_dir.mkdir(parents=True)
    config = cli.config_dir / "config.toml"
    config.write_text('[work]\nemail = "a@example.net"\n\n[default]\ntimeout = 5\n')
    config.chmod(0o600)
    for args in (
        ("--profile", "nosuch", "ports", "list"),
        ("ports", "list", "--profile", "nosuch"),
    ):
        done = cli(*args)
        assert done.code == 2
        line = one_line(done.err)
        assert f"no profile [nosuch] in {config} (its profiles: default, work)" in line
        assert "`misaka configure --profile nosuch` writes one" in line
        assert "--help" not in line


def test_an_unknown_profile_without_a_config_file_says_so(cli: Cli) -> None:
    done = cli("whoami", "--profile", "nosuch")
    assert done.code == 2
    assert "(its profiles: none)" in one_line(done.err)
