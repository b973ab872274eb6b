"""Hostile servers and hostile input: the pipeline keeps its promises (issue 11).

Each test names the numbered finding it covers. Servers that misbehave on the wire (dripping
bytes) run on loopback; the rest are httpx transports.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import itertools
import re
import socket
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

import httpcore
import httpx
import pytest

from misaka_io import (
    APIConnectionError,
    APITimeoutError,
    AsyncMisaka,
    HTTPTransport,
    InternalServerError,
    Misaka,
    ResponseTooLarge,
    ResponseValidationError,
)
from misaka_io._deadline import Deadline
from misaka_io._transport import DeadlineBackend
from misaka_io.models import LoginResponse, Port, UserToken, ZoneSettings
from misaka_io.spec import operations
from tests.examples import Chunked, arguments

BASE = "https://api.example.test"
TOKEN = "t0ken-for-tests"
HOSTILE = ["..", ".", "", "../..", "a/b", "a?b=c", "a#b", "%2e%2e", "..%2f", "a\\b", " ", "é/.."]


def make(transport: httpx.BaseTransport, **kwargs: Any) -> Misaka:
    kwargs.setdefault("max_retries", 0)
    return Misaka(api_token=TOKEN, base_url=BASE, transport=transport, **kwargs)


class Recorder(httpx.BaseTransport):
    def __init__(self, *answers: httpx.Response | Exception) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer


# ---- 1. path traversal -----------------------------------------------------------------------


def _template(path: str) -> re.Pattern[str]:
    """The operation's path with each parameter as exactly one non-empty segment."""
    parts = re.split(r"\{[^}]+\}", path)
    return re.compile("^" + "[^/?#]+".join(re.escape(p) for p in parts) + "$")


def _call_with(op: Any, client: Misaka, hostile: str, target: str) -> None:
    group = getattr(client, op.data["tags"][0].replace("-", "_"))
    method = getattr(group, op.operation_id)
    args, kwargs = arguments(op, method, "ok")
    names = [p["name"] for p in op.parameters() if p["in"] == "path"]
    args = [hostile if name == target else arg for name, arg in zip(names, args, strict=True)]
    method(*args, **kwargs)


@pytest.mark.parametrize(
    "op",
    [op for op in operations() if "{" in op.path],
    ids=lambda op: op.operation_id,
)
def test_path_parameters_stay_one_segment(op: Any) -> None:
    """1: every path parameter of every operation, with hostile values."""
    recorder = Recorder(httpx.Response(200, json={}))
    client = make(recorder)
    pattern = _template(op.path)
    strings = [p["name"] for p in op.parameters() if p["in"] == "path"]
    strings = [n for n in strings if op.parameters()[0] and _is_string(op, n)]
    for target in strings:
        for hostile in HOSTILE:
            before = len(recorder.requests)
            if hostile in ("", ".", ".."):
                with pytest.raises(ValueError, match=target.rstrip("_")):
                    _call_with(op, client, hostile, target)
                assert len(recorder.requests) == before, "nothing was sent"
                continue
            with contextlib.suppress(ResponseValidationError):  # the answer is {}: no matter
                _call_with(op, client, hostile, target)
            sent = recorder.requests[-1]
            assert pattern.match(sent.url.raw_path.split(b"?")[0].decode()), (hostile, sent.url)


def _is_string(op: Any, name: str) -> bool:
    (param,) = [p for p in op.parameters() if p["name"] == name and p["in"] == "path"]
    return param.get("schema", {}).get("type", "string") == "string"


def test_an_integer_path_parameter_takes_no_text() -> None:
    recorder = Recorder(httpx.Response(200, json={"results": []}))
    with pytest.raises(TypeError, match="team_id: Expected `int`, got `str`"):
        make(recorder).teams.list_team_members("..")
    with pytest.raises(TypeError, match="port_id: Expected `str`, got `int`"):
        make(recorder).ports.get_port(5)
    assert recorder.requests == []


def test_the_reported_traversals_are_refused() -> None:
    recorder = Recorder(httpx.Response(204))
    client = make(recorder)
    for args in (("victim.example", ".", ".."), ("victim.example", "..", "dnssec")):
        with pytest.raises(ValueError, match="one path segment"):
            client.dns.delete_recordset(*args)
    with pytest.raises(ValueError):
        client.dns.get_recordset("..", "..", "password")
    assert recorder.requests == []


