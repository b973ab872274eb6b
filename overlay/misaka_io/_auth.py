"""Authentication as an ``httpx.Auth`` flow.

With an API token the flow only sets the header. With email and password it keeps a web
session: it logs in on first use (through login with 2FA when the account needs it),
refreshes the access token *early*, and *reactively* when a request comes back 401 (refresh
once, replay once). A refresh the server refuses falls back to one login when credentials
are held.

Time is the server's: expiry is judged on the local clock plus the skew measured from the
``iat`` of each new access token (or, for tokens without one and for a resumed session, from
the ``Date`` header of the answers). The early-refresh window is the smaller of
``refresh_skew`` (30 s) and a quarter of the token's lifetime. An early refresh that fails
(5xx, 429, an answer that is not a token, a lost connection) keeps the still-valid access
token and pauses before trying again; an expired one is not kept: login, or the error.

Logins are bounded: at most ``MAX_LOGINS_PER_MINUTE`` per client in any 60 s, then
``TooManyLogins``, and the storm is logged once as a warning.

Refreshes are single-flight: one ``threading.Lock`` for the sync flow, one ``asyncio.Lock``
per event loop for the async one. Whoever takes the lock first refreshes; the others wait,
see a token newer than the one they used, and reuse it.

Across processes that share a store with a lock (``FileTokenStore``): a refresh or a login
is made holding the store's lock (waited for up to ``STORE_LOCK_WAIT`` seconds, polling,
then without it), and begins by reading the store again: a session another process put
there meanwhile is used instead of refreshing. A refresh the server refuses reads the store
once more before it gives up, and a failed session is cleared from the store only while the
store still holds it. The lock is taken by the flow's driver (written for sync and async),
which a step asks for by yielding a ``_hold_store_request()``.

A stored session is resumed only by a client for the same account and base URL.
"""

from __future__ import annotations

import collections
import email.utils
import json
import logging
import threading
import time
import weakref
from collections.abc import AsyncGenerator, Callable, Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx

from misaka_io._body import limit
from misaka_io._config import (
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT,
    ENV_API_TOKEN,
    ENV_EMAIL,
    ENV_PASSWORD,
    Credentials,
)
from misaka_io._deadline import deadline_of
from misaka_io._exceptions import (
    MisakaError,
    MissingCredentialsError,
    ResponseValidationError,
    TooManyLogins,
    TwoFactorRequired,
    status_error,
)
from misaka_io._redact import Redactor
from misaka_io._retry import parse_retry_after
from misaka_io._tokens import (
    LockingTokenStore,
    MemoryTokenStore,
    Tokens,
    TokenStore,
    clear_if_holds,
)

if TYPE_CHECKING:
    import asyncio  # imported where used: a sync program never needs it

log = logging.getLogger("misaka_io")

LOGIN = "/v3/session/login"
LOGIN_2FA = "/v3/session/login/2fa"
REFRESH = "/v3/session/refresh"
LOGOUT = "/v3/session/logout"  # a session step that never logs in: nothing to log out of
# Operations that take no credentials: the flow leaves them alone.
PUBLIC_PATHS = frozenset({LOGIN, LOGIN_2FA, REFRESH, "/v3/account/confirm-email"})

MAX_LOGINS_PER_MINUTE = 5
EARLY_REFRESH_FRACTION = 0.25  # of the token's lifetime, when that is under 4 x refresh_skew
REFRESH_RETRY_PAUSE = 5.0  # after a failed early refresh, at least this long before the next
MAX_REFRESH_PAUSE = 60.0  # ... and at most this long (a Retry-After is honoured up to it)
HALF_SECOND = 0.5  # whole-second times (iat, Date) are read as the middle of their second
STORE_LOCK_WAIT = 10.0  # seconds to wait for another process's refresh before going on
STORE_LOCK_POLL = 0.01
HOLD_STORE = "misaka_io.hold_store"  # the extension that marks a step's ask for the store lock

Flow = Generator[httpx.Request, httpx.Response, None]


