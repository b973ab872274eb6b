"""Hostile servers cannot stretch a call past its time (finding 6 of issue 11).

Servers that drip bytes, never answer or read slowly run on loopback; each test times a call
against the timeout it set, with the margins of ``tests.timing``.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpcore
import httpx
import pytest

from misaka_io import APITimeoutError, AsyncMisaka, HTTPTransport, InternalServerError, Misaka
from misaka_io._deadline import Deadline
from misaka_io._transport import DeadlineBackend
from tests import timing
from tests.hostile_support import TOKEN, Recorder, make

BODY = b'{"id": "p1", "name": "' + b"x" * 200 + b'"}'
HEAD = (
    f"HTTP/1.1 200 OK\r\nX-Pad: {'x' * 200}\r\nContent-Type: application/json\r\n"
    f"Content-Length: {len(BODY)}\r\n\r\n"
).encode()
# What each server sends at once, then one byte every 0.2 s: the shortest drip lasts 43 s.
DRIPS = {
    "body": (HEAD, BODY),
    "headers": (HEAD[:17], HEAD[17:] + BODY),
    # A TLS record header announcing 16 KiB of handshake, then its bytes one by one.
    "tls-handshake": (b"\x16\x03\x03\x40\x00", bytes(16384)),
}
DRIP_SECONDS = 0.2 * min(len(dripped) for _, dripped in DRIPS.values())


@pytest.fixture(params=list(DRIPS))
def dripping_server(request: pytest.FixtureRequest) -> Iterator[str]:
    """A loopback server that sends the start of its answer, then the rest one byte every
    0.2 s: in the body, in the status line and headers, or in the TLS handshake."""
    at_once, dripped = DRIPS[request.param]
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    stop = threading.Event()

    def serve(conn: socket.socket) -> None:
        with conn:
            conn.recv(65536)
            conn.sendall(at_once)
            for byte in dripped:
                if stop.wait(0.2):
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    scheme = "https" if request.param.startswith("tls") else "http"
    yield f"{scheme}://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join(2)
    listener.close()


@pytest.mark.parametrize("credentials", ["api_token", "session"])
def test_a_dripping_server_cannot_stretch_the_timeout(
    dripping_server: str, credentials: str
) -> None:
    """6: ``timeout`` bounds an attempt from connect to the last byte, whatever the server
    drips (the status line and headers too, and a login's answer made for the call)."""
    auth: dict[str, Any] = (
        {"api_token": TOKEN}
        if credentials == "api_token"
        else {"email": "noc@example.test", "password": "pw"}
    )
    client = Misaka(**auth, base_url=dripping_server, timeout=1, max_retries=0)
    with timing.timed() as took, pytest.raises(APITimeoutError):
        client.ports.get_port("p1")
    timing.check(took[0], 1, broken=DRIP_SECONDS)


@pytest.mark.parametrize("credentials", ["api_token", "session"])
def test_a_dripping_server_cannot_stretch_the_async_timeout(
    dripping_server: str, credentials: str
) -> None:
    auth: dict[str, Any] = (
        {"api_token": TOKEN}
        if credentials == "api_token"
        else {"email": "noc@example.test", "password": "pw"}
    )

    async def run() -> float:
        async with AsyncMisaka(
            **auth, base_url=dripping_server, timeout=1, max_retries=0
        ) as client:
            with timing.timed() as took, pytest.raises(APITimeoutError):
                await client.ports.get_port("p1")
            return took[0]

    timing.check(asyncio.run(run()), 1, broken=DRIP_SECONDS)


@pytest.mark.parametrize("dripping_server", ["headers"], indirect=True)
@pytest.mark.parametrize("via", ["direct", "proxy"])
def test_a_transport_of_ones_own_keeps_the_bound(dripping_server: str, via: str) -> None:
    """6: ``misaka_io.HTTPTransport`` takes httpx's arguments and keeps the deadline, also
    through a proxy (here the dripping server is the proxy)."""
    if via == "proxy":
        transport = HTTPTransport(proxy=dripping_server)
        where: dict[str, Any] = {"base_url": "http://api.example.test", "allow_insecure_http": True}
    else:
        transport = HTTPTransport(limits=httpx.Limits(max_connections=2))
        where = {"base_url": dripping_server}
    client = Misaka(api_token=TOKEN, **where, transport=transport, timeout=1, max_retries=0)
    with timing.timed() as took, pytest.raises(APITimeoutError):
        client.ports.get_port("p1")
    timing.check(took[0], 1, broken=DRIP_SECONDS)


def test_other_transports_are_given_each_step_cut_to_the_deadline() -> None:
    """6: any transport reads the timeouts as plain seconds, none past what is left."""
    recorder = Recorder(httpx.Response(200, json={"id": "p1", "name": "p"}))
    make(recorder, timeout=httpx.Timeout(30, connect=10), total_timeout=20).ports.get_port("p1")
    steps = recorder.requests[0].extensions["timeout"]
    assert set(steps) == {"connect", "read", "write", "pool"}
    assert all(isinstance(v, float) for v in steps.values()), steps
    assert steps["connect"] == 10, "a step shorter than what is left keeps its own"
    # 30 s steps cut to what is left of the 20 s: less than 10 s can have passed since the call
    assert all(10 < steps[name] <= 20 for name in ("read", "write", "pool")), steps
    make(recorder, timeout=1, total_timeout=None).ports.get_port("p1")
    assert all(v <= 1 for v in recorder.requests[1].extensions["timeout"].values())


def test_an_attempt_out_of_time_does_not_dial(monkeypatch: pytest.MonkeyPatch) -> None:
    """6: each address of a name is dialled with what is left, and none once time is up."""

    class Dialer(httpcore.NetworkBackend):
        def __init__(self) -> None:
            self.dialed: list[tuple[str, int, float | None]] = []

        def connect_tcp(
            self, host: str, port: int, timeout: float | None = None, *args: Any, **kwargs: Any
        ) -> Any:
            self.dialed.append((host, port, timeout))
            if len(self.dialed) < 3:
                raise httpcore.ConnectError("refused")
            return object()

    three = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (f"192.0.2.{i}", 443)) for i in (1, 2, 3)]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: three)
    dialer = Dialer()
    backend = DeadlineBackend(dialer)
    with pytest.raises(httpcore.ConnectTimeout):
        backend.connect_tcp("api.example.test", 443, timeout=Deadline(10, time.monotonic() - 1))
    assert dialer.dialed == []
    backend.connect_tcp("api.example.test", 443, timeout=Deadline(10, time.monotonic() + 5))
    assert [host for host, _, _ in dialer.dialed] == ["192.0.2.1", "192.0.2.2", "192.0.2.3"]
    assert all(t is not None and t <= 5 for _, _, t in dialer.dialed)


