"""Reading an answer's body (``misaka_io._body``): every encoding the client asks for comes
out as sent, whatever the chunking, and the limit counts the decoded bytes exactly."""

from __future__ import annotations

import asyncio
import copy
import gzip
import pickle
import time
import zlib
from typing import Any

import httpx
import pytest

from misaka_io import ResponseTooLarge
from misaka_io._body import PIECE, limit
from misaka_io._deadline import Deadline, timeouts
from tests.examples import Chunked

BODY = b'{"results": [' + b",".join(b'{"id": "p%d"}' % i for i in range(3000)) + b"]}"


def _raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


ENCODED = {
    "identity": lambda b: b,
    "gzip": gzip.compress,
    "x-gzip": gzip.compress,
    "deflate": zlib.compress,
    "deflate (raw, as some servers send it)": _raw_deflate,
    "gzip of two members": lambda b: gzip.compress(b[:1000]) + gzip.compress(b[1000:]),
    "deflate, gzip": lambda b: gzip.compress(zlib.compress(b)),
}


def answer(name: str, body: bytes, size: int) -> httpx.Response:
    encoding = name.split(" (")[0].replace("gzip of two members", "gzip")
    request = httpx.Request("GET", "https://api.example.test/v3/ports")
    return httpx.Response(
        200,
        headers={"content-encoding": encoding},
        stream=Chunked(ENCODED[name](body), size),
        request=request,
    )


@pytest.mark.parametrize("size", [1, 7, 65536])
@pytest.mark.parametrize("name", list(ENCODED))
def test_each_encoding_reads_back_as_sent(name: str, size: int) -> None:
    response = answer(name, BODY, size)
    limit(response, len(BODY))
    assert response.read() == BODY
    assert "content-encoding" not in response.headers


@pytest.mark.parametrize("name", ["gzip", "deflate, gzip"])
def test_async_reads_the_same(name: str) -> None:
    async def read() -> bytes:
        response = answer(name, BODY, 100)
        limit(response, len(BODY))
        return await response.aread()

    assert asyncio.run(read()) == BODY


@pytest.mark.parametrize("name", ["identity", "gzip", "deflate, gzip"])
def test_the_limit_counts_decoded_bytes_exactly(name: str) -> None:
    response = answer(name, BODY, 4096)
    limit(response, len(BODY) - 1)
    with pytest.raises(ResponseTooLarge) as info:
        response.read()
    assert info.value.limit == len(BODY) - 1
    assert "GET /v3/ports: the answer is larger than max_response_bytes" in str(info.value)


def test_output_held_inside_the_decoder_is_not_lost() -> None:
    """A few raw bytes that unpack to many pieces of ``PIECE`` bytes come out whole."""
    big = bytes(PIECE * 5 + 123)
    response = answer("gzip", big, 1 << 20)
    limit(response, len(big))
    assert response.read() == big


def test_limit_is_applied_once() -> None:
    response = answer("gzip", BODY, 512)
    limit(response, len(BODY))
    stream = response.stream
    limit(response, 10)
    assert response.stream is stream and response.read() == BODY


def _read(name: str, encoded: bytes, size: int = 4096, **limits: Any) -> bytes:
    request = httpx.Request("GET", "https://api.example.test/v3/ports")
    response = httpx.Response(
        200, headers={"content-encoding": name}, stream=Chunked(encoded, size), request=request
    )
    limit(response, limits.get("max_bytes", 1 << 26), limits.get("deadline"))
    return response.read()


@pytest.mark.parametrize(
    ("name", "encoded"),
    [
        ("gzip", gzip.compress(BODY)[:-12]),
        ("deflate", zlib.compress(BODY)[:-40]),
        ("deflate", _raw_deflate(BODY)[:-40]),
    ],
)
def test_a_body_cut_short_is_an_error(name: str, encoded: bytes) -> None:
    """A compressed stream that ends early (a connection closed mid-body) is not taken for
    the whole answer."""
    with pytest.raises(httpx.DecodingError, match="ends before"):
        _read(name, encoded)


