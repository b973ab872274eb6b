"""``Misaka`` and ``AsyncMisaka``: the clients users import. They only do the I/O.

Every decision (building, retrying, errors, parsing, pages) is in ``_base_client``; here each
client sends one attempt, reads its body within the size and time limits, sleeps between
attempts, and offers the session helpers (``ensure_session``, ``login``, ``logout``) and
``request()``.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar

import httpx

from misaka_io._base_client import Attempt, BaseClient
from misaka_io._exceptions import ConfigurationError
from misaka_io._flow import arun_flow, run_flow
from misaka_io._options import RequestOptions
from misaka_io._pagination import AsyncPage, AsyncPaginator, SyncPage
from misaka_io._response import APIResponse
from misaka_io._table_types import builder, session_step
from misaka_io.resources import (
    AsyncResources,
    AsyncResourcesWithRawResponse,
    SyncResources,
    SyncResourcesWithRawResponse,
)

if TYPE_CHECKING:
    import asyncio  # imported where used: a sync program never needs it

    from misaka_io_generated.types import Request

T = TypeVar("T")
Item = TypeVar("Item")


class Misaka(BaseClient[httpx.BaseTransport], SyncResources):
    """The synchronous client. Use it as a context manager, or call ``close()``."""

    def _start(self) -> None:
        self._pool = _Pool(self)
        self._attach()

    @property
    def with_raw_response(self) -> SyncResourcesWithRawResponse:
        """The same operations, returning the ``APIResponse`` (status, headers, ``.parse()``)."""
        return SyncResourcesWithRawResponse(self._copy(raw=True))

    # ---- I/O ---------------------------------------------------------------------------------

    def _send(self, request: httpx.Request) -> httpx.Response:
        attempt = self._start_call(request)
        delay: float | None
        while True:
            try:
                response = self._attempt(request, attempt)
            except (httpx.TransportError, httpx.DecodingError) as exc:
                delay = self._after_error(request, exc, attempt)
            else:
                delay = self._after_answer(request, response, attempt)
                if delay is None:
                    return response
            self._sleep(delay)
            attempt.number += 1

    def _attempt(self, request: httpx.Request, attempt: Attempt) -> httpx.Response:
        # The transport ends connect, headers and each read by the deadline; the body's
        # limits check it per chunk too, for a transport of the user's.
        deadline = self._arm(request, attempt)
        response = self._pool.current().send(request, stream=True)
        try:
            self._limit(response, deadline)
            content = response.read()
        finally:
            response.close()
        return self._read_answer(response, content)

    # ---- what the resources call -------------------------------------------------------------

    def _call(self, request: Request[T], options: RequestOptions) -> T:
        answer: APIResponse[T] = self._answer(request, self._send(self._build(request, options)))
        return self._result(answer)

    def _page(
        self, request: Request[Any], item: type[Item], options: RequestOptions
    ) -> SyncPage[Item]:
        def fetch(following: Request[Any], previous: SyncPage[Item] | None) -> SyncPage[Item]:
            answer = self._answer(following, self._send(self._build(following, options)))
            return SyncPage(following, answer.parse(), fetch, previous=previous)

        answer = self._answer(request, self._send(self._build(request, options)))
        bound = options.max_pages or self._settings.max_pages
        first = APIResponse(
            answer.http_response,
            lambda: SyncPage(request, answer.parse(), fetch, max_pages=bound),
        )
        return self._result(first)

    # ---- beyond the spec ---------------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
    ) -> httpx.Response:
        """Any call, with auth, retries and typed errors: for what the spec gets wrong.
        ``path`` is a path under the base URL, or an absolute URL on its origin."""
        return self._send(self._build_raw(method, path, params, json, headers, timeout))

    def ensure_session(self) -> None:
        """Make sure a session exists: resume the stored one (refreshing it if it must) or
        log in. Sends nothing but a login or a refresh; does nothing with an API token."""
        flow = self._auth.ensure_flow(self.timeout.as_dict())
        run_flow(flow, lambda request: self._pool.current().send(request, stream=True))

    def login(self, *, fresh: bool = False) -> None:
        """Log in now instead of at the first call (session credentials only); ``fresh``:
        open a new session, checking the password, even when one is held or stored."""
        if fresh:
            self._auth.start_over()
        self.ensure_session()

    def logout(self) -> None:
        """Revoke the session on the server and forget its tokens."""
        revocation = self._auth.revocation()
        if revocation is not None:
            request = builder(session_step("logout")).build_request(body=revocation)
            self._send(self._build(request, RequestOptions()))  # any 2xx: revoked
        self._auth.forget()

    def close(self) -> None:
        if self._owner:
            self._pool.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


CLOSED = "Cannot send a request, as the client has been closed."  # httpx's own words


@contextlib.contextmanager
def _opening() -> Iterator[None]:
    """Opening a pool reads the environment (a proxy's URL, ``SSL_CERT_FILE``...): one that
    cannot be used is a ``ConfigurationError`` at the first call, before anything is sent
    (httpx's message shows no proxy password)."""
    try:
        yield
    # ssl.SSLError is an OSError; ImportError: a SOCKS proxy without socksio installed.
    except (ValueError, OSError, ImportError, httpx.InvalidURL) as exc:
        raise ConfigurationError(
            f"cannot open connections with these settings (the environment's proxies and "
            f"certificates are read unless trust_env=False): {type(exc).__name__}: {exc}"
        ) from exc


class _Pool:
    """The sync connection pool, opened by the first call: opening one loads httpcore and
    reads the certificate store, which a client that never calls (or a script that only
    builds one) need not pay for. Without the user's transport, its own transports (the
    default one and the environment's proxies') are ``misaka_io.HTTPTransport`` (see
    ``_transport``). ``with_options`` copies share this object; two threads making the
    first call at once open one pool."""

    def __init__(self, client: Misaka) -> None:
        self._client = client
        self._http: httpx.Client | None = None
        self._closed = False
        self._lock = threading.Lock()

    def current(self) -> httpx.Client:
        http = self._http
        if http is None:
            with self._lock:
                if self._closed:
                    raise RuntimeError(CLOSED)
                if self._http is None:
                    from misaka_io._transport import Client

                    with _opening():
                        self._http = Client(
                            transport=self._client._transport,
                            auth=self._client._auth,
                            follow_redirects=False,
                            trust_env=self._client._trust_env,
                        )
                http = self._http
        return http

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._http is not None:
                self._http.close()


class _LoopPool:
    """The async connection pool, for the event loop that uses it. Connections belong to the
    loop that opened them: when the client is used from another loop (a second
    ``asyncio.run``), a client-made transport is replaced by a fresh one; an
    ``httpx.AsyncHTTPTransport`` the user gave cannot be, and says so (``ConfigurationError``);
    any other transport of the user's is kept as it is. ``with_options`` copies share this
    object. Like the sync pool, it is opened by the first call."""

    def __init__(self, client: AsyncMisaka) -> None:
        self._client = client
        self._loop: asyncio.AbstractEventLoop | None = None
        self._http: httpx.AsyncClient | None = None
        self._closed_in: asyncio.AbstractEventLoop | None = None  # the loop close() ran in

    def _open(self) -> httpx.AsyncClient:
        """Without the user's transport, httpx builds its own (and the environment's
        proxies') as ``httpx.AsyncClient`` does."""
        with _opening():
            return httpx.AsyncClient(
                transport=self._client._transport,
                auth=self._client._auth,
                follow_redirects=False,
                trust_env=self._client._trust_env,
            )

    def current(self) -> httpx.AsyncClient:
        import asyncio

        loop = asyncio.get_running_loop()
        if self._http is None:
            if self._closed_in is loop:  # closed before its first call
                raise RuntimeError(CLOSED)
            self._http = self._open()
        elif self._loop is not loop:  # opened in another event loop
            if self._client._own_transport:
                self._http = self._open()
            elif isinstance(self._client._transport, httpx.AsyncHTTPTransport):
                raise ConfigurationError(
                    "this AsyncMisaka's transport= (an httpx.AsyncHTTPTransport) keeps "
                    "connections of the event loop it was first used in, and this call runs "
                    "in another (a second asyncio.run?): make a client per event loop, or "
                    "leave transport= out so that the client opens a pool per loop"
                )
        self._loop = loop
        return self._http

    async def close(self) -> None:
        """Close the pool of this event loop; a client-made transport opens anew if the
        client is used from another loop (a second ``asyncio.run``)."""
        import asyncio

        self._closed_in = asyncio.get_running_loop()
        if self._http is not None:
            await self._http.aclose()


class AsyncMisaka(BaseClient[httpx.AsyncBaseTransport], AsyncResources):
    """The asyncio client. Use it as an async context manager, or await ``close()``."""

    _asynchronous = True

    def _start(self) -> None:
        self._pool = _LoopPool(self)
        self._attach()

    @property
    def with_raw_response(self) -> AsyncResourcesWithRawResponse:
        """The same operations, returning the ``APIResponse`` (status, headers, ``.parse()``)."""
        return AsyncResourcesWithRawResponse(self._copy(raw=True))

    # ---- I/O ---------------------------------------------------------------------------------

    async def _send(self, request: httpx.Request) -> httpx.Response:
        attempt = self._start_call(request)
        delay: float | None
        while True:
            try:
                response = await self._attempt(request, attempt)
            except (httpx.TransportError, httpx.DecodingError) as exc:
                delay = self._after_error(request, exc, attempt)
            else:
                delay = self._after_answer(request, response, attempt)
                if delay is None:
                    return response
            await self._sleep(delay)
            attempt.number += 1

    async def _attempt(self, request: httpx.Request, attempt: Attempt) -> httpx.Response:
        import asyncio

        deadline = self._arm(request, attempt)
        left = None if deadline is None else max(0.0, deadline - self._monotonic())
        try:
            async with asyncio.timeout(left):
                return await self._read(request, deadline)
        except TimeoutError:
            raise httpx.ReadTimeout(
                "the answer took longer than the timeout", request=request
            ) from None

    async def _read(self, request: httpx.Request, deadline: float | None) -> httpx.Response:
        response = await self._pool.current().send(request, stream=True)
        try:
            self._limit(response, deadline)
            content = await response.aread()
        finally:
            await response.aclose()
        return self._read_answer(response, content)

    # ---- what the resources call -------------------------------------------------------------

    async def _call(self, request: Request[T], options: RequestOptions) -> T:
        response = await self._send(self._build(request, options))
        answer: APIResponse[T] = self._answer(request, response)
        return self._result(answer)

    def _page(
        self, request: Request[Any], item: type[Item], options: RequestOptions
    ) -> AsyncPaginator[Item]:
        return AsyncPaginator(lambda: self._first_page(request, item, options))

    async def _first_page(
        self, request: Request[Any], item: type[Item], options: RequestOptions
    ) -> AsyncPage[Item]:
        async def fetch(
            following: Request[Any], previous: AsyncPage[Item] | None
        ) -> AsyncPage[Item]:
            answer = self._answer(following, await self._send(self._build(following, options)))
            return AsyncPage(following, answer.parse(), fetch, previous=previous)

        answer = self._answer(request, await self._send(self._build(request, options)))
        bound = options.max_pages or self._settings.max_pages
        first = APIResponse(
            answer.http_response,
            lambda: AsyncPage(request, answer.parse(), fetch, max_pages=bound),
        )
        return self._result(first)

    # ---- beyond the spec ---------------------------------------------------------------------

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None = None,
    ) -> httpx.Response:
        """Any call, with auth, retries and typed errors: for what the spec gets wrong.
        ``path`` is a path under the base URL, or an absolute URL on its origin."""
        return await self._send(self._build_raw(method, path, params, json, headers, timeout))

    async def ensure_session(self) -> None:
        """Make sure a session exists: resume the stored one (refreshing it if it must) or
        log in. Sends nothing but a login or a refresh; does nothing with an API token."""
        flow = self._auth.aensure_flow(self.timeout.as_dict())
        await arun_flow(flow, lambda request: self._pool.current().send(request, stream=True))

    async def login(self, *, fresh: bool = False) -> None:
        """Log in now instead of at the first call (session credentials only); ``fresh``:
        open a new session, checking the password, even when one is held or stored."""
        if fresh:
            await self._auth.astart_over()
        await self.ensure_session()

    async def logout(self) -> None:
        """Revoke the session on the server and forget its tokens."""
        revocation = self._auth.revocation()
        if revocation is not None:
            request = builder(session_step("logout")).build_request(body=revocation)
            await self._send(self._build(request, RequestOptions()))  # any 2xx: revoked
        self._auth.forget()  # at once: cancelled while it waits below, it keeps nothing revoked
        await self._auth.aforget()  # and after a login or refresh another task has out

    async def close(self) -> None:
        if self._owner:
            await self._pool.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
