"""Reading an answer's body (``misaka_io._body``): every encoding the client asks for comes
out as sent, whatever the chunking, and the limit counts the decoded bytes exactly."""

from __future__ import annotations

import asyncio
import gzip
import zlib

import httpx
import pytest

from misaka_io import ResponseTooLarge
from misaka_io._body import PIECE, limit
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
