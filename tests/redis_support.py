"""A real ``redis-server`` (Debian's package, installed by the Makefile) on a free loopback
port, for the shared lock's tests and its bench step: started, waited for, stopped."""

from __future__ import annotations

import contextlib
import shutil
import socket
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

    @property
    def url(self) -> str:
        auth = f":{self.password}@" if self.password else ""
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


def _answers(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1) as sock:
        sock.sendall(b"PING\r\n")
        return sock.recv(64).startswith((b"+PONG", b"-NOAUTH"))
    return False


@contextlib.contextmanager
def redis_server(directory: Path, password: str | None = None) -> Iterator[RedisServer]:
    """A fresh server in ``directory`` (no persistence); a missing ``redis-server`` is an
    error naming the package, never a skip."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError(
            "redis-server is missing: `make test` installs Debian's package redis-server "
            "(apt-get install redis-server)"
        )
    port = free_port()
    args = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    args += ["--appendonly", "no", "--dir", str(directory), "--loglevel", "warning"]
    if password:
        args += ["--requirepass", password]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    server = RedisServer(port, password, process)
    try:
        deadline = time.monotonic() + START_WITHIN
        while not _answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                err = process.stderr.read().decode() if process.stderr else ""
                raise RuntimeError(f"redis-server did not start on port {port}: {err}")
            time.sleep(0.05)
        yield server
    finally:
        server.stop()
