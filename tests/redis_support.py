"""A real ``redis-server`` (Debian's package, installed by the Makefile) on a free loopback
port, for the shared lock's tests and its bench step: started, waited for, stopped."""

from __future__ import annotations

import contextlib
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

START_WITHIN = 20.0  # seconds for the server to answer a PING


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class RedisServer:
    port: int
    password: str | None
    process: subprocess.Popen[bytes]
    ca: Path | None = None  # the certificate to trust, when it speaks TLS only

    @property
    def url(self) -> str:
        auth = f":{self.password}@" if self.password else ""
        if self.ca is not None:
            return f"rediss://{auth}127.0.0.1:{self.port}/0?ssl_ca_certs={self.ca}"
        return f"redis://{auth}127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        if self.process.stderr is not None:
            self.process.stderr.close()


def _answers(port: int, tls: bool) -> bool:
    with contextlib.ExitStack() as stack:
        try:
            sock = stack.enter_context(socket.create_connection(("127.0.0.1", port), 1))
            if tls:
                context = ssl.create_default_context()
                context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
                sock = stack.enter_context(context.wrap_socket(sock))
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith((b"+PONG", b"-NOAUTH"))
        except OSError:
            return False
    return False


@contextlib.contextmanager
def redis_server(
    directory: Path, password: str | None = None, tls: tuple[Path, Path] | None = None
) -> Iterator[RedisServer]:
    """A fresh server in ``directory`` (no persistence), over TLS only with ``tls``
    (certificate, key); a missing ``redis-server`` is an error naming the package, never a
    skip."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError(
            "redis-server is missing: `make test` installs Debian's package redis-server "
            "(apt-get install redis-server)"
        )
    port = free_port()
    args = [binary, "--bind", "127.0.0.1", "--save", ""]
    if tls is None:
        args += ["--port", str(port)]
    else:
        cert, key = tls
        args += ["--port", "0", "--tls-port", str(port), "--tls-auth-clients", "no"]
        args += ["--tls-cert-file", str(cert), "--tls-key-file", str(key)]
        args += ["--tls-ca-cert-file", str(cert)]
    args += ["--appendonly", "no", "--dir", str(directory), "--loglevel", "warning"]
    if password:
        args += ["--requirepass", password]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    server = RedisServer(port, password, process, tls[0] if tls else None)
    try:
        deadline = time.monotonic() + START_WITHIN
        while not _answers(port, tls is not None):
            if process.poll() is not None or time.monotonic() > deadline:
                err = process.stderr.read().decode() if process.stderr else ""
                raise RuntimeError(f"redis-server did not start on port {port}: {err}")
            time.sleep(0.05)
        yield server
    finally:
        server.stop()
