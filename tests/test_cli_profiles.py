"""``misaka configure`` writes the profiles the command line reads (the token at mode 0600,
never shown), and ``--profile`` and ``-o`` work before or after the command's name."""

from __future__ import annotations

import stat
import tomllib

import pytest

from tests.cli_support import TOKEN, Cli, one_line
from tests.test_cli_tty import run_in_terminal


def _bare(cli: Cli) -> dict[str, str]:
    """The environment without MISAKA_BASE_URL nor a token: only the profile can help."""
    env = cli.env(token=False)
    del env["MISAKA_BASE_URL"]
    return env


def _configure_work(cli: Cli, stub_url: str) -> None:
    done = cli(
        "configure",
        "--profile",
        "work",
        "--base-url",
        stub_url,
        "--api-token-stdin",
        stdin=TOKEN + "\n",
        env=_bare(cli),
    )
    assert done.code == 0, done.err
    assert TOKEN not in done.err and "wrote [work]" in done.err


def test_configure_writes_a_profile_the_commands_then_use(cli: Cli, stub_url: str) -> None:
    _configure_work(cli, stub_url)
    config = cli.config_dir / "config.toml"
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    assert tomllib.loads(config.read_text())["work"] == {"base_url": stub_url, "api_token": TOKEN}
    done = cli("--profile", "work", "misc", "get-location-timezone", "HKG1", env=_bare(cli))
    assert done.code == 0, done.err


@pytest.mark.parametrize(
    "args",
    [
        ("--profile", "work", "-o", "json", "ports", "list"),
        ("ports", "list", "-o", "json", "--profile", "work"),
        ("-o", "yaml", "ports", "list", "--profile", "work", "-o", "json"),  # the last -o wins
        ("--profile", "nope", "ports", "list", "--profile", "work", "-o", "json"),
    ],
)
def test_profile_and_output_work_before_or_after_the_command(
    cli: Cli, stub_url: str, args: tuple[str, ...]
) -> None:
    _configure_work(cli, stub_url)
    done = cli(*args, env=_bare(cli))
    assert done.code == 0, done.err
    assert done.out.startswith("[") and '"id": "port-' in done.out


def test_login_and_whoami_take_profile_after_the_command(cli: Cli, stub_url: str) -> None:
    from tests.cli_support import EMAIL, PASSWORD

    _configure_work(cli, stub_url)
    env = {**_bare(cli), "MISAKA_PASSWORD": PASSWORD}
    assert cli("login", "--email", EMAIL, "--profile", "work", env=env).code == 0
    assert (cli.config_dir / "sessions" / "work.json").exists()
    me = cli("whoami", "-o", "json", "--profile", "work", env=_bare(cli))
    assert me.code == 0 and '"profile": "work"' in me.out


def test_configure_list_shows_the_profiles_but_never_the_token(cli: Cli, stub_url: str) -> None:
    _configure_work(cli, stub_url)
    assert (
        cli("configure", "--email", "ops@example.net", "--output", "yaml", env=_bare(cli)).code == 0
    )
    done = cli("configure", "list", "-o", "json", env=_bare(cli))
    assert done.code == 0, done.err
    assert TOKEN not in done.out + done.err
    rows = {row["profile"]: row for row in done.json()}
    assert rows["work"]["api_token"] == "set" and rows["work"]["base_url"] == stub_url
    assert rows["default"]["email"] == "ops@example.net" and rows["default"]["api_token"] is None
    assert rows["default"]["current"] and not rows["work"]["current"]


def test_configure_list_shows_the_profile_in_use_also_when_the_file_has_none_of_it(
    cli: Cli, stub_url: str
) -> None:
    _configure_work(cli, stub_url)
    rows = {
        row["profile"]: row for row in cli("configure", "list", "-o", "json", env=_bare(cli)).json()
    }
    assert rows["default"]["current"] and rows["default"]["api_token"] is None
    assert not rows["work"]["current"]


def test_configure_keeps_comments_and_other_profiles_and_unsets(cli: Cli) -> None:
    cli.config_dir.mkdir(parents=True)
    config = cli.config_dir / "config.toml"
    config.write_text('# my settings\n[default]\nemail = "a@example.net"  # mine\n')
    config.chmod(0o644)
    assert cli("configure", "--profile", "x.y", "--timeout", "7", env=_bare(cli)).code == 0
    text = config.read_text()
    assert "# my settings" in text and "# mine" in text
    assert tomllib.loads(text) == {"default": {"email": "a@example.net"}, "x.y": {"timeout": 7.0}}
    assert cli("configure", "--unset", "email", env=_bare(cli)).code == 0
    assert tomllib.loads(config.read_text())["default"] == {}


def test_configure_refuses_bad_values_and_a_file_it_would_not_read(cli: Cli) -> None:
    bad = cli("configure", "--output", "xml", env=_bare(cli))
    assert bad.code == 2
    url = cli("configure", "--base-url", "ftp://example.net", env=_bare(cli))
    assert url.code == 2 and "http(s) URL" in one_line(url.err)
    assert cli("configure", env=_bare(cli)).code == 2  # nothing to write
    cli.config_dir.mkdir(parents=True)
    config = cli.config_dir / "config.toml"
    config.write_text('[default]\nemail = "a@example.net"\n')
    config.chmod(0o666)
    refused = cli("configure", "--timeout", "3", env=_bare(cli))
    assert refused.code == 2 and "writable by" in one_line(refused.err)
    assert config.read_text() == '[default]\nemail = "a@example.net"\n'


def test_configure_asks_for_the_token_hidden_on_a_terminal(cli: Cli, stub_url: str) -> None:
    code, raw = run_in_terminal(
        cli, "configure", "--api-token-stdin", answers=[("API token:", TOKEN)], token=False
    )
    assert code == 0, raw
    assert TOKEN not in raw
    config = tomllib.loads((cli.config_dir / "config.toml").read_text())
    assert config["default"]["api_token"] == TOKEN
