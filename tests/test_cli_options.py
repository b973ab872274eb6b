"""Options as people type them: every option of the root works after the command too, a
``--profile`` on the command line beats the environment (as the AWS CLI's does), and
``misaka whoami`` says where its credentials came from, never what they are."""

from __future__ import annotations

from tests.cli_support import EMAIL, PASSWORD, TOKEN, Cli, one_line

UNREACHABLE = "http://127.0.0.1:1"


def _work_profile(cli: Cli, stub_url: str) -> None:
    cli.config_dir.mkdir(parents=True)
    config = cli.config_dir / "config.toml"
    config.write_text(f'[work]\nbase_url = "{stub_url}"\napi_token = "{TOKEN}"\n')
    config.chmod(0o600)


def test_timeout_base_url_dns_base_and_debug_work_after_the_command(cli: Cli) -> None:
    timed = cli("ports", "list", "-o", "json", "--timeout", "7")
    assert timed.code == 0, timed.err
    elsewhere = cli("ports", "list", "--base-url", UNREACHABLE)
    assert elsewhere.code == 5 and "cannot reach" in one_line(elsewhere.err)
    logged = cli("dns", "list-zones", "-o", "json", "--dns-base", "/dns", "--debug")
    assert logged.code == 0, logged.err
    assert "GET " in logged.err and "/dns/zones" in logged.err and "/v3/dns" not in logged.err


def test_root_options_after_a_hand_written_command_and_inside_its_group(cli: Cli) -> None:
    done = cli("dns", "record", "list", "nosuch.example.org", "--base-url", UNREACHABLE)
    assert done.code == 5, done.err
    assert cli("whoami", "--timeout", "7", "-o", "json").code == 0


def test_a_bad_value_after_the_command_is_a_usage_error(cli: Cli) -> None:
    done = cli("ports", "list", "--timeout", "soon")
    assert done.code == 2 and "'soon' is not a valid float" in one_line(done.err)


def test_profile_on_the_command_line_beats_the_token_and_url_of_the_environment(
    cli: Cli, stub_url: str
) -> None:
    _work_profile(cli, stub_url)
    env = cli.env(token=False, MISAKA_API_TOKEN="not-the-token", MISAKA_BASE_URL=UNREACHABLE)
    for args in (("--profile", "work", "ports", "list"), ("ports", "list", "--profile", "work")):
        done = cli(*args, "-o", "json", env=env)
        assert done.code == 0, done.err
    me = cli("whoami", "-o", "json", "--profile", "work", env=env)
    assert me.code == 0, me.err
    assert me.json()["credentials_from"].startswith("profile file: [work] of ")
    assert TOKEN not in me.out + me.err


def test_the_profile_named_by_the_environment_stays_below_the_environment(
    cli: Cli, stub_url: str
) -> None:
    _work_profile(cli, stub_url)
    env = cli.env(token=False, MISAKA_API_TOKEN="not-the-token", MISAKA_PROFILE="work")
    done = cli("ports", "list", env=env)
    assert done.code == 3, done.err  # MISAKA_API_TOKEN, as before


def test_a_profile_without_a_token_takes_no_credentials_of_the_environment(
    cli: Cli, stub_url: str
) -> None:
    cli.config_dir.mkdir(parents=True)
    (cli.config_dir / "config.toml").write_text(f'[bare]\nbase_url = "{stub_url}"\n')
    env = cli.env(MISAKA_EMAIL=EMAIL, MISAKA_PASSWORD=PASSWORD)  # a token and a login
    done = cli("--profile", "bare", "ports", "list", env=env)
    assert done.code == 3 and "not logged in" in one_line(done.err)
    assert not (cli.config_dir / "sessions" / "bare.json").exists()
    env = {**env, "MISAKA_PROFILE": "bare"}  # named by the environment: its credentials serve
    assert cli("ports", "list", env=env).code == 0


def test_whoami_says_where_the_credentials_came_from(cli: Cli) -> None:
    from_env = cli.ok("whoami")
    assert from_env["auth"] == "api token"
    assert from_env["credentials_from"] == "environment (MISAKA_API_TOKEN)"
    env = {**cli.env(token=False), "MISAKA_PASSWORD": PASSWORD}
    assert cli("login", "--email", EMAIL, env=env).code == 0
    session = cli.ok("whoami", token=False)
    path = cli.config_dir / "sessions" / "default.json"
    assert session["auth"] == "session"
    assert session["credentials_from"] == f"session file {path}"
    assert PASSWORD not in str(session)
