"""The ``misaka`` console script, run as a subprocess against the stub over HTTP: the
hand-written commands, one generated command per tag, the ACME hooks, configuration and the
errors with their exit codes."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from misaka_io import Misaka
from misaka_io.models import ZoneCreate
from scripts import optable
from tests.cli_support import (
    EMAIL,
    FAILING_OFFSET,
    PASSWORD,
    REQUEST_ID,
    TOKEN,
    Cli,
    one_line,
    served_stub,
)

ROOT = Path(__file__).resolve().parent.parent
HOOK = ROOT / "contrib" / "acme.sh" / "dns_misaka_io.sh"


@pytest.fixture(scope="session")
def stub_url() -> Iterator[str]:
    yield from served_stub()


@pytest.fixture
def cli(stub_url: str, tmp_path: Path) -> Cli:
    return Cli(stub_url, tmp_path / "config")


@pytest.fixture(scope="session")
def api(stub_url: str) -> Iterator[Misaka]:
    """The library, in process, for setting up and checking what the commands did."""
    with Misaka(api_token=TOKEN, base_url=stub_url) as client:
        yield client


@pytest.fixture
def zone(api: Misaka, request: pytest.FixtureRequest) -> str:
    """A fresh zone for one test."""
    name = request.node.name.split("[")[0].replace("_", "-")[:40].strip("-") + ".example.org"
    api.dns.create_zone(body=ZoneCreate(name=name))
    return name


def _recordsets(api: Misaka, zone: str) -> list[dict[str, object]]:
    """The zone's recordsets but the apex NS and SOA the server keeps (the SOA's serial moves
    with every change)."""
    found = [
        r.to_dict()
        for r in api.dns.list_recordsets(zone, limit=1000).results
        if not (r.name == "@" and r.type_ in ("NS", "SOA"))
    ]
    return sorted(found, key=lambda r: (str(r["name"]), str(r["type"])))


def _values(api: Misaka, zone: str, name: str, rtype: str) -> list[str]:
    records = api.dns.get_recordset(zone, name, rtype).records
    return [r.value for r in records] if isinstance(records, list) else []


# ---- start-up, the table and the module ----------------------------------------------------


def test_help_imports_neither_the_client_nor_the_models() -> None:
    code = (
        "import sys\n"
        "from misaka_io.cli import main\n"
        "assert main(['--help']) == 0\n"
        "assert main(['dns', 'update-recordset', '--help']) == 0\n"
        "heavy = [m for m in ('httpx', 'misaka_io._client', 'misaka_io_generated.models', 'rich')"
        " if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in done.stdout
    assert "Update RecordSet" in done.stdout and "--append / --no-append" in done.stdout


def test_every_operation_has_a_command(cli: Cli) -> None:
    from misaka_io._table_types import commands, operations
    from misaka_io.spec import load_spec

    offered = {op["operation_id"] for op in operations().values() if op["command"]}
    skipped = {op["operation_id"] for op in operations().values() if not op["command"]}
    listed = {
        op["operation_id"]
        for tag in {o["tag"] for o in operations().values()}
        for op in commands(tag).values()
    }
    assert listed == offered
    for op_id in skipped:  # left out on purpose: the spec says why
        assert load_spec()["paths"][operations()[op_id]["path"]][
            operations()[op_id]["method"].lower()
        ]["x-misaka-cli"]["skip"], f"{op_id}: x-misaka-cli skip gives the reason"
    tags = cli("--help").out
    assert all(tag in tags for tag in {o["tag"] for o in operations().values() if o["command"]})


def test_the_committed_operation_table_is_a_fresh_render() -> None:
    assert optable.render() == optable.TARGET.read_text(encoding="utf-8"), "run make generate"


def test_python_m_misaka_io_runs_the_same_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "misaka_io", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0 and "misaka, version" in done.stdout


# ---- sessions ---------------------------------------------------------------------------------


def test_login_whoami_logout(cli: Cli) -> None:
    done = cli("login", "--email", EMAIL, "--password-stdin", stdin=PASSWORD + "\n", token=False)
    assert done.code == 0, done.err
    session = cli.config_dir / "sessions" / "default.json"
    assert stat.S_IMODE(session.stat().st_mode) == 0o600
    assert PASSWORD not in session.read_text()
    me = cli.ok("whoami", token=False)
    assert me["auth"].startswith("session") and "Example Networks NOC" in me["teams"]
    assert cli("logout", token=False).code == 0
    assert not session.exists()
    after = cli("whoami", token=False)
    assert after.code == 3 and "misaka login" in one_line(after.err)


def test_login_refused_and_two_factor(cli: Cli) -> None:
    wrong = cli("login", "--email", EMAIL, "--password-stdin", stdin="nope-nope\n", token=False)
    assert wrong.code == 3 and "401" in one_line(wrong.err)
    args = ("login", "--email", "secure@example.net", "--password-stdin")
    no_code = cli(*args, stdin="otp-guarded-secret\n", token=False)
    assert no_code.code == 3 and "--otp" in one_line(no_code.err)
    with_code = cli(*args, "--otp", "492817", stdin="otp-guarded-secret\n", token=False)
    assert with_code.code == 0, with_code.err
    assert cli.ok("whoami", token=False)["teams"]
    with_token = cli("logout")  # MISAKA_API_TOKEN set: the session cannot be used to revoke
    assert with_token.code == 0 and "without revoking" in with_token.err
    assert not (cli.config_dir / "sessions" / "default.json").exists()


# ---- dns record ------------------------------------------------------------------------------


def test_dns_record_add_list_rm_on_a_full_name(cli: Cli, api: Misaka, zone: str) -> None:
    fqdn = f"WWW.{zone.upper()}."  # case and a trailing dot are normalised
    first = cli.ok("dns", "record", "add", fqdn, "a", "203.0.113.7", "--ttl", "120")
    assert (first["name"], first["type"], first["action"]) == ("www", "A", "create")
    again = cli.ok("dns", "record", "add", fqdn, "A", "203.0.113.7")
    assert again["action"] == "none" and again["values"] == ["203.0.113.7"]
    second = cli.ok("dns", "record", "add", f"www.{zone}", "A", "203.0.113.8")
    assert second["action"] == "append" and second["ttl"] == 120
    listed = cli.ok("dns", "record", "list", f"www.{zone}")
    assert [r["value"] for r in listed[0]["records"]] == ["203.0.113.7", "203.0.113.8"]
    one = cli.ok("dns", "record", "rm", f"www.{zone}", "A", "203.0.113.7", "192.0.2.99")
    assert one["action"] == "replace" and one["values"] == ["203.0.113.8"]
    last = cli.ok("dns", "record", "rm", f"www.{zone}", "A", "203.0.113.8")
    assert last["action"] == "delete"
    assert cli.ok("dns", "record", "rm", f"www.{zone}", "A", "203.0.113.8")["action"] == "none"
    assert _recordsets(api, zone) == []


def test_dns_record_set_relative_names_and_rm_all(cli: Cli, api: Misaka, zone: str) -> None:
    made = cli.ok("dns", "record", "set", "@", "MX", "10 mx1.example.net.", "--zone", zone)
    assert (made["fqdn"], made["action"]) == (zone, "create")
    changed = cli.ok(
        "dns", "record", "set", zone, "mx", "20 mx2.example.net.", "--ttl", "900", "--yes"
    )
    assert changed["action"] == "replace" and changed["values"] == ["20 mx2.example.net."]
    assert changed["ttl"] == 900
    same = cli.ok("dns", "record", "set", zone, "MX", "20 mx2.example.net.")
    assert same["action"] == "none"
    needs_values = cli("dns", "record", "rm", zone, "MX")
    assert needs_values.code == 2 and "--all" in one_line(needs_values.err)
    assert cli.ok("dns", "record", "rm", zone, "MX", "--all", "--yes")["action"] == "delete"
    assert _recordsets(api, zone) == []


# ---- ACME --------------------------------------------------------------------------------------


def test_certbot_hooks_leave_the_zone_as_it_was(cli: Cli, api: Misaka, zone: str) -> None:
    from misaka_io import DnsRecords

    DnsRecords(api).add(f"_acme-challenge.{zone}", "TXT", ['"keep-me"'], ttl=300)
    before = _recordsets(api, zone)
    hooks = [{"CERTBOT_DOMAIN": zone, "CERTBOT_VALIDATION": v} for v in ("tok-apex", "tok-wild")]
    hooks[1]["CERTBOT_DOMAIN"] = f"*.{zone}"  # a wildcard order validates the same name
    for env in hooks:
        assert cli.ok("acme", "auth", **env)["fqdn"] == f"_acme-challenge.{zone}"
    during = _values(api, zone, "_acme-challenge", "TXT")
    assert during == ['"keep-me"', "tok-apex", "tok-wild"]
    for env in hooks:
        cli.ok("acme", "cleanup", **env)
    assert _recordsets(api, zone) == before


def test_certbot_hooks_on_a_fresh_name_delete_the_recordset(
    cli: Cli, api: Misaka, zone: str
) -> None:
    env = {"CERTBOT_DOMAIN": f"www.{zone}", "CERTBOT_VALIDATION": "abc"}
    assert cli.ok("acme", "auth", **env)["action"] == "create"
    assert cli.ok("acme", "cleanup", **env)["action"] == "delete"
    assert _recordsets(api, zone) == []
    missing = cli("acme", "auth")
    assert missing.code == 2 and "CERTBOT_DOMAIN" in one_line(missing.err)


def test_certbot_hooks_follow_a_challenge_cname_into_another_zone_of_the_account(
    cli: Cli, api: Misaka, zone: str
) -> None:
    from misaka_io import DnsRecords
    from misaka_io.models import ZoneCreate

    delegated = f"acme-{zone}"
    api.dns.create_zone(body=ZoneCreate(name=delegated))
    DnsRecords(api).add(f"_acme-challenge.{zone}", "CNAME", [f"{zone}.{delegated}."])
    env = {"CERTBOT_DOMAIN": zone, "CERTBOT_VALIDATION": "tok-delegated"}
    assert cli.ok("acme", "auth", **env)["fqdn"] == f"{zone}.{delegated}"
    assert _values(api, delegated, zone, "TXT") == ["tok-delegated"]
    assert cli.ok("acme", "cleanup", **env)["action"] == "delete"
    records = DnsRecords(api)
    assert records.get(records.target(f"{zone}.{delegated}", "TXT")) is None
    env["CERTBOT_DOMAIN"] = f"www.{zone}"
    DnsRecords(api).add(f"_acme-challenge.www.{zone}", "CNAME", ["elsewhere.example.com."])
    outside = cli("acme", "auth", **env)
    assert outside.code != 0 and "in no zone of this Misaka.io account" in one_line(outside.err)


FAKE_ACME_SH = """
ACCOUNT_CONF="$CONF_FILE"
_info() { echo "info: $*" >&2; }
_err() { echo "err: $*" >&2; }
_debug() { :; }
_readaccountconf_mutable() {
  [ -f "$ACCOUNT_CONF" ] && sed -n "s/^SAVED_$1='\\(.*\\)'$/\\1/p" "$ACCOUNT_CONF"
}
_saveaccountconf_mutable() {
  touch "$ACCOUNT_CONF"
  grep -v "^SAVED_$1=" "$ACCOUNT_CONF" > "$ACCOUNT_CONF.tmp"
  echo "SAVED_$1='$2'" >> "$ACCOUNT_CONF.tmp"
  mv "$ACCOUNT_CONF.tmp" "$ACCOUNT_CONF"
}
"""


def test_acme_sh_hook_under_sh(cli: Cli, api: Misaka, zone: str, tmp_path: Path) -> None:
    fake = tmp_path / "acme_fake.sh"
    fake.write_text(FAKE_ACME_SH)
    conf = tmp_path / "account.conf"
    fqdn = f"_acme-challenge.{zone}"

    def hook(call: str, token: bool) -> subprocess.CompletedProcess[str]:
        script = f'. "{fake}"; . "{HOOK}"; {call}'
        env = cli.env(token, CONF_FILE=str(conf), PATH=f"{cli_bin()}:{os.environ['PATH']}")
        return subprocess.run(["sh", "-c", script], env=env, capture_output=True, text=True)

    # A challenge value is base64url: it may start with "-" and must not read as an option.
    added = hook(f'dns_misaka_io_add "{fqdn}" "-acme-sh-value"', token=True)
    assert added.returncode == 0, added.stderr
    assert f"SAVED_MISAKA_API_TOKEN='{TOKEN}'" in conf.read_text()
    assert _values(api, zone, "_acme-challenge", "TXT") == ["-acme-sh-value"]
    removed = hook(f'dns_misaka_io_rm "{fqdn}" "-acme-sh-value"', token=False)  # saved token
    assert removed.returncode == 0, removed.stderr
    assert _recordsets(api, zone) == []
    conf.unlink()
    refused = hook(f'dns_misaka_io_add "{fqdn}" "x"', token=False)
    assert refused.returncode == 1 and "misaka: not logged in" in refused.stderr
    assert "info: No MISAKA_API_TOKEN or Misaka_Key" in refused.stderr


def cli_bin() -> str:
    return str(Path(sys.executable).parent)


# ---- generated commands: one per tag -----------------------------------------------------------

T0, T1 = "2026-03-01T00:00:00Z", "2026-03-01T01:00:00Z"
GENERATED = {
    "session": (["session", "get-current-user-token"], lambda r: "created_at" in r),
    "account": (
        ["account", "confirm-email", "--token", "confirm-5d41402abc4b2a76b9719d91"],
        lambda r: r == {"success": True},
    ),
    "teams": (["teams", "list-members", "17"], lambda r: isinstance(r, list) and r),
    "devices": (["devices", "list", "--location", "HKG1"], lambda r: r[0]["location"] == "HKG1"),
    "ports": (["ports", "get", "port-hkg1-sw1-eth-12"], lambda r: r["speed"] == 10000),
    "services": (["services", "list", "--all"], lambda r: isinstance(r, list) and r),
    "cross-connects": (["cross-connects", "list"], lambda r: isinstance(r, list)),
    "ip-announcements": (
        ["ip-announcements", "create", "--prefix", "198.51.100.0/24", "--origin-asn", "64500"],
        lambda r: r["prefix"] == "198.51.100.0/24",
    ),
    "lighthouse": (
        [
            "lighthouse",
            "get-network-flow-timeseries",
            "--body",
            f'{{"start": "{T0}"}}',
            "--end",
            T1,
            "--resolution",
            "600",
        ],
        lambda r: len(r["series"][0]["points"]) == 6,
    ),
    "events": (
        ["events", "list", "--severity", "critical"],
        lambda r: all(e["severity"] == "critical" for e in r),
    ),
    "shield": (["shield", "list-rules"], lambda r: r[0]["id"] == "shr-001"),
    "misc": (
        ["misc", "get-location-timezone", "HKG1"],
        lambda r: r["timezone"] == "Asia/Hong_Kong",
    ),
    "dns": (["dns", "get-zone-settings", "example.net"], lambda r: r["name"] == "example.net"),
}


def test_a_generated_command_of_each_tag(cli: Cli) -> None:
    tags = sorted(GENERATED)
    results = cli.many(*((*GENERATED[tag][0], "-o", "json") for tag in tags))
    for tag, result in zip(tags, results, strict=True):
        assert result.code == 0, (tag, result.err)
        assert GENERATED[tag][1](result.json()), (tag, result.out)


def test_body_from_a_file_and_from_stdin(cli: Cli, tmp_path: Path) -> None:
    body = tmp_path / "zone.json"
    body.write_text('{"name": "from-file.example.org"}')
    assert cli.ok("dns", "create-zone", "--body", f"@{body}")["name"] == "from-file.example.org"
    made = cli.ok("dns", "create-zone", "--body", "-", stdin='{"name": "stdin.example.org"}')
    assert made["name"] == "stdin.example.org"
    missing = cli("ip-announcements", "create", "--prefix", "198.51.100.0/24")
    assert missing.code == 2 and "--origin-asn" in one_line(missing.err)
    not_json = cli("dns", "create-zone", "--body", "{nope")
    assert not_json.code == 2 and "not JSON" in one_line(not_json.err)


def test_all_follows_pages_and_query_and_yaml(cli: Cli) -> None:
    first = cli.ok("ports", "list", "--limit", "1")
    piped = cli("ports", "list", "--limit", "1", "--all", "-o", "json")
    assert piped.code == 0 and piped.err == ""  # no progress bar when stderr is not a terminal
    every = piped.json()
    assert len(first) == 1 and len(every) == 3 and every[0] == first[0]
    ids = cli.ok("ports", "list", "--all", "--query", "[?state=='up'].id")
    assert ids == ["port-hkg1-cr1-et-0-0-3", "port-hkg1-sw1-eth-12"]
    yaml_out = cli("misc", "get-location-timezone", "TYO1", "-o", "yaml", "--query", "timezone")
    assert yaml_out.out.strip() == "Asia/Tokyo"
    bad = cli("ports", "list", "--query", "[?")
    assert bad.code == 2 and "--query" in one_line(bad.err)


# ---- configuration ----------------------------------------------------------------------------


def test_flags_then_environment_then_profile(cli: Cli, stub_url: str) -> None:
    cli.config_dir.mkdir(parents=True)
    config = cli.config_dir / "config.toml"
    config.write_text(
        f'[default]\nbase_url = "http://127.0.0.1:1"\n\n'
        f'[work]\nbase_url = "{stub_url}"\napi_token = "{TOKEN}"\noutput = "yaml"\n'
    )
    config.chmod(0o600)
    env = cli.env(token=False)
    del env["MISAKA_BASE_URL"]
    from_profile = cli("--profile", "work", "misc", "get-location-timezone", "HKG1", env=env)
    assert from_profile.code == 0 and "timezone: Asia/Hong_Kong" in from_profile.out
    env_profile = cli(
        "misc", "get-location-timezone", "HKG1", env={**env, "MISAKA_PROFILE": "work"}
    )
    assert env_profile.code == 0
    unreachable = cli(
        "--base-url", "http://127.0.0.1:1", "--profile", "work", "ports", "list", env=env
    )  # the flag beats the profile
    assert unreachable.code == 5 and "cannot reach" in one_line(unreachable.err)
    env_wins = cli(
        "misc",
        "get-location-timezone",
        "HKG1",
        env={**env, "MISAKA_BASE_URL": stub_url, "MISAKA_API_TOKEN": TOKEN},
    )
    assert env_wins.code == 0  # environment over the [default] profile's unreachable URL
    unknown = cli("--profile", "nope", "ports", "list", env=env)
    assert unknown.code == 2 and "no profile [nope]" in one_line(unknown.err)


@pytest.mark.parametrize(
    ("mode", "token", "refused"),
    [
        (0o644, False, None),
        (0o600, True, None),
        (0o644, True, "holds an API token ([work]) and is readable by group and others"),
        (0o640, True, "readable by group (mode 0o640)"),
        (0o664, False, "writable by group (mode 0o664)"),
        (0o606, False, "writable by others"),
    ],
)
def test_a_config_file_others_may_write_or_read_a_token_from_is_refused(
    cli: Cli, stub_url: str, mode: int, token: bool, refused: str | None
) -> None:
    """Whoever may write the config can point the command (and its credentials) at another
    server; an API token in it is for its owner's eyes only."""
    cli.config_dir.mkdir(parents=True)
    config = cli.config_dir / "config.toml"
    secret = f'api_token = "{TOKEN}"\n' if token else ""
    config.write_text(f'[work]\nbase_url = "{stub_url}"\n{secret}')
    config.chmod(mode)
    env = cli.env(token=not token, MISAKA_PROFILE="work")  # the environment's token may serve
    del env["MISAKA_BASE_URL"]
    done = cli("misc", "get-location-timezone", "HKG1", env=env)
    if refused is None:
        assert done.code == 0, done.err
    else:
        assert done.code == 2 and refused in one_line(done.err)
        assert TOKEN not in done.err


