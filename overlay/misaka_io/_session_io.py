"""The I/O that the session state machine asks for, for a client with email and password.

``_session.Session`` decides (log in, refresh early or after a refused token, adopt a session
another process stored); ``SessionIO`` sends the logins and refreshes a step asks for, reads
their answers within the size limit and the caller's timeouts, takes the token store's lock,
and sets the bearer token. A step's request is the spec's operation for that step (its
``x-misaka-session``), made by the generated request builder and the client's own build step,
as every call is. A request whose token the server refused (401, or a 403 whose ``code`` is
the spec's known value) is recovered once and replayed once. ``_auth.MisakaAuth`` hands it
the requests that need the session; a client with an API token never loads it. Whether a
request may log in is decided from its operation (a logout never does).

Refreshes are single-flight: one ``threading.Lock`` for the sync flow, one ``asyncio.Lock``
per event loop for the async one. Whoever takes the lock first refreshes; the others wait,
see a token newer than the one they used, and reuse it.

Across processes that share a store with a lock (``FileTokenStore``): a step that asks for
the store's lock gets it here (waited for up to ``STORE_LOCK_WAIT`` seconds on the injected
monotonic clock, polling with the injected sleep, then it goes on without it).
"""

from __future__ import annotations

import contextlib
import inspect
import logging
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, cast

import httpx

if TYPE_CHECKING:
    import asyncio  # the module itself only where the async client runs: start-up

    from misaka_io._table_types import SessionStep
    from misaka_io_generated.types import Request

from misaka_io._body import limit
from misaka_io._config import DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT, Credentials
from misaka_io._deadline import deadline_of
from misaka_io._flow import AsyncFlow, Flow, Timeouts, asend_to
from misaka_io._login_budget import MAX_LOGINS_PER_MINUTE
from misaka_io._redact import Redactor
from misaka_io._session import HOLD_STORE, Ask, Session, Step, refuses_token
from misaka_io._table_types import builder, operation_of, session_step
from misaka_io._tokens import LockingTokenStore, MemoryTokenStore, Tokens, TokenStore

log = logging.getLogger("misaka_io")

# A refused session token: any 401, and a 403 with the spec's known ``code`` for it
# (djangorestframework-simplejwt's, facts section 4c): refresh once (or log in), then send
# the request once more.
REFUSED_STATUSES = (401, 403)

STORE_LOCK_WAIT = 10.0  # seconds to wait for another process's refresh before going on
STORE_LOCK_POLL = 0.01


