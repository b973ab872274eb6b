"""certbot gets a certificate for a domain and its wildcard from pebble, with the dns-01
challenges answered in the stub: through the ``dns-misaka`` plugin and through the
``misaka acme`` manual hooks. The zone is left as it was."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509

from e2e.dns_responder import serve_dns
from e2e.pebble import Pebble, free_port, run_pebble
from misaka_io import ConflictError, Misaka
from misaka_io_generated.models import ZoneCreate
from tests.cli_support import TOKEN, served_stub

BIN = Path(sys.executable).parent
ZONE = "example.net"
NAMES = (ZONE, f"*.{ZONE}")


@pytest.fixture
def stub_url() -> Iterator[str]:
    yield from served_stub()


@pytest.fixture
def client(stub_url: str) -> Iterator[Misaka]:
    with Misaka(api_token=TOKEN, base_url=stub_url) as client:
        with contextlib.suppress(ConflictError):  # the stub may hold it already
            client.dns.create_zone(body=ZoneCreate(name=ZONE))
        yield client


@pytest.fixture
def pebble(tmp_path: Path, client: Misaka) -> Iterator[Pebble]:
    port = free_port(socket.SOCK_DGRAM)
    with serve_dns(client, port), run_pebble(tmp_path, port) as server:
        yield server


def _zone(client: Misaka) -> list[tuple[str, str, tuple[str, ...]]]:
    """The zone's recordsets, but for the SOA, whose serial counts every change."""
    page = client.dns.list_recordsets(ZONE)
    return sorted(
        (r.name, r.type_, tuple(v.value for v in r.records)) for r in page if r.type_ != "SOA"
    )


def _certbot(tmp_path: Path, pebble: Pebble, env: dict[str, str], *args: str) -> Path:
    dirs = {name: tmp_path / name for name in ("config", "work", "logs")}
    done = subprocess.run(
        [
            str(BIN / "certbot"),
            "certonly",
            "--non-interactive",
            "--agree-tos",
            "--register-unsafely-without-email",
            "--server",
            pebble.directory,
            "--config-dir",
            str(dirs["config"]),
            "--work-dir",
            str(dirs["work"]),
            "--logs-dir",
            str(dirs["logs"]),
            "--cert-name",
            ZONE,
            *args,
            *(flag for name in NAMES for flag in ("-d", name)),
        ],
        env=dict(env, REQUESTS_CA_BUNDLE=str(pebble.ca_bundle)),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return dirs["config"] / "live" / ZONE / "cert.pem"


def _names_of(cert_file: Path) -> set[str]:
    cert = x509.load_pem_x509_certificate(cert_file.read_bytes())
    alt = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    return set(alt.value.get_values_for_type(x509.DNSName))


def _base_env(stub_url: str, tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MISAKA_", "CERTBOT_"))}
    return dict(env, MISAKA_BASE_URL=stub_url, MISAKA_CONFIG_DIR=str(tmp_path / "misaka"))


def test_certbot_plugin_gets_a_wildcard_certificate(
    tmp_path: Path, stub_url: str, client: Misaka, pebble: Pebble
) -> None:
    before = _zone(client)
    ini = tmp_path / "misaka.ini"
    ini.write_text(f"dns_misaka_api_token = {TOKEN}\ndns_misaka_base_url = {stub_url}\n")
    ini.chmod(0o600)
    cert = _certbot(
        tmp_path,
        pebble,
        _base_env(stub_url, tmp_path),
        "--authenticator",
        "dns-misaka",
        "--dns-misaka-credentials",
        str(ini),
        "--dns-misaka-propagation-seconds",
        "0",
    )
    assert _names_of(cert) == set(NAMES)
    assert _zone(client) == before


def test_misaka_acme_manual_hooks_get_a_wildcard_certificate(
    tmp_path: Path, stub_url: str, client: Misaka, pebble: Pebble
) -> None:
    before = _zone(client)
    misaka = BIN / "misaka"
    cert = _certbot(
        tmp_path,
        pebble,
        dict(_base_env(stub_url, tmp_path), MISAKA_API_TOKEN=TOKEN),
        "--manual",
        "--preferred-challenges",
        "dns",
        "--manual-auth-hook",
        f"{misaka} acme auth",
        "--manual-cleanup-hook",
        f"{misaka} acme cleanup",
    )
    assert _names_of(cert) == set(NAMES)
    assert _zone(client) == before
