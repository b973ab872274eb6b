"""Reading an answer's body: decoded here, counted, and stopped at the size limit.

Every answer a client reads (a call's, and the login, refresh and 401 answers of its session)
goes through ``limit()`` before its body is read. Its raw stream is replaced by one that
undoes the content encoding (gzip or deflate: what the clients ask for with
``ACCEPT_ENCODING``) at most ``PIECE`` bytes at a time, counts what it hands over and raises
``ResponseTooLarge`` past the limit; so a small compressed body that unpacks to gigabytes
never does so in memory. The answer then says it is not encoded, and httpx passes the bytes
on as they are. An encoding not asked for, or a body that does not decode, raises
``httpx.DecodingError`` (the clients make it an ``APIConnectionError``).
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator, Iterable, Iterator

import httpx

from misaka_io._exceptions import ResponseTooLarge

ACCEPT_ENCODING = "gzip, deflate"
PIECE = 256 * 1024  # the most one step of decompression may produce


class _Inflate:
    """One zlib stream (gzip, zlib-wrapped or raw deflate), inflated a piece at a time."""

    def __init__(self, encoding: str) -> None:
        self._gzip = encoding in ("gzip", "x-gzip")
        self._z = zlib.decompressobj(zlib.MAX_WBITS | 16) if self._gzip else None
        self._head = b""  # deflate: the first bytes, until there are two to tell the kind

    def _start(self, data: bytes) -> zlib._Decompress:
        """Deflate is zlib-wrapped as RFC 9110 says, unless its first two bytes are no zlib
        header (some servers send raw deflate)."""
        wrapped = len(data) < 2 or (data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0)
        return zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._z is None:
            self._head += data
            if len(self._head) < 2:
                return
            data, self._z = self._head, self._start(self._head)
        while data:
            if self._z.eof:  # a gzip body may hold several members; deflate ends here
                if not self._gzip:
                    return
                self._z = zlib.decompressobj(zlib.MAX_WBITS | 16)
            out = self._z.decompress(data, PIECE)
            data = self._z.unused_data if self._z.eof else self._z.unconsumed_tail
            yield out
            while len(out) == PIECE and not data and not self._z.eof:  # more may wait inside
                out = self._z.decompress(b"", PIECE)
                yield out

    def flush(self) -> bytes:
        if self._z is None:  # a deflate body shorter than two bytes
            self._z = self._start(self._head)
            return self._z.decompress(self._head) + self._z.flush()
        return self._z.flush()


def _too_large(request: httpx.Request, limit: int) -> ResponseTooLarge:
    return ResponseTooLarge(
        f"{request.method} {request.url.path}: the answer is larger than "
        f"max_response_bytes ({limit} bytes)",
        limit=limit,
    )


def _decoders(response: httpx.Response) -> list[_Inflate]:
    """The decoders of the answer's encodings, in the order they are undone."""
    named = [e.strip().lower() for e in response.headers.get_list("content-encoding", True)]
    encodings = [e for e in named if e not in ("", "identity")]
    for encoding in encodings:
        if encoding not in ("gzip", "x-gzip", "deflate"):
            raise httpx.DecodingError(
                f"the answer is encoded with {encoding!r}, which was not asked for",
                request=response.request,
            )
    return [_Inflate(e) for e in reversed(encodings)]


def _through(decoders: list[_Inflate], data: bytes) -> Iterator[bytes]:
    """``data`` undone by each decoder in turn, a piece at a time."""
    if not decoders:
        if data:
            yield data
        return
    for piece in decoders[0].feed(data):
        yield from _through(decoders[1:], piece)


class LimitedBody(httpx.SyncByteStream, httpx.AsyncByteStream):
    """An answer's body, decoded, that stops at ``limit`` bytes."""

    def __init__(
        self,
        raw: httpx.SyncByteStream | httpx.AsyncByteStream,
        decoders: list[_Inflate],
        limit: int,
        request: httpx.Request,
    ) -> None:
        self._raw, self._decoders, self._limit, self._request = raw, decoders, limit, request
        self._size = 0

    def _add(self, size: int) -> None:
        self._size += size
        if self._size > self._limit:
            raise _too_large(self._request, self._limit)

    def _count(self, pieces: Iterator[bytes]) -> Iterator[bytes]:
        try:
            for piece in pieces:
                self._add(len(piece))
                yield piece
        except zlib.error as exc:
            raise httpx.DecodingError(
                f"the answer's body does not decode: {exc}", request=self._request
            ) from None

    def _chunk(self, chunk: bytes) -> Iterable[bytes]:
        """A raw chunk as the bytes it stands for (itself, when the body is not encoded)."""
        if not self._decoders:
            self._add(len(chunk))
            return (chunk,)
        return self._count(_through(self._decoders, chunk))

    def _end(self) -> Iterator[bytes]:
        """What the decoders still hold once the raw body has ended."""
        for i, decoder in enumerate(self._decoders):
            yield from self._count(_through(self._decoders[i + 1 :], decoder.flush()))

    def __iter__(self) -> Iterator[bytes]:
        assert isinstance(self._raw, httpx.SyncByteStream)
        for chunk in self._raw:
            yield from self._chunk(chunk)
        yield from self._end()

    async def __aiter__(self) -> AsyncIterator[bytes]:
        assert isinstance(self._raw, httpx.AsyncByteStream)
        async for chunk in self._raw:
            for piece in self._chunk(chunk):
                yield piece
        for piece in self._end():
            yield piece

    def close(self) -> None:
        if isinstance(self._raw, httpx.SyncByteStream):
            self._raw.close()

    async def aclose(self) -> None:
        if isinstance(self._raw, httpx.AsyncByteStream):
            await self._raw.aclose()


def limit(response: httpx.Response, max_bytes: int) -> None:
    """Make reading ``response`` decode its body here and stop past ``max_bytes``. Call it
    before anything reads the body."""
    if isinstance(response.stream, LimitedBody):
        return
    if response.is_stream_consumed:  # read when it was made (a test transport's bytes)
        if len(response.content) > max_bytes:
            raise _too_large(response.request, max_bytes)
        return
    encoded = "content-encoding" in response.headers
    decoders = _decoders(response) if encoded else []
    response.stream = LimitedBody(response.stream, decoders, max_bytes, response.request)
    if encoded:  # the bytes read are no longer the ones these headers describe
        del response.headers["content-encoding"]
        if decoders:
            response.headers.pop("content-length", None)