def test_what_follows_the_end_of_a_stream() -> None:
    """NUL padding is ignored (as gzip and httpx do); other bytes after a deflate stream are
    an error; after a gzip member they must be another member."""
    assert _read("gzip", gzip.compress(BODY) + bytes(8)) == BODY
    assert _read("deflate", zlib.compress(BODY) + bytes(8)) == BODY
    with pytest.raises(httpx.DecodingError, match="after the end"):
        _read("deflate", zlib.compress(BODY) + b"garbage")
    with pytest.raises(httpx.DecodingError):
        _read("gzip", gzip.compress(BODY) + b"garbage")


def test_received_bytes_count_even_when_they_unpack_to_nothing() -> None:
    """Empty gzip members without end unpack to nothing: the bytes received still hit the
    limit, and each chunk is checked against the deadline."""
    empties = gzip.compress(b"") * 100_000
    with pytest.raises(ResponseTooLarge):
        _read("gzip", empties, max_bytes=1_000_000)
    with pytest.raises(httpx.ReadTimeout):
        _read("gzip", empties, deadline=time.monotonic() - 1)
    with pytest.raises(httpx.ReadTimeout):
        _read("identity", BODY, deadline=time.monotonic() - 1)


def test_too_many_layers_of_encoding_are_refused() -> None:
    layers = ", ".join(["gzip"] * 1200)
    with pytest.raises(httpx.DecodingError, match="1200 layers"):
        _read(layers, b"\x1f\x8b")
    with pytest.raises(httpx.DecodingError, match="'br', which the client does not decode"):
        _read("br", b"\x0b")


def test_a_deadline_survives_copies_of_the_extensions() -> None:
    """A transport of the user's may copy or pickle the request's extensions."""
    steps = timeouts(httpx.Timeout(5).as_dict(), time.monotonic() + 3, time.monotonic())
    pickled = pickle.loads(pickle.dumps(steps))  # noqa: S301 - our own bytes
    for copied in (copy.deepcopy(steps), pickled):
        assert all(isinstance(v, Deadline) and v.at == steps["read"].at for v in copied.values())


EMPTY_MEMBERS = gzip.compress(
    gzip.compress(b"") * 400_000
)  # 8 MB of members that unpack to nothing


def test_every_layer_counts_against_the_limit() -> None:
    """The outer gzip unpacks to 8 MB (of inner members that unpack to nothing): refused at
    the limit, though the answer itself would be empty."""
    with pytest.raises(ResponseTooLarge):
        _read("gzip, gzip", EMPTY_MEMBERS, max_bytes=1_000_000)


class SteppingClock:
    """``time.monotonic`` as work sees it: each reading a millisecond after the one before, so
    time passes with the steps taken, however fast or loaded the machine is."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        self.now += 0.001
        return self.now


@pytest.mark.parametrize("reading", ["sync", "async"])
def test_work_inside_the_decoders_keeps_the_deadline(
    reading: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Decoding does not wait on the network (nor yield to an event loop): its every step
    checks the deadline, so a body made to cost CPU stops in time. The whole body is one
    chunk: a check per chunk would let the 400,000 members unpack to the end."""
    clock = SteppingClock()
    monkeypatch.setattr(time, "monotonic", clock)
    deadline = clock.now + 0.3  # three hundred readings of the clock from now
    with pytest.raises(httpx.ReadTimeout):
        if reading == "sync":
            _read("gzip, gzip", EMPTY_MEMBERS, 1 << 30, max_bytes=1 << 30, deadline=deadline)
        else:
            asyncio.run(_aread("gzip, gzip", EMPTY_MEMBERS, 1 << 30, deadline))
    assert clock.now - deadline < 0.05, "the decoders went on well past the deadline"


async def _aread(name: str, encoded: bytes, max_bytes: int, deadline: float) -> bytes:
    request = httpx.Request("GET", "https://api.example.test/v3/ports")
    response = httpx.Response(
        200, headers={"content-encoding": name}, stream=Chunked(encoded), request=request
    )
    limit(response, max_bytes, deadline)
    return await response.aread()


def test_padding_between_gzip_members_whatever_the_chunks() -> None:
    padded = gzip.compress(b"hello ") + bytes(4) + gzip.compress(b"world")
    assert all(_read("gzip", padded, size) == b"hello world" for size in (1, 30, 4096))
