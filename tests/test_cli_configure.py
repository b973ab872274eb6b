"""``misaka configure`` on a terminal asks as ``aws configure`` does (the current values as
defaults, the token hidden and masked, a bad value asked again); flags stay for scripts, and
without a terminal it never asks."""

from __future__ import annotations

import tomllib

from tests.cli_support import TOKEN, Cli, one_line
from tests.test_cli_tty import ANSI, run_in_terminal

OUTPUT = "Output format (table, json, yaml)"


def _bare(cli: Cli) -> dict[str, str]:
    env = cli.env(token=False)
    del env["MISAKA_BASE_URL"]
    return env


def _config(cli: Cli) -> dict[str, object]:
    return tomllib.loads((cli.config_dir / "config.toml").read_text())


def test_configure_on_a_terminal_asks_each_value_with_the_token_hidden(
    cli: Cli, stub_url: str
) -> None:
    answers = [
        ("Base URL [none]:", stub_url),
        ("API token [none]:", TOKEN),
        ("Email [none]:", ""),
        (f"{OUTPUT} [none]:", "xml"),  # refused, asked again
        (f"{OUTPUT} [none]:", "yaml"),
    ]
    code, raw = run_in_terminal(
        cli, "configure", "--profile", "work", answers=answers, env=_bare(cli)
    )
    assert code == 0, raw
    assert TOKEN not in raw
    assert "output from the answer must be one of table, json, yaml" in raw
    assert _config(cli) == {"work": {"base_url": stub_url, "api_token": TOKEN, "output": "yaml"}}
    done = cli("--profile", "work", "ports", "list", env=_bare(cli))
    assert done.code == 0 and done.out.startswith("- id: port-")  # the profile works


def test_configure_on_a_terminal_offers_the_current_values_and_enter_keeps_them(
    cli: Cli, stub_url: str
) -> None:
    first = [("Base URL [none]:", stub_url), ("API token [none]:", TOKEN)]
    first += [("Email [none]:", "noc@example.net"), (f"{OUTPUT} [none]:", "")]
    assert run_in_terminal(cli, "configure", answers=first, env=_bare(cli))[0] == 0
    again = [
        (f"Base URL [{stub_url}]:", ""),
        ("API token [********]:", ""),
        ("Email [noc@example.net]:", "ops@example.net"),
        (f"{OUTPUT} [none]:", ""),
    ]
    code, raw = run_in_terminal(cli, "configure", answers=again, env=_bare(cli))
    text = ANSI.sub("", raw)
    assert code == 0, text
    assert TOKEN not in text and "set email" in text
    assert _config(cli)["default"] == {
        "base_url": stub_url,
        "api_token": TOKEN,
        "email": "ops@example.net",
    }
    unchanged = [(p.replace("noc@", "ops@"), "") for p, _ in again]
    code, raw = run_in_terminal(cli, "configure", answers=unchanged, env=_bare(cli))
    assert code == 0 and "nothing changed in [default]" in raw


def test_configure_without_a_terminal_never_asks(cli: Cli) -> None:
    done = cli("configure", stdin="https://api.example.net\n", env=_bare(cli))
    assert done.code == 2
    assert "nothing to write" in one_line(done.err) and "Base URL" not in done.err
    assert not (cli.config_dir / "config.toml").exists()


def test_configure_flags_still_write_without_asking_on_a_terminal(cli: Cli) -> None:
    code, raw = run_in_terminal(cli, "configure", "--email", "a@example.net", env=_bare(cli))
    assert code == 0 and "Base URL" not in raw
    assert _config(cli) == {"default": {"email": "a@example.net"}}