@pytest.fixture
def unanswered_address() -> Iterator[tuple[str, int]]:
    """A loopback port whose accept queue is full: a connect to it waits for its timeout."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    queued = []
    for _ in range(4):
        waiting = socket.socket()
        waiting.setblocking(False)
        with contextlib.suppress(BlockingIOError):
            waiting.connect(("127.0.0.1", port))
        queued.append(waiting)
    time.sleep(0.2)
    yield "127.0.0.1", port
    for waiting in queued:
        waiting.close()
    listener.close()


def test_a_name_with_many_silent_addresses_cannot_stretch_the_timeout(
    unanswered_address: tuple[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """6: fifteen addresses that never answer take the timeout once, not fifteen times."""
    real = socket.getaddrinfo
    silent = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", unanswered_address)] * 15

    def lookup(host: str, *args: Any, **kwargs: Any) -> Any:
        return silent if host == "api.example.test" else real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    client = Misaka(
        api_token=TOKEN,
        base_url="http://api.example.test",
        allow_insecure_http=True,
        timeout=1,
        max_retries=0,
    )
    with timing.timed() as took, pytest.raises(APITimeoutError):
        client.ports.get_port("p1")
    timing.check(took[0], 1, broken=15 * 1)


def test_a_server_reading_slowly_cannot_stretch_the_timeout() -> None:
    """6: a large body written to a server that reads 100 KB every 0.2 s stops at the
    deadline (it would take 40 s)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)

    def read_slowly() -> None:
        conn, _ = listener.accept()
        with conn:
            while conn.recv(100_000):
                time.sleep(0.2)

    threading.Thread(target=read_slowly, daemon=True).start()
    base = f"http://127.0.0.1:{listener.getsockname()[1]}"
    client = Misaka(api_token=TOKEN, base_url=base, timeout=1, max_retries=0)
    with timing.timed() as took, pytest.raises(APITimeoutError):
        client.request("POST", "/v3/blob", json={"blob": "x" * 20_000_000})
    timing.check(took[0], 1, broken=20_000_000 / 500_000)
    listener.close()


@pytest.mark.parametrize("dripping_server", ["headers"], indirect=True)
def test_total_timeout_bounds_retries_and_their_waits(
    dripping_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """6: a call with its retries ends by ``total_timeout``: at least one attempt runs into
    its 1 s timeout first. Without the bound: eleven such attempts and ten backoff waits."""
    client = Misaka(
        api_token=TOKEN, base_url=dripping_server, timeout=1, max_retries=10, total_timeout=2.5
    )
    with timing.timed() as took, pytest.raises(APITimeoutError):
        client.ports.get_port("p1")
    unbounded = 11 * 1 + 0.75 * (0.5 + 1 + 2 + 4 + 8 * 6)
    timing.check(took[0], 2.5, broken=unbounded, at_least=1)


def test_retry_after_is_capped_and_the_deadline_wins() -> None:
    waits: list[float] = []
    busy = httpx.Response(503, headers={"Retry-After": "86400"}, json={"detail": "busy"})
    client = make(Recorder(busy), max_retries=3, total_timeout=1000, sleep=waits.append)
    with pytest.raises(InternalServerError):
        client.ports.get_port("p1")
    assert waits == [60.0, 60.0, 60.0]
    waits.clear()
    client = make(Recorder(busy), max_retries=3, total_timeout=30, sleep=waits.append)
    with pytest.raises(InternalServerError):
        client.ports.get_port("p1")
    assert waits == [], "a wait past the deadline is not started"