def _hold_store_request() -> httpx.Request:
    """Not sent: what a step yields to have its driver take the store's lock."""
    return httpx.Request("LOCK", "http://store.invalid/", extensions={HOLD_STORE: True})


def _is_hold_store(request: httpx.Request) -> bool:
    return bool(request.extensions.get(HOLD_STORE))


@dataclass(frozen=True)
class _Refresh:
    """How a refresh went: new tokens (``done``), refused by the server (the refresh token is
    dead: log in), or failed (``error`` says how; ``wait`` is a Retry-After)."""

    done: bool
    refused: bool = False
    error: MisakaError | None = None
    wait: float = 0.0


class LoginBudget:
    """At most ``limit`` logins in any ``window`` seconds; a storm is logged once, as a
    warning, then refused with ``TooManyLogins`` until the window has room again."""

    def __init__(self, limit: int = MAX_LOGINS_PER_MINUTE, window: float = 60.0) -> None:
        self.limit = limit
        self.window = window
        self._times: collections.deque[float] = collections.deque()
        self._warned = False
        self._lock = threading.Lock()

    def spend(self, now: float) -> None:
        with self._lock:
            while self._times and self._times[0] <= now - self.window:
                self._times.popleft()
            if len(self._times) < self.limit:
                self._times.append(now)
                self._warned = False
                return
            wait = self._times[0] + self.window - now
            first, self._warned = not self._warned, True
        if first:
            log.warning(
                "misaka_io: login storm: %d logins in the last %.0f s; no more logins for "
                "%.0f s (does the server refuse every token, or is a clock wrong?)",
                self.limit,
                self.window,
                wait,
            )
        raise TooManyLogins(
            f"{self.limit} logins in the last minute (at most {self.limit} per minute): "
            f"not logging in again for {wait:.0f} s",
            retry_after=wait,
        )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _http_date(value: str | None) -> float | None:
    if not value:
        return None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return None if when is None or when.tzinfo is None else when.timestamp()