# ---- 2, 3. other hosts, userinfo -------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "http://evil.test/x",
        "https://evil.test/v3/ports",
        "https://api.example.test:8443/v3",
        "//evil.test/x",
        "https://u:p@api.example.test/v3/ports",
        "v3/ports",
    ],
)
def test_request_stays_on_the_configured_origin(target: str) -> None:
    """2: ``client.request()`` never carries the token to another host."""
    recorder = Recorder(httpx.Response(200, json={}))
    with pytest.raises(ValueError):
        make(recorder).request("GET", target)
    assert recorder.requests == []


def test_request_takes_a_path_or_an_absolute_url_on_the_origin() -> None:
    recorder = Recorder(httpx.Response(200, json={"ok": True}))
    client = make(recorder)
    assert client.request("GET", "/v3/ports").json() == {"ok": True}
    assert client.request("GET", f"{BASE}/v3/ports?limit=1").status_code == 200
    assert [str(r.url) for r in recorder.requests] == [
        f"{BASE}/v3/ports",
        f"{BASE}/v3/ports?limit=1",
    ]
    assert all(r.headers["authorization"] == f"Token {TOKEN}" for r in recorder.requests)


# ---- 6. time is bounded ----------------------------------------------------------------------


BODY = b'{"id": "p1", "name": "' + b"x" * 200 + b'"}'
HEAD = (
    f"HTTP/1.1 200 OK\r\nX-Pad: {'x' * 200}\r\nContent-Type: application/json\r\n"
    f"Content-Length: {len(BODY)}\r\n\r\n"
).encode()
# What each server sends at once, then one byte every 0.2 s.
DRIPS = {
    "body": (HEAD, BODY),
    "headers": (HEAD[:17], HEAD[17:] + BODY),
    # A TLS record header announcing 16 KiB of handshake, then its bytes one by one.
    "tls-handshake": (b"\x16\x03\x03\x40\x00", bytes(16384)),
}


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
    started = time.monotonic()
    with pytest.raises(APITimeoutError):
        client.ports.get_port("p1")
    assert time.monotonic() - started < 1.8


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
            started = time.monotonic()
            with pytest.raises(APITimeoutError):
                await client.ports.get_port("p1")
            return time.monotonic() - started

    assert asyncio.run(run()) < 1.5


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
    started = time.monotonic()
    with pytest.raises(APITimeoutError):
        client.ports.get_port("p1")
    assert time.monotonic() - started < 1.8


def test_other_transports_are_given_each_step_cut_to_the_deadline() -> None:
    """6: any transport reads the timeouts as plain seconds, none past what is left."""
    recorder = Recorder(httpx.Response(200, json={"id": "p1", "name": "p"}))
    make(recorder, timeout=httpx.Timeout(30, connect=10), total_timeout=2).ports.get_port("p1")
    steps = recorder.requests[0].extensions["timeout"]
    assert set(steps) == {"connect", "read", "write", "pool"}
    assert all(isinstance(v, float) and 1.5 < v <= 2 for v in steps.values()), steps
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
    """6: three addresses that never answer take the timeout once, not three times."""
    real = socket.getaddrinfo
    silent = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", unanswered_address)] * 3

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
    started = time.monotonic()
    with pytest.raises(APITimeoutError):
        client.ports.get_port("p1")
    assert time.monotonic() - started < 1.8


