"""Authentication as an ``httpx.Auth`` flow: which requests carry which credentials.

Every request names the operation it was built from (``_table_types.operation_of``): a public
operation (the spec's ``security: []``) goes as it is; with an API token the flow only sets
the ``Authorization`` header; with email and password the request is handed to
``_session_io.SessionIO`` (the session state machine and the I/O it asks for), which is
loaded only then: a client with an API token never imports the session's state machine or
its login answers (start-up). The flow plumbing both use is ``_flow``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

import httpx

from misaka_io._config import Credentials
from misaka_io._flow import AsyncFlow, Flow, Timeouts, aas_is, anothing, as_is, nothing
from misaka_io._redact import Redactor
from misaka_io._table_types import operation_of
from misaka_io._tokens import MemoryTokenStore, TokenStore

if TYPE_CHECKING:
    from misaka_io._session_io import SessionIO
    from misaka_io._tokens import Tokens
    from misaka_io_generated.types import Request


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
        build: Callable[[Request[Any], Timeouts], httpx.Request],
        token_store: TokenStore | None = None,
        **session: Unpack[SessionOptions],
    ) -> None:
        """``build`` is the client's build step: the session's own requests (login,
        refresh) are made by it, as every call is."""
        self.credentials = credentials
        # Where the session is kept (given, else in memory); unused with an API token.
        self.store: TokenStore = token_store or MemoryTokenStore()
        self._sessions: SessionIO | None = None
        if not credentials.api_token:
            from misaka_io._session_io import SessionIO

            self._sessions = SessionIO(
                credentials, base_url, redactor, token_store=self.store, build=build, **session
            )

    def __repr__(self) -> str:
        return f"MisakaAuth({self._sessions or self.credentials.kind!r})"

    # ---- the flows ---------------------------------------------------------------------------

    def _session_for(self, request: httpx.Request) -> SessionIO | None:
        """The session that ``request`` needs, or None (with the header set if need be): a
        public operation, or an API token."""
        operation = operation_of(request)
        if operation is not None and operation["public"]:
            return None
        if self._sessions is None:
            request.headers["Authorization"] = (
                f"{self.credentials.token_prefix} {self.credentials.api_token}"
            )
        return self._sessions

    def sync_auth_flow(self, request: httpx.Request) -> Flow:
        sessions = self._session_for(request)
        return as_is(request) if sessions is None else sessions.flow(request)

    def async_auth_flow(self, request: httpx.Request) -> AsyncFlow:
        sessions = self._session_for(request)
        return aas_is(request) if sessions is None else sessions.aflow(request)

    # ---- used by the client ------------------------------------------------------------------

    def ensure_flow(self, timeout: Timeouts) -> Flow:
        """The logins or refreshes that make sure a session exists (nothing with an API
        token): ``client.ensure_session()`` sends them."""
        return nothing() if self._sessions is None else self._sessions.ensure_flow(timeout)

    def aensure_flow(self, timeout: Timeouts) -> AsyncFlow:
        """``ensure_flow`` for ``AsyncMisaka``."""
        return anothing() if self._sessions is None else self._sessions.aensure_flow(timeout)

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

    async def aforget(self) -> None:
        """``forget`` for ``AsyncMisaka``: after a login or refresh another task has out."""
        if self._sessions is not None:
            await self._sessions.aforget()

    async def astart_over(self) -> None:
        """``start_over`` for ``AsyncMisaka``: after a login or refresh another task has out."""
        if self._sessions is not None:
            await self._sessions.astart_over()
