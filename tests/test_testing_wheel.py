"""The built wheel in a fresh venv: with ``[testing]`` it runs a host project's tests; with
``[certbot,octodns]`` certbot finds the ``dns-misaka`` plugin and ``octodns-sync`` applies a
zone to the stub through the provider, as the README says.

Slow by nature (a wheel build, a venv, an install of the pinned packages by hash from
requirements.lock, pip's cache making repeats quick): marked ``wheel``; about 30-60 s.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.venvs import (
    ROOT,
    clean_env,
    fresh_venv,
    install,
    install_pinned,
    misaka_requirements,
    needed,
)

# The host project's tests (HOST_TESTS), all of which pass.
HOST_PASSED = "6 passed"
HOST_TESTS = """
import asyncio

import misaka_io
import pytest
from misaka_io import NotFoundError, RateLimitError
from misaka_io.testing import MisakaStub


def test_the_package_is_the_installed_wheel():
    assert "site-packages" in misaka_io.__file__


def test_fixtures_bind_a_client_to_a_fresh_stub(misaka_stub, misaka_client):
    misaka_stub.add_zone("example.org")
    misaka_stub.add_recordset("example.org", "www", "A", ["192.0.2.1"])
    names = [(r.name, r.type_) for r in misaka_client.dns.list_recordsets("example.org")]
    assert ("www", "A") in names
    misaka_stub.fail_next(429, retry_after=3)
    with pytest.raises(RateLimitError):
        misaka_client.dns.list_zones()
    assert [r.status for r in misaka_stub.requests] == [200, 429]


def test_the_async_fixture_needs_no_async_plugin(async_misaka_client):
    async def main():
        with pytest.raises(NotFoundError):
            await async_misaka_client.dns.get_zone_settings("missing.org")

    asyncio.run(main())


def test_a_stub_serves_over_http():
    with MisakaStub() as stub, stub.serve() as url:
        with misaka_io.Misaka(base_url=url, api_token=stub.api_token) as client:
            assert list(client.ports.list_ports())


def my_code_adds_a_record():
    with misaka_io.Misaka() as client:  # from the environment, as the host's code does
        client.request("POST", "/v3/dns/zones/example.org/recordsets/www/A",
                       json={"ttl": 300, "records": [{"value": "192.0.2.1"}]})


@pytest.mark.misaka(zones=["example.org"])
def test_code_with_its_own_client_meets_a_fault_aimed_at_one_operation(misaka_mock):
    misaka_mock.fail("dns.create_recordset", status=503)
    with pytest.raises(misaka_io.InternalServerError):
        my_code_adds_a_record()
    my_code_adds_a_record()
    assert misaka_mock.requests.count("dns.create_recordset") == 2


def test_a_forgotten_fault_fails():
    from misaka_io.testing import UnmetFaultsError, mock

    with pytest.raises(UnmetFaultsError, match="dns.update_recordset"), mock() as stub:
        stub.fail("dns.update_recordset")
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    build = [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(dist)]
    subprocess.run(build, cwd=ROOT, check=True, capture_output=True)
    (built,) = dist.glob("misaka_io-*.whl")
    return built


def _fresh_venv(tmp_path: Path, wheel: Path, extras: list[str], more: list[str]) -> Path:
    """A new venv with the wheel and what it needs with ``extras``, pinned by hash from
    requirements.lock (nothing else of this environment); its ``bin`` folder."""
    bin_dir = fresh_venv(tmp_path / "venv")
    install_pinned(bin_dir, needed([*misaka_requirements(extras), *more]), tmp_path)
    install(bin_dir, "--no-deps", str(wheel))
    return bin_dir


@pytest.mark.wheel
def test_the_wheel_with_its_testing_extra_runs_a_host_projects_tests(
    tmp_path: Path, wheel: Path
) -> None:
    bin_dir = _fresh_venv(tmp_path, wheel, ["testing"], ["pytest"])
    host = tmp_path / "host"
    host.mkdir()
    (host / "test_host.py").write_text(HOST_TESTS)
    ran = subprocess.run(
        [str(bin_dir / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", str(host)],
        cwd=host,
        env=clean_env(),
        capture_output=True,
        text=True,
    )
    assert ran.returncode == 0, ran.stdout[-3000:] + ran.stderr[-2000:]
    assert HOST_PASSED in ran.stdout


OCTODNS_CONFIG = """
providers:
  config:
    class: octodns.provider.yaml.YamlProvider
    directory: ./zones
  misaka:
    class: misaka_io.octodns.MisakaProvider
    api_token: env/MISAKA_API_TOKEN
    base_url: env/MISAKA_BASE_URL
zones:
  example.org.:
    sources: [config]
    targets: [misaka]
"""


@pytest.mark.wheel
def test_the_wheel_with_the_certbot_and_octodns_extras_works_as_the_readme_says(
    tmp_path: Path, wheel: Path
) -> None:
    from misaka_io import Misaka
    from misaka_io.testing import MisakaStub

    bin_dir = _fresh_venv(tmp_path, wheel, ["certbot", "octodns"], [])
    plugins = subprocess.run(
        [str(bin_dir / "certbot"), "plugins", "--config-dir", str(tmp_path / "c"),
         "--work-dir", str(tmp_path / "w"), "--logs-dir", str(tmp_path / "l")],
        env=clean_env(), capture_output=True, text=True,
    )  # fmt: skip
    assert plugins.returncode == 0, plugins.stderr[-2000:]
    assert "dns-misaka" in plugins.stdout and "misaka_io.certbot_dns" in plugins.stdout
    (tmp_path / "zones").mkdir()
    (tmp_path / "config.yaml").write_text(OCTODNS_CONFIG)
    (tmp_path / "zones" / "example.org.yaml").write_text("www:\n  type: A\n  value: 192.0.2.7\n")
    with MisakaStub() as stub, stub.serve() as url:
        env = clean_env(MISAKA_API_TOKEN=stub.api_token, MISAKA_BASE_URL=url)
        sync = [str(bin_dir / "octodns-sync"), "--config-file", "config.yaml", "--doit"]
        done = subprocess.run(sync, cwd=tmp_path, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[-3000:]
        with Misaka(api_token=stub.api_token, base_url=url) as client:
            www = client.dns.get_recordset("example.org", "www", "A")
        assert [r.value for r in www.records] == ["192.0.2.7"]
