"""Authentication as an ``httpx.Auth`` flow: which requests carry which credentials.

A public operation (the spec's ``security: []``) goes as it is; with an API token the flow
only sets the ``Authorization`` header; with email and password the request is handed to
``_session_io.SessionIO`` (the session state machine and the I/O it asks for), which is
loaded only then: a client with an API token never imports the session's state machine or
its login answers (start-up).
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Awaitable, Callable, Generator
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

import httpx

from misaka_io._config import Credentials
from misaka_io._redact import Redactor
from misaka_io._table_types import public_paths
from misaka_io._tokens import MemoryTokenStore, TokenStore

if TYPE_CHECKING:
    from misaka_io._session_io import SessionIO
    from misaka_io._tokens import Tokens

Flow = Generator[httpx.Request, httpx.Response, None]
AsyncFlow = AsyncGenerator[httpx.Request, httpx.Response]
Timeouts = dict[str, Any]


class SessionOptions(TypedDict, total=False):
    """How a web session runs (``SessionIO``'s keywords, and their defaults there)."""

    refresh_skew: float
    clock: Callable[[], float]
    monotonic: Callable[[], float]
    sleep: Callable[[float], Any]  # or an async one, for the async flow
    max_logins_per_minute: int
    max_response_bytes: int


class MisakaAuth(httpx.Auth):
    """The client's auth: the header of an API token, or the session's flows."""

    def __init__(
        self,
        credentials: Credentials,
        base_url: httpx.URL,
        redactor: Redactor,
        *,
        token_store: TokenStore | None = None,
        **session: Unpack[SessionOptions],
    ) -> None:
        self.credentials = credentials
        self._prefix = base_url.raw_path.decode("ascii").rstrip("/")
        # Where the session is kept (given, else in memory); unused with an API token.
        self.store: TokenStore = token_store or MemoryTokenStore()
        self._sessions: SessionIO | None = None
        if not credentials.api_token:
            from misaka_io._session_io import SessionIO

            self._sessions = SessionIO(
                credentials, base_url, redactor, token_store=self.store, **session
            )

    def __repr__(self) -> str:
        return f"MisakaAuth({self._sessions or self.credentials.kind!r})"

    # ---- the flows ---------------------------------------------------------------------------

    def _session_for(self, request: httpx.Request) -> SessionIO | None:
        """The session that ``request`` needs, or None (with the header set if need be): a
        public operation, or an API token."""
        if request.url.path.removeprefix(self._prefix) in public_paths():
            return None
        if self._sessions is None:
            request.headers["Authorization"] = (
                f"{self.credentials.token_prefix} {self.credentials.api_token}"
            )
        return self._sessions

    def sync_auth_flow(self, request: httpx.Request) -> Flow:
        sessions = self._session_for(request)
        return _as_is(request) if sessions is None else sessions.flow(request)

    def async_auth_flow(self, request: httpx.Request) -> AsyncFlow:
        sessions = self._session_for(request)
        return _aas_is(request) if sessions is None else sessions.aflow(request)

    # ---- used by the client ------------------------------------------------------------------

    def ensure_flow(self, timeout: Timeouts) -> Flow:
        """The logins or refreshes that make sure a session exists (nothing with an API
        token): ``client.ensure_session()`` sends them."""
        return _nothing() if self._sessions is None else self._sessions.ensure_flow(timeout)

    def aensure_flow(self, timeout: Timeouts) -> AsyncFlow:
        """``ensure_flow`` for ``AsyncMisaka``."""
        return _anothing() if self._sessions is None else self._sessions.aensure_flow(timeout)

    @property
    def tokens(self) -> Tokens | None:
        """The session in use, or else the stored one this client would resume (so that
        ``logout()`` in a new process revokes it); None with an API token."""
        return None if self._sessions is None else self._sessions.tokens

    def revocation(self) -> dict[str, Any] | None:
        """What ``logout()`` sends to revoke the session, or None when there is none to
        revoke (an API token, or no session held or stored)."""
        return None if self._sessions is None else self._sessions.revocation()

    def forget(self) -> None:
        if self._sessions is not None:
            self._sessions.forget()

    def start_over(self) -> None:
        """Log in anew at the next call (the password checked again) instead of using the
        session held or stored; the store keeps its session until the new one replaces it."""
        if self._sessions is not None:
            self._sessions.start_over()


def _as_is(request: httpx.Request) -> Flow:
    yield request


async def _aas_is(request: httpx.Request) -> AsyncFlow:
    yield request


def _nothing() -> Flow:
    yield from ()


async def _anothing() -> AsyncFlow:
    return
    yield  # an async generator that yields nothing


async def _asend(drive: AsyncFlow, answer: httpx.Response) -> httpx.Request | None:
    try:
        return await drive.asend(answer)
    except StopAsyncIteration:
        return None


def run_flow(flow: Flow, send: Callable[[httpx.Request], httpx.Response]) -> None:
    """Send each request of ``flow`` (streamed: the flow reads the answer, then it is
    closed) until the flow is done."""
    try:
        request = next(flow, None)
        while request is not None:
            answer = send(request)
            try:
                request = _send(flow, answer)
            finally:
                answer.close()
    finally:
        flow.close()


async def arun_flow(
    flow: AsyncFlow, send: Callable[[httpx.Request], Awaitable[httpx.Response]]
) -> None:
    """``run_flow`` for an async flow."""
    try:
        request = await anext(flow, None)
        while request is not None:
            answer = await send(request)
            try:
                request = await _asend(flow, answer)
            finally:
                await answer.aclose()
    finally:
        await flow.aclose()


def _send(flow: Flow, answer: httpx.Response) -> httpx.Request | None:
    try:
        return flow.send(answer)
    except StopIteration:
        return None
