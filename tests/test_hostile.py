"""Hostile servers and hostile input: the pipeline keeps its promises (issue 11).

Each test names the numbered finding it covers; the transports are httpx's. Finding 6 (time
is bounded: servers that drip, stay silent or read slowly, on loopback) is in
``test_hostile_time.py``.
"""

from __future__ import annotations

import contextlib
import gzip
import itertools
import re
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from misaka_io import (
    APIConnectionError,
    InternalServerError,
    Misaka,
    ResponseTooLarge,
    ResponseValidationError,
)
from misaka_io.models import LoginResponse, Port, UserToken, ZoneSettings
from misaka_io.spec import operations
from tests.examples import Chunked, arguments
from tests.hostile_support import BASE, TOKEN, Recorder, make

HOSTILE = ["..", ".", "", "../..", "a/b", "a?b=c", "a#b", "%2e%2e", "..%2f", "a\\b", " ", "é/.."]


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
