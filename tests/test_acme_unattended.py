"""Renewals that run unattended: each ACME hook in the environment cron or a timer gives it
(``HOME`` and ``PATH=/usr/bin:/bin``, nothing else), against the stub over HTTP. The acme.sh
hook is sourced by ``sh`` after a minimal shim of the acme.sh functions it calls."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from misaka_io import DnsRecords, Misaka
from misaka_io.models import ZoneCreate
from tests.cli_support import MISAKA, TOKEN, served_stub

ROOT = Path(__file__).resolve().parent.parent
HOOK = ROOT / "contrib" / "acme.sh" / "dns_misaka_io.sh"
CRON_PATH = "/usr/bin:/bin"
TIMEOUT = 60

# The acme.sh functions the hook calls, as acme.sh defines them in spirit: the account config
# holds SAVED_<NAME>='value' lines.
ACME_SH_SHIM = """
_info() { echo "info: $*" >&2; }
_err() { echo "err: $*" >&2; }
_debug() { :; }
_readaccountconf_mutable() {
  [ -f "$ACCOUNT_CONF_PATH" ] && sed -n "s/^SAVED_$1='\\(.*\\)'$/\\1/p" "$ACCOUNT_CONF_PATH"
}
_saveaccountconf_mutable() {
  touch "$ACCOUNT_CONF_PATH"
  grep -v "^SAVED_$1=" "$ACCOUNT_CONF_PATH" > "$ACCOUNT_CONF_PATH.tmp"
  echo "SAVED_$1='$2'" >> "$ACCOUNT_CONF_PATH.tmp"
  mv "$ACCOUNT_CONF_PATH.tmp" "$ACCOUNT_CONF_PATH"
}
"""


@pytest.fixture(scope="module")
def stub_url() -> Iterator[str]:
    yield from served_stub()


@pytest.fixture
def api(stub_url: str) -> Iterator[Misaka]:
    with Misaka(api_token=TOKEN, base_url=stub_url) as client:
        yield client


@pytest.fixture
def zone(api: Misaka, request: pytest.FixtureRequest) -> str:
    name = request.node.name.split("[")[0].replace("_", "-")[:40].strip("-") + ".example.org"
    api.dns.create_zone(body=ZoneCreate(name=name))
    return name


def _txt(api: Misaka, zone: str) -> list[str] | None:
    records = DnsRecords(api)
    found = records.get(records.target(f"_acme-challenge.{zone}", "TXT", zone=zone))
    return None if found is None else [r.value for r in found.records or []]


def _config(home: Path, text: str) -> None:
    """misaka's config.toml where it looks with nothing but HOME set (0600: it holds a token)."""
    path = home / ".config" / "misaka-io" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text(text)
    path.chmod(0o600)


def stripped(home: Path, *, path: str = CRON_PATH, **extra: str) -> dict[str, str]:
    """What cron gives a job: HOME and a short PATH (plus ``extra``)."""
    return {"HOME": str(home), "PATH": path, **extra}


def acme_sh(home: Path, call: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``call`` with the hook sourced by sh, in exactly ``env`` (like ``env -i``)."""
    shim = home / "acme_sh_shim.sh"
    shim.write_text(ACME_SH_SHIM)
    script = f'. "{shim}"; . "{HOOK}"; {call}'
    env = {"ACCOUNT_CONF_PATH": str(home / "account.conf"), **env}
    return subprocess.run(
        ["/bin/sh", "-c", script], env=env, capture_output=True, text=True, timeout=TIMEOUT
    )


def test_acme_sh_first_issue_saves_what_a_cron_renewal_needs(
    api: Misaka, zone: str, stub_url: str, tmp_path: Path
) -> None:
    fqdn = f"_acme-challenge.{zone}"
    issue = stripped(  # the user's shell: misaka on PATH, the dns_misaka hook's variable
        tmp_path, path=f"{MISAKA.parent}:{CRON_PATH}", Misaka_Key=TOKEN, MISAKA_BASE_URL=stub_url
    )
    added = acme_sh(tmp_path, f'dns_misaka_io_add "{fqdn}" "-first"', issue)
    assert added.returncode == 0, added.stderr
    saved = (tmp_path / "account.conf").read_text()
    assert f"SAVED_MISAKA_API_TOKEN='{TOKEN}'" in saved
    assert f"SAVED_MISAKA_CLI='{MISAKA}'" in saved  # the absolute path, not "misaka"
    assert _txt(api, zone) == ["-first"]

    renewal = stripped(tmp_path)  # cron: nothing but HOME and PATH=/usr/bin:/bin
    for call in (f'dns_misaka_io_add "{fqdn}" "renewed"', f'dns_misaka_io_rm "{fqdn}" "-first"'):
        done = acme_sh(tmp_path, call, renewal)
        assert done.returncode == 0, (call, done.stderr)
    assert _txt(api, zone) == ["renewed"]


def test_acme_sh_takes_a_saved_misaka_key_and_keeps_the_profile(
    api: Misaka, zone: str, stub_url: str, tmp_path: Path
) -> None:
    # An acme.sh user of the dns_misaka hook already has the key saved; the base URL comes
    # from a profile of misaka's config.toml.
    (tmp_path / "account.conf").write_text(f"SAVED_Misaka_Key='{TOKEN}'\n")
    _config(tmp_path, f'[acme]\nbase_url = "{stub_url}"\n')
    fqdn = f"_acme-challenge.{zone}"
    issue = stripped(tmp_path, path=f"{MISAKA.parent}:{CRON_PATH}", MISAKA_PROFILE="acme")
    added = acme_sh(tmp_path, f'dns_misaka_io_add "{fqdn}" "tok"', issue)
    assert added.returncode == 0, added.stderr
    assert "SAVED_MISAKA_PROFILE='acme'" in (tmp_path / "account.conf").read_text()
    assert _txt(api, zone) == ["tok"]
    removed = acme_sh(tmp_path, f'dns_misaka_io_rm "{fqdn}" "tok"', stripped(tmp_path))
    assert removed.returncode == 0, removed.stderr
    assert _txt(api, zone) is None


def test_acme_sh_says_where_misaka_is_missing(tmp_path: Path) -> None:
    env = stripped(tmp_path, MISAKA_API_TOKEN=TOKEN)
    done = acme_sh(tmp_path, 'dns_misaka_io_add "_acme-challenge.example.net" "x"', env)
    assert done.returncode == 1
    assert "err: misaka is not on PATH" in done.stderr and "MISAKA_CLI" in done.stderr


def test_certbot_hooks_with_the_token_in_config_toml_and_nothing_in_the_environment(
    api: Misaka, zone: str, stub_url: str, tmp_path: Path
) -> None:
    _config(tmp_path, f'[default]\napi_token = "{TOKEN}"\nbase_url = "{stub_url}"\n')
    for step, value in (("auth", ["tok-1"]), ("cleanup", None)):
        env = stripped(tmp_path, CERTBOT_DOMAIN=f"*.{zone}", CERTBOT_VALIDATION="tok-1")
        done = subprocess.run(
            [str(MISAKA), "acme", step], env=env, capture_output=True, text=True, timeout=TIMEOUT
        )
        assert done.returncode == 0, (step, done.stderr)
        assert _txt(api, zone) == value, step