class MisakaAuth(httpx.Auth):
    def __init__(
        self,
        credentials: Credentials,
        base_url: httpx.URL,
        redactor: Redactor,
        *,
        token_store: TokenStore | None = None,
        refresh_skew: float = 30.0,
        clock: Callable[[], float] = time.time,
        max_logins_per_minute: int = MAX_LOGINS_PER_MINUTE,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        self.credentials = credentials
        self.max_response_bytes = max_response_bytes  # for the answers the session reads
        self.base_url = base_url
        self._prefix = base_url.raw_path.decode("ascii").rstrip("/")
        # Where a stored session must have been opened (no userinfo: it is written to disk).
        self._where = str(base_url.copy_with(username=None, password=None))
        self.redactor = redactor
        self.store: TokenStore = token_store or MemoryTokenStore()
        self.refresh_skew = refresh_skew
        self.clock = clock  # the local wall clock
        self.monotonic: Callable[[], float] = time.monotonic  # paces the login budget
        self.sleep: Callable[[float], None] = time.sleep  # between tries of the store's lock
        self._holding = False  # this flow holds the store's lock
        self.budget = LoginBudget(max_logins_per_minute)
        self.skew = 0.0  # server clock minus local clock, as last measured
        self.logins = 0
        self.refreshes = 0
        self._tokens: Tokens | None = None
        self._skew_from_token = False  # the current token's iat measured the skew
        self._lifetime: float | None = None  # of the current access token, in seconds
        self._refresh_not_before = 0.0  # server time; set after a failed early refresh
        self._loaded = False
        self._load_lock = threading.Lock()
        self._thread_lock = threading.Lock()
        self._loop_locks_guard = threading.Lock()
        self._loop_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )
        redactor.add(credentials.api_token, credentials.password)
        if isinstance(credentials.otp, str):
            redactor.add(credentials.otp)

    def __repr__(self) -> str:
        return f"MisakaAuth(kind={self.credentials.kind!r}, tokens={self._tokens!r})"

    # ---- the flows ------------------------------------------------------------------------

    def _needs_no_session(self, request: httpx.Request) -> bool:
        """True (with the header set if need be) when no session step is needed: a public
        operation, or an API token."""
        if request.url.path.removeprefix(self._prefix) in PUBLIC_PATHS:
            return True
        if self.credentials.api_token:
            request.headers["Authorization"] = (
                f"{self.credentials.token_prefix} {self.credentials.api_token}"
            )
            return True
        return False

    def sync_auth_flow(self, request: httpx.Request) -> Flow:
        if self._needs_no_session(request):
            yield request
            return
        may_login = self._may_login(request)
        used, refused = "", None
        while True:  # at most twice: the request, and once more after a 401
            with self._thread_lock:
                yield from self._drive(self._step(used, refused, may_login), request)
                used = self._set_bearer(request)
            response = yield request
            self._observe(response)
            if response.status_code != 401 or refused is not None:
                return
            self._read(response)
            refused = response

    def _step(self, used: str, refused: httpx.Response | None, may_login: bool) -> Flow:
        """What the session does before a request is sent: make sure of a fresh token, or,
        after the server refused the token ``used``, recover once."""
        if refused is None:
            return self._ensure_fresh(may_login)
        return self._recover(used, refused, may_login)

    def _try_store(self, started: float) -> bool:
        """Take the store's lock for this step; True when taken, or when it has been waited
        for ``STORE_LOCK_WAIT`` seconds (the step then goes on without it, and says so)."""
        store = self.store
        if not isinstance(store, LockingTokenStore) or store.try_lock():
            self._holding = isinstance(store, LockingTokenStore)
            return True
        if self.monotonic() - started < STORE_LOCK_WAIT:
            return False
        log.warning(
            "misaka_io: the token store stayed locked for %.0f s (another process is "
            "refreshing?); going on without the lock",
            STORE_LOCK_WAIT,
        )
        return True

    def _release_store(self) -> None:
        if self._holding and isinstance(self.store, LockingTokenStore):
            self._holding = False
            self.store.unlock()

    @staticmethod
    def _advance(
        step: Flow, answer: httpx.Response | None, caller: httpx.Request
    ) -> httpx.Request | None:
        """The step's next request, within the time limits of the call that needs it (a
        login is part of that call's attempt), or None when the step is done."""
        try:
            sub = step.send(answer)  # type: ignore[arg-type]  # None starts the step
        except StopIteration:
            return None
        sub.extensions["timeout"] = caller.extensions.get("timeout") or DEFAULT_TIMEOUT.as_dict()
        return sub

    def _drive(self, step: Flow, caller: httpx.Request) -> Flow:
        """Run a session step, reading each answer's body before handing it over; a step
        left unfinished (the connection broke, the call was cancelled) is closed."""
        try:
            sub = self._advance(step, None, caller)
            while sub is not None:
                answer: httpx.Response | None = None
                if _is_hold_store(sub):
                    started = self.monotonic()
                    while not self._try_store(started):
                        self.sleep(STORE_LOCK_POLL)
                else:
                    answer = yield sub
                    self._read(answer)
                sub = self._advance(step, answer, caller)
        finally:
            step.close()
            self._release_store()

    def _read(self, answer: httpx.Response) -> None:
        limit(answer, self.max_response_bytes, deadline_of(answer.request))
        answer.read()

    async def _aread(self, answer: httpx.Response) -> None:
        limit(answer, self.max_response_bytes, deadline_of(answer.request))
        await answer.aread()

    def _loop_lock(self) -> asyncio.Lock:
        """The single-flight lock of the running event loop (an asyncio lock serves one loop)."""
        import asyncio

        loop = asyncio.get_running_loop()
        with self._loop_locks_guard:
            lock = self._loop_locks.get(loop)
            if lock is None:
                lock = self._loop_locks[loop] = asyncio.Lock()
        return lock

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        import asyncio

        if self._needs_no_session(request):
            yield request
            return
        may_login = self._may_login(request)
        lock = self._loop_lock()
        used, refused = "", None
        while True:  # at most twice: the request, and once more after a 401
            async with lock:
                step = self._step(used, refused, may_login)
                try:
                    sub = self._advance(step, None, request)
                    while sub is not None:
                        answer: httpx.Response | None = None
                        if _is_hold_store(sub):
                            started = self.monotonic()
                            # another process holds it: a file lock can only be polled
                            while True:
                                if self._try_store(started):
                                    break
                                await asyncio.sleep(STORE_LOCK_POLL)
                        else:
                            answer = yield sub
                            await self._aread(answer)
                        sub = self._advance(step, answer, request)
                finally:
                    step.close()
                    self._release_store()
                used = self._set_bearer(request)
            response = yield request
            self._observe(response)
            if response.status_code != 401 or refused is not None:
                return
            await self._aread(response)
            refused = response

    def _set_bearer(self, request: httpx.Request) -> str:
        """The session's token on the request; none when there is no session (logged out
        meanwhile, or a logout without one): the server's 401 then says so."""
        tokens = self._tokens
        if tokens is None:
            request.headers.pop("Authorization", None)
            return ""
        request.headers["Authorization"] = f"Bearer {tokens.access}"
        return tokens.access

    def _may_login(self, request: httpx.Request) -> bool:
        """Whether this call may log in (never to log out), with credentials to do so."""
        return request.url.path.removeprefix(self._prefix) != LOGOUT and self._can_login()

    # ---- the server's clock ---------------------------------------------------------------

    def server_now(self) -> float:
        return self.clock() + self.skew

    def _observe(self, response: httpx.Response) -> None:
        """Measure the skew from an answer's ``Date``, unless the token's ``iat`` did."""
        if not self._skew_from_token:
            when = _http_date(response.headers.get("date"))
            if when is not None:
                self.skew = when + HALF_SECOND - self.clock()

    def _window(self) -> float:
        """How long before expiry a token is refreshed: at most ``refresh_skew``, and a
        fraction of its lifetime, so a token shorter than the window is not refreshed on
        every request."""
        if self._lifetime is None or self._lifetime <= 0:
            return self.refresh_skew
        return min(self.refresh_skew, EARLY_REFRESH_FRACTION * self._lifetime)

    # ---- session steps (generators that yield the requests they need) ---------------------

    def _ensure_fresh(self, may_login: bool) -> Flow:
        self._load_stored()
        tokens = self._tokens
        if tokens is None:
            if may_login or not self._can_login():  # without credentials: say which are missing
                yield from self._login()
            return
        exp = tokens.expires_at("access")
        now = self.server_now()
        if exp is None or now < exp - self._window():
            return
        if now < exp:
            yield from self._refresh_early(exp, may_login)
        else:
            yield from self._renew(may_login)

    def _refresh_early(self, exp: float, may_login: bool) -> Flow:
        """The token is still valid: renew it, and if that fails keep using it for now."""
        if self.server_now() < self._refresh_not_before:
            return
        result = yield from self._refresh()
        if result.done:
            return
        error = result.error
        if result.refused and may_login:
            try:
                yield from self._login()
                return
            except MisakaError as exc:
                error = exc
        left = max(0.0, exp - self.server_now())
        if result.refused and not may_login:
            self._refresh_not_before = exp  # nothing to gain before it expires
        else:
            pause = min(max(REFRESH_RETRY_PAUSE, result.wait), MAX_REFRESH_PAUSE, left / 2)
            self._refresh_not_before = self.server_now() + pause
        why = self.redactor.scrub(str(error)) if error else "no refresh token"
        log.warning(
            "misaka_io: early refresh failed (%s); the access token is still valid for %.0f s",
            why,
            left,
        )

    def _renew(self, may_login: bool) -> Flow:
        """The token has expired: refresh it, or log in again; raise when neither works."""
        result = yield from self._refresh()
        if result.done:
            return
        if may_login:
            yield from self._login()
            return
        if result.error is None:
            return  # no refresh token to try: the request's own 401 will say so
        if result.refused:
            self._forget()
        raise result.error

    def _recover(self, used: str, unauthorized: httpx.Response, may_login: bool) -> Flow:
        """A request was refused with 401: refresh or log in once, or raise."""
        if self._tokens is not None and self._tokens.access != used:
            return  # refreshed by someone else while this request was out
        result = yield from self._refresh()
        if result.done:
            return
        if may_login:
            yield from self._login()
            return
        if result.refused:
            self._forget()
        raise result.error or status_error(unauthorized, self.redactor)

    def _hold_store(self) -> Flow:
        """Have the driver take the store's lock (once per step), when the store has one."""
        if isinstance(self.store, LockingTokenStore) and not self._holding:
            yield _hold_store_request()

    def _newer_stored(self) -> Tokens | None:
        """The store's session when another client put a newer one there for this account
        and API (not one issued before the session in use)."""
        stored, current = self.store.load(), self._tokens
        if stored is None or not stored.belongs_to(self.credentials.email, self._where):
            return None
        if current is None:
            return stored
        if stored.same_session(current):
            return None
        issued, ours = stored.issued_at("access"), current.issued_at("access")
        if issued is not None and ours is not None and issued < ours:
            return None
        return stored

    def _adopt_newer(self) -> bool:
        """Use the newer stored session, if there is one; True when it has not expired."""
        newer = self._newer_stored()
        if newer is None:
            return False
        self._remember(newer, received=False)
        log.debug("misaka_io: using the session another client stored")
        exp = newer.expires_at("access")
        return exp is None or self.server_now() < exp

    def _refresh(self) -> Generator[httpx.Request, httpx.Response, _Refresh]:
        yield from self._hold_store()
        if self._adopt_newer():
            return _Refresh(done=True)
        tokens = self._tokens
        if tokens is None or not tokens.refresh:
            return _Refresh(done=False, refused=True)
        refresh_exp = tokens.expires_at("refresh")
        if refresh_exp is not None and refresh_exp <= self.server_now():
            return _Refresh(done=False, refused=True)
        try:
            response = yield self._request(REFRESH, {"refresh": tokens.refresh})
        except GeneratorExit:  # the answer never came: a failed attempt, paused like one
            self._refresh_not_before = self.server_now() + REFRESH_RETRY_PAUSE
            raise
        self._observe(response)
        if response.status_code != 200:
            refused = response.status_code < 500 and response.status_code not in (408, 429)
            if refused and self._adopt_newer():  # rotated by a client that holds no lock
                return _Refresh(done=True)
            return _Refresh(
                done=False,
                refused=refused,
                error=status_error(response, self.redactor),
                wait=parse_retry_after(response.headers.get("retry-after")) or 0.0,
            )
        data = self._json(response)
        access = data.get("access") if isinstance(data, dict) else None
        if not (isinstance(access, str) and access):
            error = ResponseValidationError(
                "refresh answered 200 without an access token",
                response=response,
                raw=response.content,
                field="access",
                model="RefreshResponse",
            )
            return _Refresh(done=False, error=error)
        refresh = data.get("refresh")
        self.refreshes += 1
        self._remember(
            self._issue(access, refresh if isinstance(refresh, str) else tokens.refresh, None)
        )
        log.debug("misaka_io: access token refreshed")
        return _Refresh(done=True)

    def _can_login(self) -> bool:
        return bool(self.credentials.email and self.credentials.password)

    def _login(self) -> Flow:
        creds = self.credentials
        if not self._can_login():
            raise MissingCredentialsError(
                "no credentials: pass api_token=, or email= and password=, or set "
                f"{ENV_API_TOKEN} (or {ENV_EMAIL} and {ENV_PASSWORD})"
            )
        yield from self._hold_store()
        self.budget.spend(self.monotonic())
        body: dict[str, Any] = {"email": creds.email, "password": creds.password}
        if creds.sliding:
            body["sliding"] = True
        response = yield self._request(LOGIN, body)
        self._observe(response)
        data = self._checked(response, "LoginResponse")
        if not data.get("access"):
            code = creds.otp() if callable(creds.otp) else creds.otp
            if not code:
                raise TwoFactorRequired(
                    "this account uses two-factor authentication: pass otp= (the code, or a "
                    "callable that returns the current code)"
                )
            self.redactor.add(code)
            response = yield self._request(LOGIN_2FA, {**body, "otp": code})
            self._observe(response)
            data = self._checked(response, "LoginResponse")
        access, refresh, sliding = (data.get(k) for k in ("access", "refresh", "sliding_token"))
        if not (isinstance(access, str) and access):
            raise ResponseValidationError(
                "login answered without an access token",
                response=response,
                raw=response.content,
                field="access",
                model="LoginResponse",
            )
        self.logins += 1
        self._remember(self._issue(access, _text(refresh), _text(sliding)))
        log.debug("misaka_io: logged in as %s", self.redactor.scrub(str(creds.email)))

    # ---- helpers --------------------------------------------------------------------------

    def _request(self, path: str, body: dict[str, Any]) -> httpx.Request:
        url = self.base_url.copy_with(raw_path=(self._prefix + path).encode("ascii"))
        return httpx.Request("POST", url, json=body)

    def _json(self, response: httpx.Response) -> Any:
        try:
            return json.loads(response.content)
        except (ValueError, RecursionError):
            return None

    def _checked(self, response: httpx.Response, model: str) -> dict[str, Any]:
        if response.status_code != 200:
            raise status_error(response, self.redactor)
        data = self._json(response)
        if not isinstance(data, dict):
            raise ResponseValidationError(
                f"{response.request.url.path} answered 200 with a body that is not a JSON object",
                response=response,
                raw=response.content,
                field=None,
                model=model,
            )
        return data

    def _issue(self, access: str, refresh: str | None, sliding: str | None) -> Tokens:
        """New tokens, labelled with who (the account) and where (the base URL)."""
        current = self._tokens
        return Tokens(
            access,
            refresh,
            sliding if sliding is not None else (current.sliding if current else None),
            account=self.credentials.email or (current.account if current else None),
            base_url=self._where,
        )

    def _remember(self, tokens: Tokens, *, received: bool = True) -> None:
        """Use these tokens: just ``received`` from the server (measure the skew from their
        ``iat``, save them), or resumed from the store."""
        self.redactor.add(tokens.access, tokens.refresh, tokens.sliding)
        exp, iat = tokens.expires_at("access"), tokens.issued_at("access")
        self._skew_from_token = received and iat is not None
        if received and iat is not None:
            self.skew = iat + HALF_SECOND - self.clock()
        start = iat if iat is not None else (self.server_now() if received else None)
        self._lifetime = exp - start if exp is not None and start is not None else None
        self._refresh_not_before = 0.0
        self._tokens = tokens
        if received:
            self.store.save(tokens)

    def _load_stored(self) -> None:
        """Resume the stored session once, if it was opened for this account and API."""
        with self._load_lock:
            if self._loaded:
                return
            stored = self.store.load()
            self._loaded = True
            if stored is None or self._tokens is not None:
                return
            if not stored.belongs_to(self.credentials.email, self._where):
                log.info("misaka_io: the stored session is for another account or API: not resumed")
                return
            self._remember(stored, received=False)

    def _forget(self, *, logged_out: bool = False) -> None:
        """Drop the session, and clear the store: after a logout, or when the session failed
        and the store still holds it (a newer one another client stored is kept)."""
        held, self._tokens, self._lifetime = self._tokens, None, None
        self._loaded = True  # nothing left to resume
        if held is None:
            return
        if logged_out:
            self.store.clear()
        elif not clear_if_holds(self.store, held):
            log.info("misaka_io: the stored session is newer than the one that failed: kept")

    # ---- used by the client ---------------------------------------------------------------

    @property
    def tokens(self) -> Tokens | None:
        """The session in use, or else the stored one this client would resume (so that
        ``logout()`` in a new process revokes it)."""
        if not self.credentials.api_token:
            self._load_stored()
        return self._tokens

    def forget(self) -> None:
        with self._thread_lock:
            self._forget(logged_out=True)

    def start_over(self) -> None:
        """Log in anew at the next call (the password checked again) instead of using the
        session held or stored; the store keeps its session until the new one replaces it."""
        with self._thread_lock, self._load_lock:
            self._tokens, self._lifetime, self._loaded = None, None, True