class SessionIO:
    """A ``Session`` (the decisions) and the I/O it asks for."""

    def __init__(
        self,
        credentials: Credentials,
        base_url: httpx.URL,
        redactor: Redactor,
        *,
        token_store: TokenStore | None = None,
        refresh_skew: float = 30.0,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Any] = time.sleep,  # or an async one, for the async flow
        max_logins_per_minute: int = MAX_LOGINS_PER_MINUTE,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        build: Callable[[Request[Any], Timeouts], httpx.Request],
    ) -> None:
        self.max_response_bytes = max_response_bytes  # for the answers the session reads
        self.base_url = base_url
        self._build = build  # the client's build step, as for every call
        self.store: TokenStore = token_store or MemoryTokenStore()
        self.monotonic = monotonic  # paces the waits for the store's lock
        self.sleep = sleep  # between tries of the store's lock
        self.session = Session(
            credentials,
            # Where a stored session must have been opened (no userinfo: it is written to disk).
            str(base_url.copy_with(username=None, password=None)),
            redactor,
            self.store,
            clock=clock,
            monotonic=monotonic,
            refresh_skew=refresh_skew,
            max_logins_per_minute=max_logins_per_minute,
        )
        self._thread_lock = threading.Lock()
        self._loop_locks_guard = threading.Lock()
        self._loop_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )

    def __repr__(self) -> str:
        return f"SessionIO({self.session!r})"

    # ---- the flows ---------------------------------------------------------------------------

    def _may_login(self, request: httpx.Request) -> bool:
        """Whether this call may log in (never to log out), with credentials to do so."""
        operation = operation_of(request)
        logout = operation is not None and operation["session"] == "logout"
        return not logout and self.session.can_login()

    def flow(self, request: httpx.Request) -> Flow:
        """The sync flow of a request that needs the session."""
        may_login, timeout = self._may_login(request), _timeouts(request)
        used, refused = "", None
        while True:  # at most twice: the request, and once more after a refused token
            with self._thread_lock:
                yield from self._drive(self.session.before_send(used, refused, may_login), timeout)
                used = self._set_bearer(request)
            response = yield request
            self.session.saw(response)
            if refused is not None or response.status_code not in REFUSED_STATUSES:
                return
            self._read(response)
            if not refuses_token(response):
                return
            refused = response

    async def aflow(self, request: httpx.Request) -> AsyncFlow:
        """``flow`` for the async client."""
        may_login, timeout = self._may_login(request), _timeouts(request)
        used: list[str] = [""]
        refused = None
        while True:  # at most twice: the request, and once more after a refused token
            step = self.session.before_send(used[-1], refused, may_login)
            drive = self._adrive(step, timeout, then=lambda: used.append(self._set_bearer(request)))
            try:
                sub = await anext(drive, None)
                while sub is not None:
                    sub = await asend_to(drive, (yield sub))
            finally:
                await drive.aclose()
            response = yield request
            self.session.saw(response)
            if refused is not None or response.status_code not in REFUSED_STATUSES:
                return
            await self._aread(response)
            if not refuses_token(response):
                return
            refused = response

    def _set_bearer(self, request: httpx.Request) -> str:
        """The session's token on the request; none when there is no session (logged out
        meanwhile, or a logout without one): the server's 401 then says so."""
        access = self.session.access()
        if access is None:
            request.headers.pop("Authorization", None)
            return ""
        request.headers["Authorization"] = f"Bearer {access}"
        return access

    # ---- a session step's I/O ----------------------------------------------------------------

    def _request(self, ask: Ask, timeout: Timeouts) -> httpx.Request:
        """The request a step asked for: the spec's operation for that step, made by its
        generated request builder and the client's build step, within the timeouts of the
        call that needs it (a login is part of that call's attempt)."""
        step = session_step(cast("SessionStep", ask.kind))
        built = builder(step).build_request(body=dict(ask.body))
        return self._build(built, timeout)

    def _drive(self, step: Step, timeout: Timeouts) -> Flow:
        """Run a session step, reading each answer's body before handing it over; a step
        left unfinished (the connection broke, the call was cancelled) is closed."""
        with self._holding(step) as holding:
            ask = _next(step, None)
            while ask is not None:
                answer: httpx.Response | None = None
                if ask.kind == HOLD_STORE:
                    if not any(holding):
                        holding.append(self._take_store())
                else:
                    answer = yield self._request(ask, timeout)
                    self._read(answer)
                ask = _next(step, answer)

    async def _adrive(
        self, step: Step, timeout: Timeouts, then: Callable[[], object] | None = None
    ) -> AsyncFlow:
        """``_drive`` for the async flow, under the event loop's single-flight lock, and then
        ``then`` (still under it): the one async drive of both async flows."""
        async with self._loop_lock():
            with self._holding(step) as holding:
                ask = _next(step, None)
                while ask is not None:
                    answer: httpx.Response | None = None
                    if ask.kind == HOLD_STORE:
                        if not any(holding):
                            holding.append(await self._atake_store())
                    else:
                        answer = yield self._request(ask, timeout)
                        await self._aread(answer)
                    ask = _next(step, answer)
            if then is not None:
                then()

    @contextlib.contextmanager
    def _holding(self, step: Step) -> Iterator[list[bool]]:
        """Whether the store's lock is held (appended to by a step's ``HOLD_STORE``): given
        back, and the step closed, however the drive ends."""
        held: list[bool] = []
        try:
            yield held
        finally:
            step.close()
            if any(held):
                self._release_store()

    def _read(self, answer: httpx.Response) -> None:
        self._limit(answer)
        answer.read()

    async def _aread(self, answer: httpx.Response) -> None:
        self._limit(answer)
        await answer.aread()

    def _limit(self, answer: httpx.Response) -> None:
        """The answer's body within the size limit and its attempt's deadline."""
        deadline = deadline_of(answer.request)
        if deadline is None:
            limit(answer, self.max_response_bytes)
        else:
            limit(answer, self.max_response_bytes, deadline.at, deadline.clock)

    # ---- the store's lock --------------------------------------------------------------------

    def _try_store(self, started: float) -> bool | None:
        """True: the store's lock is taken; False: not yet (poll again); None: it has been
        waited for ``STORE_LOCK_WAIT`` seconds, the step goes on without it (and says so)."""
        store = self.store
        if not isinstance(store, LockingTokenStore):
            return None
        if store.try_lock():
            return True
        if self.monotonic() - started < STORE_LOCK_WAIT:
            return False
        log.warning(
            "misaka_io: the token store stayed locked for %.0f s (another process is "
            "refreshing?); going on without the lock",
            STORE_LOCK_WAIT,
        )
        return None

    def _take_store(self) -> bool:
        """Wait for the store's lock; True when it is held."""
        started = self.monotonic()
        while (taken := self._try_store(started)) is False:
            self.sleep(STORE_LOCK_POLL)
        return bool(taken)

    async def _atake_store(self) -> bool:
        started = self.monotonic()
        # another process holds it: a file lock can only be polled
        while (taken := self._try_store(started)) is False:
            waited = self.sleep(STORE_LOCK_POLL)
            if inspect.isawaitable(waited):
                await waited
        return bool(taken)

    def _release_store(self) -> None:
        if isinstance(self.store, LockingTokenStore):
            self.store.unlock()

    def _loop_lock(self) -> asyncio.Lock:
        """The single-flight lock of the running event loop (an asyncio lock serves one loop)."""
        import asyncio

        loop = asyncio.get_running_loop()
        with self._loop_locks_guard:
            lock = self._loop_locks.get(loop)
            if lock is None:
                lock = self._loop_locks[loop] = asyncio.Lock()
        return lock

    # ---- used by the client, through MisakaAuth ---------------------------------------------

    def ensure_flow(self, timeout: Timeouts) -> Flow:
        """The logins or refreshes that make sure a session exists (nothing with an API
        token): ``client.ensure_session()`` sends them."""
        with self._thread_lock:
            step = self.session.before_send("", None, self.session.can_login())
            yield from self._drive(step, timeout)

    def aensure_flow(self, timeout: Timeouts) -> AsyncFlow:
        """``ensure_flow`` for ``AsyncMisaka``."""
        return self._adrive(self.session.before_send("", None, self.session.can_login()), timeout)

    @property
    def tokens(self) -> Tokens | None:
        """The session in use, or else the stored one this client would resume (so that
        ``logout()`` in a new process revokes it)."""
        return self.session.tokens

    def revocation(self) -> dict[str, Any] | None:
        """What ``logout()`` sends to revoke the session, or None when there is none to
        revoke (an API token, or no session held or stored)."""
        tokens = self.tokens
        return None if tokens is None else {"refresh": tokens.refresh}

    def forget(self) -> None:
        with self._thread_lock:
            self.session.forget(logged_out=True)

    def start_over(self) -> None:
        """Log in anew at the next call (the password checked again) instead of using the
        session held or stored; the store keeps its session until the new one replaces it."""
        with self._thread_lock:
            self.session.start_over()

    # The async twins wait, as the sync ones do, for a login or refresh another task has out:
    # its answer, landing afterwards, would otherwise bring back the session just dropped.

    async def aforget(self) -> None:
        async with self._loop_lock():
            self.forget()

    async def astart_over(self) -> None:
        async with self._loop_lock():
            self.start_over()


def _timeouts(request: httpx.Request) -> Timeouts:
    timeout: Timeouts | None = request.extensions.get("timeout")
    return timeout or DEFAULT_TIMEOUT.as_dict()


def _next(step: Step, answer: httpx.Response | None) -> Ask | None:
    """The step's next ask, or None when it is done (None starts it)."""
    try:
        return step.send(answer)
    except StopIteration:
        return None