def test_a_server_reading_slowly_cannot_stretch_the_timeout() -> None:
    """6: a large body written to a server that reads 200 KB every 0.1 s stops at the
    deadline (it would take 10 s)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)

    def read_slowly() -> None:
        conn, _ = listener.accept()
        with conn:
            while conn.recv(200_000):
                time.sleep(0.1)

    threading.Thread(target=read_slowly, daemon=True).start()
    base = f"http://127.0.0.1:{listener.getsockname()[1]}"
    client = Misaka(api_token=TOKEN, base_url=base, timeout=1, max_retries=0)
    started = time.monotonic()
    with pytest.raises(APITimeoutError):
        client.request("POST", "/v3/blob", json={"blob": "x" * 20_000_000})
    assert time.monotonic() - started < 1.8
    listener.close()


@pytest.mark.parametrize("dripping_server", ["headers"], indirect=True)
def test_total_timeout_bounds_retries_and_their_waits(
    dripping_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """6: a call with its retries ends by ``total_timeout``."""
    client = Misaka(
        api_token=TOKEN, base_url=dripping_server, timeout=1, max_retries=10, total_timeout=2.5
    )
    started = time.monotonic()
    with pytest.raises(APITimeoutError):
        client.ports.get_port("p1")
    assert time.monotonic() - started < 3.5


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


# ---- 7. memory is bounded --------------------------------------------------------------------


def _peak_of_refused(call: Callable[[], object]) -> tuple[ResponseTooLarge, int]:
    """The ``ResponseTooLarge`` a call raises, and the most memory it held meanwhile."""
    tracemalloc.start()
    try:
        with pytest.raises(ResponseTooLarge) as info:
            call()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return info.value, peak


def test_a_large_answer_is_refused_while_reading() -> None:
    """7: the size cap is checked on the stream, not after reading it all."""
    chunks = (b'{"results": [' + b'{"id": "p"},' * 10_000 for _ in itertools.count())
    recorder = Recorder(httpx.Response(200, stream=httpx.ByteStream(b"")))
    recorder.answers = [httpx.Response(200, content=_Limited(chunks, 200))]
    client = make(recorder, max_response_bytes=1_000_000)
    error, peak = _peak_of_refused(client.ports.list_ports)
    assert error.limit == 1_000_000 and peak < 5_000_000


class _Limited(httpx.SyncByteStream):
    def __init__(self, chunks: Iterator[bytes], count: int) -> None:
        self.chunks, self.count = chunks, count

    def __iter__(self) -> Iterator[bytes]:
        return itertools.islice(self.chunks, self.count)


def _gzip_bomb(status: int = 200) -> httpx.Response:
    bomb = gzip.compress(b" " * 200_000_000)
    assert len(bomb) < 250_000
    headers = {"content-encoding": "gzip", "content-type": "application/json"}
    return httpx.Response(status, stream=Chunked(bomb), headers=headers)


def test_a_gzip_bomb_is_refused_after_decompression() -> None:
    """7: 200 MB unpacked from 200 KB: refused at the limit, never unpacked in memory."""
    client = make(Recorder(_gzip_bomb()), max_response_bytes=2_000_000)
    _, peak = _peak_of_refused(client.ports.list_ports)
    assert peak < 6_000_000


# ---- 8, 9. deep and ill-typed answers ----------------------------------------------------------


def test_deeply_nested_answers_are_typed_errors() -> None:
    """8: on a 2xx, and on an error answer."""
    deep = b"[" * 100_000 + b"]" * 100_000
    headers = {"content-type": "application/json"}
    ok = make(Recorder(httpx.Response(200, content=deep, headers=headers)))
    with pytest.raises(ResponseValidationError):
        ok.ports.list_ports()
    deep_in_field = b'{"results": [], "extra": ' + deep + b"}"
    ok = make(Recorder(httpx.Response(200, content=deep_in_field, headers=headers)))
    with pytest.raises(ResponseValidationError, match="nested"):
        ok.ports.list_ports()
    failing = make(Recorder(httpx.Response(500, content=deep, headers=headers)))
    with pytest.raises(InternalServerError) as info:
        failing.ports.list_ports()
    assert info.value.detail and len(info.value.detail) <= 200


def test_wrong_json_types_are_refused_with_the_path() -> None:
    """9: a string where an integer is declared is not handed over as a Port."""
    body = {"id": ["x"], "speed": "fast", "mtu": {"a": 1}}
    client = make(Recorder(httpx.Response(200, json=body)))
    with pytest.raises(ResponseValidationError) as info:
        client.ports.get_port("p1")
    assert info.value.field == "$.id" and "Expected `str`, got `array`" in str(info.value)
    assert info.value.raw == httpx.Response(200, json=body).content


def test_unknown_fields_and_open_values_are_still_kept() -> None:
    body = {"id": "p1", "state": "quarantined", "vlan": 42, "speed": 10}
    port = make(Recorder(httpx.Response(200, json=body))).ports.get_port("p1")
    assert isinstance(port, Port) and port.state == "quarantined" and port["vlan"] == 42
    assert port.to_dict() == body


# ---- 11. a DELETE whose answer was lost --------------------------------------------------------


def test_delete_retried_after_a_lost_answer_treats_404_as_done(
    caplog: pytest.LogCaptureFixture,
) -> None:
    lost = httpx.ReadTimeout("read timed out")
    gone = httpx.Response(404, json={"detail": "Not found."})
    recorder = Recorder(lost, gone)
    with caplog.at_level("INFO", logger="misaka_io"):
        client = make(recorder, max_retries=2, sleep=lambda s: None)
        assert client.ip_announcements.delete_ip_announcement("a1") is None
    assert len(recorder.requests) == 2 and "taking it as done" in caplog.text


def test_a_first_404_on_delete_is_still_an_error() -> None:
    from misaka_io import NotFoundError

    with pytest.raises(NotFoundError):
        make(
            Recorder(httpx.Response(404, json={"detail": "Not found."}))
        ).ip_announcements.delete_ip_announcement("a1")


# ---- 12. secrets in models ---------------------------------------------------------------------


def test_secret_fields_are_masked_in_repr() -> None:
    token = UserToken.from_dict({"token": "s3cr3t-api-token", "created_at": "2026-01-01T00:00:00Z"})
    login = LoginResponse(access="eyJ.access", refresh="eyJ.refresh", detail="ok")
    assert "s3cr3t" not in repr(token) and "token=***" in repr(token)
    assert "eyJ" not in repr(login) and "detail='ok'" in repr(login)
    assert token.token == "s3cr3t-api-token"  # the value itself is there to use


def test_a_number_named_like_a_secret_is_shown() -> None:
    """Only text is guessed secret: a zone's SOA ``refresh`` (seconds) is shown in ``repr``."""
    fields = {name: 0 for name in ZoneSettings.__struct_fields__}
    fields.update(id="z1", name="example.com", refresh=7200, serial=2026112801)
    text_fields = ("friendly_name", "comment", "email", "created", "modified", "owner")
    fields.update({name: "x" for name in text_fields})
    fields.update(managed_soa=True, managed_acme=False, enabled=True, dirty=False)
    settings = ZoneSettings(**fields)
    assert "refresh=7200" in repr(settings)


