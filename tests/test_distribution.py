"""The release: the built distributions hold what they should, the release workflow publishes
them by trusted publishing only, and a user installs ``misaka-io[testing,certbot,octodns]``
by name from a package index (pypiserver, here on loopback) into a fresh venv, where
``misaka``, the pytest plugin and the certbot plugin work."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from misaka_io.testing.stub.server import free_port
from scripts import check_dist
from tests.test_testing_wheel import HOST_PASSED, HOST_TESTS
from tests.venvs import ROOT, clean_env, fresh_venv, install_pinned, misaka_requirements, needed

BIN = Path(sys.executable).parent
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
INDEX_START = 30.0  # seconds the local index may take to answer


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel, built as the release workflow builds them."""
    out = tmp_path_factory.mktemp("dist")
    build = [sys.executable, "-m", "hatchling", "build", "-d", str(out)]
    subprocess.run(build, cwd=ROOT, check=True, capture_output=True)
    return out


def test_the_distributions_pass_twine_check_and_hold_what_the_checkout_says(dist: Path) -> None:
    found, files = check_dist.problems(dist)
    assert found == [] and len(files) == 2
    twine = subprocess.run(
        [str(BIN / "twine"), "check", "--strict", *map(str, files)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert twine.returncode == 0 and twine.stdout.count("PASSED") == 2, twine.stdout


def test_check_dist_names_a_wheel_without_the_spec_and_a_tag_of_another_version(
    dist: Path, tmp_path: Path
) -> None:
    for built in dist.iterdir():
        if built.suffix == ".whl":
            with zipfile.ZipFile(built) as old, zipfile.ZipFile(tmp_path / built.name, "w") as new:
                for item in old.infolist():
                    if item.filename != check_dist.SPEC_IN_WHEEL:
                        new.writestr(item, old.read(item))
        else:
            shutil.copy(built, tmp_path)
    found, _ = check_dist.problems(tmp_path, "9.9.9")
    assert any("the tag says 9.9.9" in p for p in found)
    found, _ = check_dist.problems(tmp_path)
    assert found == [f"{next(tmp_path.glob('*.whl')).name}: misaka_io/misaka-v3.yaml is missing"]
    assert check_dist.main([str(tmp_path)]) == 1


def _steps(job: dict[str, object]) -> str:
    return yaml.safe_dump(job["steps"])


def test_the_release_workflow_checks_tests_and_publishes_by_trusted_publishing_only() -> None:
    text = WORKFLOW.read_text()
    flow = yaml.safe_load(text)
    assert flow[True] == {"push": {"tags": ["v*"]}}  # `on:` reads as True in YAML 1.1
    assert flow["permissions"] == {}
    build, tests, publish = (flow["jobs"][j] for j in ("build", "test-sdist", "publish"))
    for step in ("hatchling build", "twine check --strict", "scripts/check_dist.py dist"):
        assert step in _steps(build), step
    assert "tar -xzf dist/misaka_io-" in _steps(tests) and "pytest" in _steps(tests)
    assert publish["needs"] == ["build", "test-sdist"] and publish["environment"] == "pypi"
    assert publish["permissions"] == {"id-token": "write"}
    (uses,) = [s["uses"] for s in publish["steps"] if "pypi-publish" in s.get("uses", "")]
    assert re.fullmatch(r"pypa/gh-action-pypi-publish@[0-9a-f]{40}", uses)
    assert "secrets." not in text and "password" not in text and "api-token" not in text


# ---- installed by name from a package index ---------------------------------------------


@pytest.fixture
def index(tmp_path: Path) -> Iterator[str]:
    """A pypiserver on loopback serving only what is uploaded to it (no fallback to another
    index; uploads need no password); its URL. Stopped when the test ends."""
    port = free_port()
    packages = tmp_path / "index"
    packages.mkdir()
    server = subprocess.Popen(
        [str(BIN / "pypi-server"), "run", "-i", "127.0.0.1", "-p", str(port), "-a", ".",
         "-P", ".", "--disable-fallback", "--log-stream", "none", str(packages)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + INDEX_START
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, "no index started"
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.wheel
def test_the_distributions_install_by_name_from_an_index_with_every_extra(
    dist: Path, index: str, tmp_path: Path
) -> None:
    upload = subprocess.run(
        [str(BIN / "twine"), "upload", "--non-interactive", "--disable-progress-bar",
         "--repository-url", f"{index}/", "-u", "any", "-p", "any", *map(str, dist.iterdir())],
        capture_output=True, text=True, check=False, env=clean_env(),
    )  # fmt: skip
    assert upload.returncode == 0, upload.stdout + upload.stderr
    listed = httpx.get(f"{index}/simple/misaka-io/").text
    assert ".whl" in listed and ".tar.gz" in listed
    # What the extras need comes from the usual index, pinned by hash (pip's cache makes it
    # quick); misaka-io itself only by name, from the local index and nowhere else.
    bin_dir = fresh_venv(tmp_path / "venv")
    extras = ["testing", "certbot", "octodns"]
    install_pinned(bin_dir, needed([*misaka_requirements(extras), "pytest"]), tmp_path)
    by_name = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(bin_dir / "python"), "install",
         "--disable-pip-version-check", "--no-input", "--index-url", f"{index}/simple/",
         "--no-cache-dir", f"misaka-io[{','.join(extras)}]"],
        capture_output=True, text=True, check=False, timeout=300, env=clean_env(),
    )  # fmt: skip
    assert by_name.returncode == 0, by_name.stdout[-2000:] + by_name.stderr[-2000:]
    said = by_name.stdout
    assert said.startswith(f"Looking in indexes: {index}/simple/"), said[:500]
    assert "Downloading misaka_io-" in said and "Successfully installed misaka-io-" in said
    _works(bin_dir, tmp_path)


def _works(bin_dir: Path, tmp_path: Path) -> None:
    """``misaka --help``, the pytest plugin in a host project's tests, ``certbot plugins``."""
    helped = subprocess.run(
        [str(bin_dir / "misaka"), "--help"], capture_output=True, text=True, env=clean_env()
    )
    assert helped.returncode == 0 and "whoami" in helped.stdout, helped.stderr[-2000:]
    host = tmp_path / "host"
    host.mkdir()
    (host / "test_host.py").write_text(HOST_TESTS)
    ran = subprocess.run(
        [str(bin_dir / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", str(host)],
        cwd=host, env=clean_env(), capture_output=True, text=True,
    )  # fmt: skip
    assert ran.returncode == 0 and HOST_PASSED in ran.stdout, ran.stdout[-3000:]
    plugins = subprocess.run(
        [str(bin_dir / "certbot"), "plugins", "--config-dir", str(tmp_path / "c"),
         "--work-dir", str(tmp_path / "w"), "--logs-dir", str(tmp_path / "l")],
        env=clean_env(), capture_output=True, text=True,
    )  # fmt: skip
    assert plugins.returncode == 0 and "dns-misaka" in plugins.stdout, plugins.stderr[-2000:]
