"""The sync client's transport: each attempt ends by its deadline, down to the socket.

``timeouts()`` (``_deadline``) writes when an attempt must end into its request; here the
network backend of ``HTTPTransport`` gives each connect, TLS handshake, read and write only
what is left of it (CPython bounds a whole TLS handshake or record by the socket timeout it
starts with), then raises the matching timeout.

``Client`` is the ``httpx.Client`` of a ``Misaka`` with no ``transport=``: httpx builds its
transports from the environment as it always does (``HTTPS_PROXY``, ``HTTP_PROXY``,
``ALL_PROXY``, ``NO_PROXY``, ``SSL_CERT_FILE``, ``SSL_CERT_DIR``, unless ``trust_env=False``),
and each of them, the default one and each proxy's, is an ``HTTPTransport``. It is imported
when a client opens its connections (its first call), not when the client is made.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx
from httpx._config import DEFAULT_LIMITS  # httpx's own default, for the overrides below

from misaka_io._deadline import Deadline

WRITE_SLICE = 64 * 1024  # a large body is written in these, each within what is left


def _left(timeout: float | None, expired: type[httpcore.TimeoutException]) -> float | None:
    """What a blocking step may take: its own timeout, cut to what is left of the attempt."""
    if not isinstance(timeout, Deadline):
        return timeout
    left = timeout.left()
    if left <= 0:
        raise expired("the attempt ran out of time")
    return min(float(timeout), left)


def _addresses(host: str, port: int) -> list[tuple[str, int]]:
    """Where ``host`` is, in the resolver's order (as ``socket.create_connection`` tries
    them). The lookup itself is the system resolver's, bounded by its own limits."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise httpcore.ConnectError(str(exc)) from exc
    addresses = []
    for *_, sockaddr in found:
        address = str(sockaddr[0])
        if len(sockaddr) == 4 and sockaddr[3]:  # an IPv6 link-local address keeps its zone
            address = f"{address}%{sockaddr[3]}"
        addresses.append((address, int(sockaddr[1])))
    return addresses


class _Stream(httpcore.NetworkStream):
    """A connection whose every blocking step ends by the attempt's deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        """In slices, each given what is left: a server that reads slowly cannot stretch a
        large body's write past the deadline by more than one slice takes."""
        if not isinstance(timeout, Deadline):
            self._stream.write(buffer, timeout)
            return
        for start in range(0, len(buffer), WRITE_SLICE):
            piece = buffer[start : start + WRITE_SLICE]
            self._stream.write(piece, _left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        left = _left(timeout, httpcore.ConnectTimeout)
        return _Stream(self._stream.start_tls(ssl_context, server_hostname, left))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's network backend, with connections that keep the attempt's deadline."""

    def __init__(self, backend: httpcore.NetworkBackend | None = None) -> None:
        self._backend = backend or httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        """Each address of ``host`` in turn, each given what is left (one connect to the
        name would give every address the whole timeout)."""
        if not isinstance(timeout, Deadline):
            return _Stream(
                self._backend.connect_tcp(host, port, timeout, local_address, socket_options)
            )
        _left(timeout, httpcore.ConnectTimeout)  # out of time: not even a name lookup
        failure: Exception | None = None
        for address, at_port in _addresses(host, port):
            left = _left(timeout, httpcore.ConnectTimeout)
            try:
                stream = self._backend.connect_tcp(
                    address, at_port, left, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
                continue
            return _Stream(stream)
        raise failure or httpcore.ConnectError(f"{host} has no address")

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        left = _left(timeout, httpcore.ConnectTimeout)
        return _Stream(self._backend.connect_unix_socket(path, left, socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


class HTTPTransport(httpx.HTTPTransport):
    """``httpx.HTTPTransport`` (same arguments: proxy, limits, verify...) whose connections
    end each attempt of a ``Misaka`` client by its deadline. The sync client's default; give
    it as ``transport=`` to keep that bound with your own settings."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # httpx 0.28 takes no network backend (encode/httpx#3749 adds one); its pool (a
        # ConnectionPool, or a proxy that is one) holds it here. Pinned, and tested by
        # tests/test_hostile.py::test_a_server_dripping_its_headers_cannot_stretch_the_timeout.
        pool = self._pool
        if not isinstance(pool, httpcore.ConnectionPool):  # pragma: no cover
            raise TypeError(f"unexpected httpx connection pool: {type(pool).__name__}")
        pool._network_backend = DeadlineBackend(pool._network_backend)


class Client(httpx.Client):
    """``httpx.Client`` whose own transports (the default one, and one for each proxy of
    the environment or of ``proxy=``) are ``HTTPTransport``, so that every route keeps the
    deadline. httpx 0.28 builds them in these two methods (pinned; tested by
    tests/test_environment.py through a dripping proxy)."""

    def _init_transport(
        self,
        verify: ssl.SSLContext | str | bool = True,
        cert: Any = None,
        trust_env: bool = True,
        http1: bool = True,
        http2: bool = False,
        limits: httpx.Limits = DEFAULT_LIMITS,
        transport: httpx.BaseTransport | None = None,
    ) -> httpx.BaseTransport:
        if transport is not None:
            return transport
        return self._init_proxy_transport(None, verify, cert, trust_env, http1, http2, limits)

    def _init_proxy_transport(
        self,
        proxy: httpx.Proxy | None,
        verify: ssl.SSLContext | str | bool = True,
        cert: Any = None,
        trust_env: bool = True,
        http1: bool = True,
        http2: bool = False,
        limits: httpx.Limits = DEFAULT_LIMITS,
    ) -> httpx.BaseTransport:
        return HTTPTransport(
            verify=verify,
            cert=cert,
            trust_env=trust_env,
            http1=http1,
            http2=http2,
            limits=limits,
            proxy=proxy,
        )