def test_an_integer_written_as_a_float_is_an_integer() -> None:
    """JSON Schema counts 1.0 as an integer, so a valid answer may carry one; 1.5 is not."""
    body = {"port_id": "p1", "points": [{"time": "2026-01-01T00:00:00Z", "in_bps": 1.0}]}
    when = {
        "start": __import__("datetime").datetime(2026, 1, 1),
        "end": __import__("datetime").datetime(2026, 1, 2),
    }
    usage = make(Recorder(httpx.Response(200, json=body))).ports.get_port_usage_metrics(
        "p1", **when
    )
    assert usage.points[0].in_bps == 1 and type(usage.points[0].in_bps) is int
    body["points"][0]["in_bps"] = 1.5
    with pytest.raises(ResponseValidationError) as info:
        make(Recorder(httpx.Response(200, json=body))).ports.get_port_usage_metrics("p1", **when)
    assert info.value.field == "$.points[0].in_bps"


@pytest.mark.parametrize("status", [200, 401])
def test_deeply_nested_login_answers_are_typed_errors(status: int) -> None:
    """8: the login answer is read by the auth flow; deep JSON there is a typed error too."""
    from misaka_io import AuthenticationError

    deep = b"[" * 100_000 + b"]" * 100_000

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=deep, headers={"content-type": "application/json"})

    client = Misaka(
        email="noc@example.net",
        password="correct-horse-battery",
        base_url=BASE,
        transport=httpx.MockTransport(handler),
        max_retries=0,
    )
    expected = ResponseValidationError if status == 200 else AuthenticationError
    with pytest.raises(expected):
        client.ports.list_ports()


# ---- 7. every answer read is bounded: the session's too ---------------------------------------


def _session_client(handler: Any, **kwargs: Any) -> Misaka:
    return Misaka(
        email="noc@example.net",
        password="correct-horse-battery",
        base_url=BASE,
        transport=httpx.MockTransport(handler),
        max_retries=0,
        **kwargs,
    )


@pytest.mark.parametrize("which", ["login answer", "401 of the call"])
def test_the_session_reads_its_answers_within_the_limit(which: str) -> None:
    """7: the login answer and a call's 401 are read by the auth flow, within the same
    ``max_response_bytes`` and never unpacked in memory."""
    bombs = {"login answer": _gzip_bomb(200), "401 of the call": _gzip_bomb(401)}
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        if request.url.path.endswith("/login") and which == "401 of the call":
            return httpx.Response(200, json={"access": "a.b.c", "refresh": "r.s.t"})
        return bombs[which]

    client = _session_client(handler, max_response_bytes=2_000_000)
    _, peak = _peak_of_refused(client.ports.list_ports)
    assert peak < 6_000_000
    assert seen[0] == "/v3/session/login"


@pytest.mark.parametrize(
    ("encoding", "body"),
    [("gzip", b"not gzip at all"), ("br", b"\x0b\x02\x80{}\x03"), ("compress", b"\x1f\x9d")],
)
def test_an_answer_that_does_not_decode_is_a_typed_error(encoding: str, body: bytes) -> None:
    """7: a corrupt body, or one in an encoding the client did not ask for, is an
    ``APIConnectionError`` naming the call, not an untyped ``httpx.DecodingError``."""
    headers = {"content-encoding": encoding, "content-type": "application/json"}
    recorder = Recorder(httpx.Response(200, stream=Chunked(body), headers=headers))
    with pytest.raises(APIConnectionError, match=r"GET /v3/ports/p1 failed: the answer"):
        make(recorder).ports.get_port("p1")
    assert recorder.requests[0].headers["accept-encoding"] == "gzip, deflate"
