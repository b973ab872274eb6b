"""``misaka login`` tells the truth: it checks the password every time (a new session), asks a
two-factor account for its code on a terminal, and ``whoami`` says who is logged in."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from misaka_io import AsyncMisaka, AuthenticationError, FileTokenStore, Misaka
from tests.cli_support import EMAIL, PASSWORD, Cli, one_line
from tests.test_cli_tty import ANSI, run_in_terminal

SECURE, SECURE_PASSWORD, CODE = "secure@example.net", "otp-guarded-secret", "492817"


def _login(cli: Cli, password: str, *extra: str, email: str = EMAIL) -> tuple[int, str]:
    done = cli("login", "--email", email, "--password-stdin", *extra, stdin=password + "\n")
    return done.code, done.err


def test_a_wrong_password_is_refused_even_with_a_session_stored(cli: Cli) -> None:
    assert _login(cli, PASSWORD)[0] == 0
    session = cli.config_dir / "sessions" / "default.json"
    before = session.read_text()
    code, err = _login(cli, "wrong-password")
    assert code == 3 and "401" in one_line(err) and "logged in" not in err
    assert session.read_text() == before  # the session that works is kept
    assert cli.ok("whoami", token=False)["email"] == EMAIL


def test_a_login_while_an_api_token_is_set_says_the_token_is_what_commands_use(cli: Cli) -> None:
    with_token = cli("login", "--email", EMAIL, "--password-stdin", stdin=PASSWORD + "\n")
    assert with_token.code == 0
    assert with_token.err.splitlines()[1] == (
        "note: an API token is set (environment (MISAKA_API_TOKEN)): the next commands use it, "
        "not this session, until it is unset"
    )
    alone = cli("login", "--email", EMAIL, "--password-stdin", stdin=PASSWORD + "\n", token=False)
    assert alone.code == 0 and "API token" not in alone.err


def test_a_new_login_replaces_the_stored_session(cli: Cli) -> None:
    assert _login(cli, PASSWORD)[0] == 0
    session = cli.config_dir / "sessions" / "default.json"
    first = json.loads(session.read_text())["access"]
    assert _login(cli, PASSWORD)[0] == 0
    assert json.loads(session.read_text())["access"] != first


def test_whoami_shows_the_email_and_the_user(cli: Cli) -> None:
    assert _login(cli, PASSWORD)[0] == 0
    me = cli.ok("whoami", token=False)
    assert me["email"] == EMAIL and me["user"] and me["auth"].startswith("session")
    with_token = cli.ok("whoami", MISAKA_EMAIL="ops@example.net")
    assert with_token["auth"] == "api token" and with_token["email"] == "ops@example.net"


def test_a_two_factor_account_is_asked_for_its_code_on_a_terminal(cli: Cli) -> None:
    answers = [("Password:", SECURE_PASSWORD), ("One-time code:", CODE)]
    code, raw = run_in_terminal(cli, "login", "--email", SECURE, answers=answers, token=False)
    text = ANSI.sub("", raw)
    assert code == 0, text
    assert f"logged in as {SECURE}" in text
    assert CODE not in text and SECURE_PASSWORD not in text  # neither is echoed
    me = cli.ok("whoami", token=False)
    assert me["email"] == SECURE and me["teams"]


def test_a_wrong_code_on_a_terminal_is_refused(cli: Cli) -> None:
    answers = [("Password:", SECURE_PASSWORD), ("One-time code:", "000000")]
    code, raw = run_in_terminal(cli, "login", "--email", SECURE, answers=answers, token=False)
    assert code == 3 and "logged in" not in raw
    assert not (cli.config_dir / "sessions" / "default.json").exists()


def test_without_a_terminal_two_factor_still_asks_for_otp(cli: Cli) -> None:
    code, err = _login(cli, SECURE_PASSWORD, email=SECURE)
    assert code == 3 and "--otp" in one_line(err)


def test_the_library_logs_in_anew_when_asked(stub_url: str, tmp_path: Path) -> None:
    store = FileTokenStore(tmp_path / "session.json")
    with Misaka(email=EMAIL, password=PASSWORD, base_url=stub_url, token_store=store) as good:
        good.login()
    kept = store.load()
    with Misaka(
        email=EMAIL, password="wrong-password", base_url=stub_url, token_store=store
    ) as bad:
        bad.login()  # resumes the stored session, as documented
        with pytest.raises(AuthenticationError):
            bad.login(fresh=True)
    assert store.load() == kept

    async def fresh_async() -> None:
        async with AsyncMisaka(
            email=EMAIL, password="wrong-password", base_url=stub_url, token_store=store
        ) as client:
            await client.login(fresh=True)

    with pytest.raises(AuthenticationError):
        asyncio.run(fresh_async())
