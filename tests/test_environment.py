"""The environment, as httpx honours it: proxies (``HTTP_PROXY``, ``HTTPS_PROXY``,
``ALL_PROXY``, ``NO_PROXY``) and certificates (``SSL_CERT_FILE``, ``SSL_CERT_DIR``) for the
library and the CLI, with the deadline kept; ``trust_env=False`` turns it off.

A small threaded forward proxy on loopback counts what goes through it (plain requests in
absolute form, and CONNECT tunnels for https); the stub is served behind it over HTTP, and
over HTTPS with a self-signed certificate made here.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import ipaddress
import math
import select
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from misaka_io import APIConnectionError, APITimeoutError, AsyncMisaka, ConfigurationError, Misaka
from misaka_io.testing.stub import create_app
from misaka_io.testing.stub.server import free_port, serve
from tests import timing
from tests.cli_support import Cli

PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "SSL_CERT_FILE")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only what a test sets: no proxy or certificate of the machine's."""
    for name in (*PROXY_VARIABLES, "SSL_CERT_DIR", "REQUEST_METHOD"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


# ---- the proxy -------------------------------------------------------------------------------


@dataclass
class Proxy:
    """A forward proxy on 127.0.0.1: ``requests`` counts plain requests, ``tunnels`` CONNECTs.
    ``drip``: answer every plain request with a status line, then one byte each 0.2 s."""

    drip: bool = False
    requests: int = 0
    tunnels: int = 0
    url: str = ""
    _stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> Iterator[Proxy]:
        listener = socket.create_server(("127.0.0.1", 0))
        listener.settimeout(0.2)
        self.url = f"http://127.0.0.1:{listener.getsockname()[1]}"

        def accept() -> None:
            while not self._stop.is_set():
                try:
                    conn, _ = listener.accept()
                except OSError:
                    continue
                threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

        thread = threading.Thread(target=accept, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            thread.join(2)
            listener.close()

    def _serve(self, conn: socket.socket) -> None:
        with conn, conn.makefile("rb") as reader:
            while not self._stop.is_set():
                head = _read_head(reader)
                if head is None:
                    return
                method, target, headers = head
                if method == "CONNECT":
                    self.tunnels += 1
                    host, port = target.rsplit(":", 1)
                    with socket.create_connection((host, int(port)), timeout=5) as upstream:
                        conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                        _pump(conn, upstream, self._stop)
                    return
                self.requests += 1
                body = reader.read(int(headers.get("content-length", "0")))
                if self.drip:
                    with contextlib.suppress(OSError):  # the client hung up: its timeout
                        conn.sendall(b"HTTP/1.1 200 OK\r\n")
                        while not self._stop.wait(0.2):
                            conn.sendall(b"X")
                    return
                conn.sendall(_forward(method, target, headers, body))


def _read_head(reader: Any) -> tuple[str, str, dict[str, str]] | None:
    line = reader.readline()
    if not line.strip():
        return None
    method, target, _ = line.decode("latin-1").split(" ", 2)
    headers: dict[str, str] = {}
    while (line := reader.readline()) not in (b"\r\n", b"\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    return method, target, headers


def _forward(method: str, target: str, headers: dict[str, str], body: bytes) -> bytes:
    """Send the request on with httpx (no proxy of its own) and give back the answer."""
    skip = {"proxy-connection", "connection", "host", "content-length"}
    with httpx.Client(trust_env=False) as upstream:
        answer = upstream.request(
            method,
            target,
            headers={k: v for k, v in headers.items() if k not in skip},
            content=body,
        )
    lines = [f"HTTP/1.1 {answer.status_code} {answer.reason_phrase}"]
    lines += [
        f"{k}: {v}"
        for k, v in answer.headers.items()
        if k not in {"content-length", "content-encoding", "transfer-encoding", "connection"}
    ]
    lines.append(f"content-length: {len(answer.content)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + answer.content


def _pump(a: socket.socket, b: socket.socket, stop: threading.Event) -> None:
    """Bytes both ways until either side closes."""
    while not stop.is_set():
        ready, _, _ = select.select([a, b], [], [], 0.2)
        for sock in ready:
            data = sock.recv(65536)
            if not data:
                return
            (b if sock is a else a).sendall(data)


@pytest.fixture
def proxy() -> Iterator[Proxy]:
    yield from Proxy().run()


@pytest.fixture
def dripping_proxy() -> Iterator[Proxy]:
    yield from Proxy(drip=True).run()


@pytest.fixture(scope="module")
def stub() -> Iterator[tuple[str, str]]:
    app = create_app()
    with serve(app) as url:
        yield url, app.config.api_token


# ---- proxies ---------------------------------------------------------------------------------


@pytest.mark.parametrize("variable", ["HTTP_PROXY", "http_proxy", "ALL_PROXY"])
def test_a_client_goes_through_the_proxy_the_environment_names(
    variable: str, proxy: Proxy, stub: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(variable, proxy.url)
    url, token = stub
    with Misaka(api_token=token, base_url=url) as client:
        assert client.ports.list_ports().results
        client.ports.list_ports()
    assert proxy.requests == 2


def test_an_async_client_goes_through_the_proxy_the_environment_names(
    proxy: Proxy, stub: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    url, token = stub

    async def run() -> int:
        async with AsyncMisaka(api_token=token, base_url=url) as client:
            listings = await asyncio.gather(*(client.ports.list_ports() for _ in range(3)))
        return sum(len(page.results) for page in listings)

    assert asyncio.run(run()) > 0
    assert proxy.requests == 3


def test_the_cli_goes_through_the_proxy_the_environment_names(
    proxy: Proxy, stub: tuple[str, str], tmp_path: Path
) -> None:
    url, _ = stub
    cli = Cli(url, tmp_path)
    ports = cli.ok("ports", "list", env=cli.env(HTTP_PROXY=proxy.url, NO_PROXY=""))
    assert ports and proxy.requests == 1


@pytest.mark.parametrize("no_proxy", ["127.0.0.1", "*", "localhost,127.0.0.1:1,127.0.0.1"])
def test_no_proxy_names_the_hosts_reached_directly(
    no_proxy: str, proxy: Proxy, stub: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("NO_PROXY", no_proxy)
    url, token = stub
    with Misaka(api_token=token, base_url=url) as client:
        assert client.ports.list_ports().results
    assert proxy.requests == 0


def test_trust_env_false_leaves_the_proxy_out(
    proxy: Proxy, stub: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    url, token = stub
    with Misaka(api_token=token, base_url=url, trust_env=False) as client:
        assert client.ports.list_ports().results

    async def run() -> None:
        async with AsyncMisaka(api_token=token, base_url=url, trust_env=False) as client:
            await client.ports.list_ports()

    asyncio.run(run())
    assert proxy.requests == 0


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("HTTPS_PROXY", "foo://someone:s3cret@proxy.invalid:1"),
        ("HTTPS_PROXY", "http://someone:s3cret@proxy.invalid:80x"),
        ("HTTPS_PROXY", "http://someone:s3cret@[::1"),
        ("SSL_CERT_FILE", "/nowhere/ca.pem"),
    ],
)
def test_an_environment_that_cannot_be_used_is_a_configuration_error_before_anything_is_sent(
    variable: str, value: str, stub: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The connections open at the first call (not when the client is made): the environment
    is read then, and what cannot be used is a typed error naming it, with no password."""
    url, token = stub
    monkeypatch.setenv(variable, value)
    client = Misaka(api_token=token, base_url=url)  # made: nothing is read yet
    with pytest.raises(ConfigurationError, match="trust_env") as raised:
        client.ports.list_ports()
    assert "s3cret" not in str(raised.value)

    async def run() -> None:
        async with AsyncMisaka(api_token=token, base_url=url) as client:
            await client.ports.list_ports()

    with pytest.raises(ConfigurationError, match="trust_env"):
        asyncio.run(run())
    with Misaka(api_token=token, base_url=url, trust_env=False) as client:
        assert client.ports.list_ports().results


def test_the_deadline_bounds_a_call_through_a_dripping_proxy(
    dripping_proxy: Proxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The proxy's transport keeps the deadline: a proxy that answers one byte at a time
    cannot stretch a call past its timeout."""
    monkeypatch.setenv("HTTP_PROXY", dripping_proxy.url)
    where: dict[str, Any] = {"base_url": "http://api.example.test", "allow_insecure_http": True}
    client = Misaka(api_token="t0ken-for-tests", **where, timeout=1, max_retries=0)
    with timing.timed() as took, pytest.raises(APITimeoutError):
        client.ports.get_port("p1")
    timing.check(took[0], 1, broken=math.inf)  # the proxy drips until the test ends
    assert dripping_proxy.requests == 1

    async def run() -> float:
        async with AsyncMisaka(api_token="t0ken-for-tests", **where, timeout=1, max_retries=0) as c:
            with timing.timed() as took, pytest.raises(APITimeoutError):
                await c.ports.get_port("p1")
            return took[0]

    timing.check(asyncio.run(run()), 1, broken=math.inf)


# ---- certificates ----------------------------------------------------------------------------


@dataclass
class Tls:
    url: str
    token: str
    cert: Path


def _self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "misaka-io test")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tls]:
    """The stub over HTTPS with a certificate that nothing trusts but what a test says."""
    cert, key = _self_signed(tmp_path_factory.mktemp("tls"))
    app = create_app()
    port = free_port()
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="error",
        lifespan="off",
        ssl_certfile=str(cert),
        ssl_keyfile=str(key),
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the TLS stub did not start"
        time.sleep(0.01)
    yield Tls(f"https://127.0.0.1:{port}", app.config.api_token, cert)
    server.should_exit = True
    thread.join(10)


def test_a_certificate_nothing_trusts_is_refused(tls: Tls) -> None:
    with (
        Misaka(api_token=tls.token, base_url=tls.url, max_retries=0) as client,
        pytest.raises(APIConnectionError, match="CERTIFICATE_VERIFY_FAILED"),
    ):
        client.ports.list_ports()


def test_ssl_cert_file_names_the_certificates_trusted(
    tls: Tls, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(tls.cert))
    with Misaka(api_token=tls.token, base_url=tls.url) as client:
        assert client.ports.list_ports().results

    async def run() -> None:
        async with AsyncMisaka(api_token=tls.token, base_url=tls.url) as client:
            assert (await client.ports.list_ports()).results

    asyncio.run(run())
    with (
        Misaka(api_token=tls.token, base_url=tls.url, max_retries=0, trust_env=False) as client,
        pytest.raises(APIConnectionError, match="CERTIFICATE_VERIFY_FAILED"),
    ):
        client.ports.list_ports()


@pytest.mark.skipif(not shutil.which("openssl"), reason="openssl names the hashed links")
def test_ssl_cert_dir_names_a_folder_of_trusted_certificates(
    tls: Tls, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    subject_hash = subprocess.run(
        ["openssl", "x509", "-hash", "-noout", "-in", str(tls.cert)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    shutil.copy(tls.cert, tmp_path / f"{subject_hash}.0")
    monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path))
    with Misaka(api_token=tls.token, base_url=tls.url) as client:
        assert client.ports.list_ports().results


def test_https_goes_through_the_proxy_in_a_tunnel(
    tls: Tls, proxy: Proxy, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """HTTPS_PROXY: a CONNECT tunnel, TLS with the server inside it; the CLI too."""
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    monkeypatch.setenv("SSL_CERT_FILE", str(tls.cert))
    with Misaka(api_token=tls.token, base_url=tls.url) as client:
        assert client.ports.list_ports().results
    assert proxy.tunnels == 1
    cli = Cli(tls.url, tmp_path)
    env = cli.env(token=False, MISAKA_API_TOKEN=tls.token)
    assert cli.ok("ports", "list", env=env)
    assert proxy.tunnels == 2