def test_completion_scripts_and_completing(cli: Cli) -> None:
    for shell in ("bash", "zsh", "fish"):
        done = cli("completion", shell)
        assert done.code == 0 and "_MISAKA_COMPLETE" in done.out
    words = cli(_MISAKA_COMPLETE="bash_complete", COMP_WORDS="misaka dns rec", COMP_CWORD="2")
    assert "plain,record" in words.out.splitlines()


# ---- errors and exit codes ---------------------------------------------------------------------


def test_errors_give_one_line_and_the_documented_exit_code(cli: Cli) -> None:
    failing = ("services", "list", "--offset", str(FAILING_OFFSET))
    calls = {
        "unknown zone": (
            ("dns", "record", "add", "www.no-such-zone.org", "A", "192.0.2.1"),
            4,
            "no zone of this account holds www.no-such-zone.org",
        ),
        "bad type": (
            ("dns", "record", "add", "www.example.net", "A!", "192.0.2.1"),
            2,
            "'A!' is not a record type",
        ),
        "outside the zone": (
            ("dns", "record", "list", "www.example.com.", "--zone", "example.net"),
            2,
            "not in the zone",
        ),
        "not found": (("dns", "get-zone-settings", "no-such-zone.org"), 4, "404 Not Found"),
        "server error": (failing, 1, "500 Internal Server Error: Database unavailable"),
        "usage": (("ports", "list", "--no-such-option"), 2, "--no-such-option"),
        "typed argument": (("teams", "list-members", "abc"), 2, "'abc' is not a valid integer"),
        "path traversal": (
            ("dns", "delete-recordset", "example.net", ".", "A"),
            2,
            "name must not be '.'",
        ),
        "unreadable body": (("dns", "create-zone", "--body", "@/no/such/file.json"), 2, "file"),
        "unreachable": (("--base-url", "http://127.0.0.1:1", "ports", "list"), 5, "cannot reach"),
    }
    results = cli.many(*(args for args, _, _ in calls.values()))
    for (what, (_, code, text)), result in zip(calls.items(), results, strict=True):
        assert (result.code, text in one_line(result.err)) == (code, True), (what, result.err)
        assert "Traceback" not in result.err and len(result.err.splitlines()) == 1, what
    assert REQUEST_ID in one_line(results[list(calls).index("server error")].err)
    no_token = cli("ports", "list", token=False)
    assert no_token.code == 3 and "not logged in" in one_line(no_token.err)
    wrong_token = cli("ports", "list", MISAKA_API_TOKEN="not-the-token")
    assert wrong_token.code == 3 and "401" in one_line(wrong_token.err)
    debug = cli("--debug", *failing)
    assert debug.code == 1 and "Traceback" in debug.err and TOKEN not in debug.err


def test_a_config_path_that_is_no_file_is_a_usage_error(cli: Cli) -> None:
    (cli.config_dir / "config.toml").mkdir(parents=True)
    done = cli("ports", "list")
    assert done.code == 2
    assert "config.toml': it is not a regular file" in one_line(done.err)
