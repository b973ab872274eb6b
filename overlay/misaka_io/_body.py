"""Reading an answer's body within its limits: size, time, and what it unpacks to.

Every answer a client reads (a call's, and the login, refresh and 401 answers of its session)
goes through ``limit()`` before its body is read. Its raw stream is replaced by one that
undoes the content encoding (gzip or deflate: what the clients ask for with
``ACCEPT_ENCODING``) at most ``PIECE`` bytes at a time, and raises ``ResponseTooLarge`` as
soon as the bytes received, or what any layer of encoding unpacks to, pass the limit, so a
small compressed body that unpacks to gigabytes never does so in memory; with a deadline,
every chunk received and every step of decoding past it raises ``httpx.ReadTimeout`` (so
a body made to cost CPU, such as millions of empty gzip members, stops in time too). The
answer then says it is not encoded, and httpx passes the bytes on as they are. A body that
does not decode (corrupt, cut short, bytes after its end), an encoding the client cannot
decode, or more than ``MAX_ENCODINGS`` of them, raises ``httpx.DecodingError`` (an
``APIConnectionError`` to users).
"""

from __future__ import annotations

import time
import zlib
from collections.abc import AsyncIterator, Callable, Iterable, Iterator

import httpx

from misaka_io._exceptions import ResponseTooLarge

ACCEPT_ENCODING = "gzip, deflate"
DECODED = frozenset({"gzip", "x-gzip", "deflate"})
MAX_ENCODINGS = 5  # as urllib3: more layers than that are an attack, not a server
PIECE = 256 * 1024  # the most one step of decompression may produce
FEED = 4 * 1024  # the most one step of decompression is given
GZIP = zlib.MAX_WBITS | 16


class _Inflate:
    """One encoding's zlib stream (gzip, zlib-wrapped or raw deflate), inflated a piece at a
    time; a gzip body may hold several members. After the end, only NUL padding may follow."""

    def __init__(self, encoding: str) -> None:
        self._gzip = encoding in ("gzip", "x-gzip")
        self._z = zlib.decompressobj(GZIP) if self._gzip else None
        self._head = b""  # deflate: the first bytes, until there are two to tell the kind
        self._fed = False

    @staticmethod
    def _deflate(head: bytes) -> zlib._Decompress:
        """Deflate is zlib-wrapped as RFC 9110 says, unless its first two bytes are no zlib
        header (some servers send raw deflate)."""
        wrapped = len(head) < 2 or (head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0)
        return zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._z is None:
            self._head += data
            if len(self._head) < 2:
                return
            data, self._z = self._head, self._deflate(self._head)
        self._fed = self._fed or bool(data)
        for start in range(0, len(data), FEED):  # so that what follows a member stays small
            yield from self._inflate(data[start : start + FEED])

    def _inflate(self, data: bytes) -> Iterator[bytes]:
        assert self._z is not None
        while data:
            if self._z.eof:
                data = data.lstrip(b"\0")  # padding, between gzip members or at the end
                if not data:
                    return
                if not self._gzip:
                    raise zlib.error("bytes after the end of the deflate stream")
                self._z = zlib.decompressobj(GZIP)  # the next gzip member
            out = self._z.decompress(data, PIECE)
            data = self._z.unused_data if self._z.eof else self._z.unconsumed_tail
            yield out
            while len(out) == PIECE and not data and not self._z.eof:  # more may wait inside
                out = self._z.decompress(b"", PIECE)
                yield out

    def flush(self) -> bytes:
        """What is left once the raw body has ended; a stream cut short is an error."""
        if self._z is None:  # a deflate body shorter than two bytes
            self._z = self._deflate(self._head)
            self._fed = bool(self._head)
            tail = self._z.decompress(self._head)
        else:
            tail = self._z.flush()
        if self._fed and not self._z.eof:
            raise zlib.error("the body ends before its compressed stream does")
        return tail


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
    refused = [e for e in encodings if e not in DECODED]
    if refused or len(encodings) > MAX_ENCODINGS:
        why = (
            f"{refused[0]!r}, which the client does not decode (it asks for {ACCEPT_ENCODING})"
            if refused
            else f"{len(encodings)} layers (at most {MAX_ENCODINGS} are read)"
        )
        raise httpx.DecodingError(f"the answer is encoded with {why}", request=response.request)
    return [_Inflate(e) for e in reversed(encodings)]


class LimitedBody(httpx.SyncByteStream, httpx.AsyncByteStream):
    """An answer's body, decoded, within ``limit`` bytes at each layer (received, and what
    each decoder makes) and ``deadline`` (seconds on ``clock``), checked at every step
    of every decoder: decoding does not yield to an event loop, so it keeps time itself."""

    def __init__(
        self,
        raw: httpx.SyncByteStream | httpx.AsyncByteStream,
        decoders: list[_Inflate],
        limit: int,
        deadline: float | None,
        request: httpx.Request,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._raw, self._decoders, self._request = raw, decoders, request
        self._limit, self._deadline, self._clock = limit, deadline, clock
        self._made = [0] * (len(decoders) + 1)  # bytes received, then made by each decoder

    def _account(self, layer: int, size: int) -> None:
        self._made[layer] += size
        if self._made[layer] > self._limit:
            raise _too_large(self._request, self._limit)
        if self._deadline is not None and self._clock() > self._deadline:
            raise httpx.ReadTimeout(
                "the answer took longer than the timeout", request=self._request
            )

    def _through(self, layer: int, data: bytes) -> Iterator[bytes]:
        """``data``, the input of decoder ``layer``, undone by it and those after it."""
        if layer == len(self._decoders):
            if data:
                yield data
            return
        for piece in self._decoders[layer].feed(data):
            self._account(layer + 1, len(piece))
            yield from self._through(layer + 1, piece)

    def _decoded(self, pieces: Iterator[bytes]) -> Iterator[bytes]:
        try:
            yield from pieces
        except zlib.error as exc:
            raise self._undecodable(exc) from None

    def _undecodable(self, exc: zlib.error) -> httpx.DecodingError:
        return httpx.DecodingError(
            f"the answer's body does not decode: {exc}", request=self._request
        )

    def _chunk(self, chunk: bytes) -> Iterable[bytes]:
        """A raw chunk as the bytes it stands for (itself, when the body is not encoded)."""
        self._account(0, len(chunk))
        if not self._decoders:
            return (chunk,)
        return self._decoded(self._through(0, chunk))

    def _end(self) -> Iterator[bytes]:
        """What the decoders still hold once the raw body has ended."""
        for i, decoder in enumerate(self._decoders):
            try:
                tail = decoder.flush()
            except zlib.error as exc:
                raise self._undecodable(exc) from None
            self._account(i + 1, len(tail))
            yield from self._decoded(self._through(i + 1, tail))

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


def limit(
    response: httpx.Response,
    max_bytes: int,
    deadline: float | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> None:
    """Make reading ``response`` decode its body here and stop past ``max_bytes`` or
    ``deadline`` (on ``clock``). Call it before anything reads the body."""
    if isinstance(response.stream, LimitedBody):
        return
    if response.is_stream_consumed:  # read when it was made (a test transport's bytes)
        if len(response.content) > max_bytes:
            raise _too_large(response.request, max_bytes)
        return
    encoded = "content-encoding" in response.headers
    decoders = _decoders(response) if encoded else []
    response.stream = LimitedBody(
        response.stream, decoders, max_bytes, deadline, response.request, clock
    )
    if encoded:  # the bytes read are no longer the ones these headers describe
        del response.headers["content-encoding"]
        if decoders:
            response.headers.pop("content-length", None)
