"""The web session as a state machine without I/O: what to do before a request is sent.

It owns the session's tokens, the refresh policy, the server's clock (``ServerClock``), the
login budget, resuming a session from the token store, adopting a newer session another
process stored, and clearing a failed one from the store only while the store still holds it.
It sends nothing and waits for nothing: a step is a generator that yields an ``Ask`` (log in,
log in with the second factor, refresh, or take the store's lock) and is sent back the
answer (an ``httpx.Response`` whose body is read; None for the lock). An ``Ask`` names the
session step as the spec does (``x-misaka-session``); ``_session_io.SessionIO`` sends that
step's operation, for the sync and the async flow alike. Answers are read through the
operation's models (``_login_answer``); any 2xx is success. Time comes from the injected
clocks.

Policy: a token is refreshed *early*, within the smaller of ``refresh_skew`` and a quarter of
its lifetime before it expires, and *reactively* after the server refused it (once). An
early refresh that fails (5xx, 429, an answer that is not a token, a lost connection) keeps
the still-valid token and pauses before trying again; an expired one is not kept: log in, or
raise. A refresh the server refuses falls back to one login when credentials are held.

A store that cannot be written (a read-only or full filesystem) loses nothing: the new tokens
are used all the same, one warning names the store, and the stored session is left as it was
(never cleared). A client whose stored session was renewed by such a run cannot share the new
one: its refused refresh says why (``StoreNotWritable``) instead of a bare 401.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from misaka_io._config import ENV_API_TOKEN, ENV_EMAIL, ENV_PASSWORD, Credentials
from misaka_io._exceptions import (
    MisakaError,
    MissingCredentialsError,
    ResponseValidationError,
    StoreNotWritable,
    TwoFactorRequired,
    status_error,
)
from misaka_io._login_answer import SessionTokens, read_answer
from misaka_io._login_budget import MAX_LOGINS_PER_MINUTE, LoginBudget
from misaka_io._redact import Redactor
from misaka_io._retry import parse_retry_after
from misaka_io._server_clock import ServerClock
from misaka_io._table_types import SessionStep, known_values
from misaka_io._tokens import (
    LockingTokenStore,
    ProbedTokenStore,
    Tokens,
    TokenStore,
    clear_if_holds,
    store_name,
)

log = logging.getLogger("misaka_io")

EARLY_REFRESH_FRACTION = 0.25  # of the token's lifetime, when that is under 4 x refresh_skew
REFRESH_RETRY_PAUSE = 5.0  # after a failed early refresh, at least this long before the next
MAX_REFRESH_PAUSE = 60.0  # ... and at most this long (a Retry-After is honoured up to it)

# What a step may ask for: the first three are the spec's session steps (``x-misaka-session``),
# sent with ``Ask.body``; the last takes the store's lock.
LOGIN: SessionStep = "login"
LOGIN_2FA: SessionStep = "second-factor"
REFRESH: SessionStep = "refresh"
HOLD_STORE = "hold_store"


@dataclass(frozen=True, repr=False)
class Ask:
    """What a step needs done before it can go on: send ``kind`` with ``body``, or (for
    ``HOLD_STORE``) take the store's lock. ``repr`` never shows the body (a password)."""

    kind: str
    body: Mapping[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"Ask({self.kind!r})"


Step = Generator[Ask, httpx.Response | None, None]


@dataclass(frozen=True)
class _Refresh:
    """How a refresh went: new tokens (``done``), refused by the server (the refresh token is
    dead: log in), or failed (``error`` says how; ``wait`` is a Retry-After)."""

    done: bool
    refused: bool = False
    error: MisakaError | None = None
    wait: float = 0.0


def _json(response: httpx.Response) -> Any:
    try:
        return json.loads(response.content)
    except (ValueError, RecursionError):
        return None


def refuses_token(response: httpx.Response) -> bool:
    """Whether an answer (its body read) refuses the session token: any 401, or a 403 whose
    ``code`` is a known value of the spec's ``Error.code`` (``token_not_valid``)."""
    if response.status_code != 403:
        return response.status_code == 401
    data = _json(response)
    return isinstance(data, dict) and data.get("code") in known_values("Error", "code")


class Session:
    """The session of one client: its state, and the steps that change it."""

    def __init__(
        self,
        credentials: Credentials,
        where: str,
        redactor: Redactor,
        store: TokenStore,
        *,
        clock: Callable[[], float],
        monotonic: Callable[[], float],
        refresh_skew: float = 30.0,
        max_logins_per_minute: int = MAX_LOGINS_PER_MINUTE,
    ) -> None:
        self.credentials = credentials
        self.where = where  # the API a stored session must have been opened on
        self.redactor = redactor
        self.store = store
        self.clock = ServerClock(clock)
        self.monotonic = monotonic  # paces the login budget
        self.refresh_skew = refresh_skew
        self.budget = LoginBudget(max_logins_per_minute)
        self.logins = 0
        self.refreshes = 0
        self._tokens: Tokens | None = None
        self._lifetime: float | None = None  # of the current access token, in seconds
        self._refresh_not_before = 0.0  # server time; set after a failed early refresh
        self._loaded = False
        self._load_lock = threading.Lock()
        self._store_failed = False  # a save failed: warned once
        otp = credentials.otp if isinstance(credentials.otp, str) else None
        redactor.hold("credentials", credentials.api_token, credentials.password, otp)

    def __repr__(self) -> str:
        return f"Session(kind={self.credentials.kind!r}, tokens={self._tokens!r})"

    # ---- what the flow asks ------------------------------------------------------------------

    def can_login(self) -> bool:
        return bool(self.credentials.email and self.credentials.password)

    def before_send(self, used: str, refused: httpx.Response | None, may_login: bool) -> Step:
        """What to do before a request is sent: make sure of a fresh token, or, after the
        server refused the token ``used`` (answer ``refused``), recover once."""
        if refused is None:
            return self._ensure_fresh(may_login)
        return self._recover(used, refused, may_login)

    def access(self) -> str | None:
        """The access token to send, or None when there is no session."""
        return self._tokens.access if self._tokens is not None else None

    def saw(self, response: httpx.Response) -> None:
        """An answer came: its ``Date`` measures the skew (unless a token's ``iat`` did)."""
        self.clock.saw_date(response.headers.get("date"))

    @property
    def tokens(self) -> Tokens | None:
        """The session in use, or else the stored one this client would resume."""
        self._load_stored()
        return self._tokens

    def forget(self, *, logged_out: bool = False) -> None:
        """Drop the session, and clear the store: after a logout, or when the session failed
        and the store still holds it (a newer one another client stored is kept)."""
        held, self._tokens, self._lifetime = self._tokens, None, None
        self._loaded = True  # nothing left to resume
        self.redactor.hold("session")
        if held is None:
            return
        if logged_out:
            self.store.clear()
            return
        try:
            cleared = clear_if_holds(self.store, held)
        except OSError as exc:  # a read-only store: the failed session stays there
            log.info("misaka_io: the failed session stays in %s (%s)", store_name(self.store), exc)
            return
        if not cleared:
            log.info("misaka_io: the stored session is newer than the one that failed: kept")

    def start_over(self) -> None:
        """Log in anew at the next step instead of using the session held or stored; the
        store keeps its session until the new one replaces it."""
        with self._load_lock:
            self._tokens, self._lifetime, self._loaded = None, None, True

    # ---- steps -------------------------------------------------------------------------------

    def _window(self) -> float:
        """How long before expiry a token is refreshed: at most ``refresh_skew``, and a
        fraction of its lifetime, so a short token is not refreshed on every request."""
        if self._lifetime is None or self._lifetime <= 0:
            return self.refresh_skew
        return min(self.refresh_skew, EARLY_REFRESH_FRACTION * self._lifetime)

    def _ensure_fresh(self, may_login: bool) -> Step:
        self._load_stored()
        tokens = self._tokens
        if tokens is None:
            if may_login or not self.can_login():  # without credentials: say which are missing
                yield from self._login()
            return
        exp = tokens.expires_at("access")
        now = self.clock.now()
        if exp is None or now < exp - self._window():
            return
        if now < exp:
            yield from self._refresh_early(exp, may_login)
        else:
            yield from self._renew(may_login)

    def _refresh_early(self, exp: float, may_login: bool) -> Step:
        """The token is still valid: renew it, and if that fails keep using it for now."""
        if self.clock.now() < self._refresh_not_before:
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
        left = max(0.0, exp - self.clock.now())
        if result.refused and not may_login:
            self._refresh_not_before = exp  # nothing to gain before it expires
        else:
            pause = min(max(REFRESH_RETRY_PAUSE, result.wait), MAX_REFRESH_PAUSE, left / 2)
            self._refresh_not_before = self.clock.now() + pause
        why = self.redactor.scrub(str(error)) if error else "no refresh token"
        log.warning(
            "misaka_io: early refresh failed (%s); the access token is still valid for %.0f s",
            why,
            left,
        )

    def _renew(self, may_login: bool) -> Step:
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
            self.forget()
        raise result.error

    def _recover(self, used: str, refused: httpx.Response, may_login: bool) -> Step:
        """A request's token was refused: refresh or log in once, or raise."""
        if self._tokens is not None and self._tokens.access != used:
            return  # refreshed by someone else while this request was out
        result = yield from self._refresh()
        if result.done:
            return
        if may_login:
            yield from self._login()
            return
        if result.refused:
            self.forget()
        raise result.error or status_error(refused, self.redactor)

    def _hold_store(self) -> Step:
        """Ask for the store's lock, when the store has one (the flow takes it once a step)."""
        if isinstance(self.store, LockingTokenStore):
            yield Ask(HOLD_STORE)

    def _send(self, kind: str, body: Mapping[str, Any]) -> Generator[Ask, Any, httpx.Response]:
        answer = yield Ask(kind, body)
        if not isinstance(answer, httpx.Response):
            raise TypeError(f"the answer to {kind} must be an httpx.Response")
        self.saw(answer)
        return answer

    # ---- refresh -----------------------------------------------------------------------------

    def _refresh(self) -> Generator[Ask, Any, _Refresh]:
        yield from self._hold_store()
        if self._adopt_newer():
            return _Refresh(done=True)
        tokens = self._tokens
        if tokens is None or not tokens.refresh:
            return _Refresh(done=False, refused=True)
        refresh_exp = tokens.expires_at("refresh")
        if refresh_exp is not None and refresh_exp <= self.clock.now():
            return _Refresh(done=False, refused=True)
        try:
            response = yield from self._send(REFRESH, {"refresh": tokens.refresh})
        except GeneratorExit:  # the answer never came: a failed attempt, paused like one
            self._refresh_not_before = self.clock.now() + REFRESH_RETRY_PAUSE
            raise
        if not response.is_success:
            return self._refresh_failed(response)
        try:
            answer = read_answer(REFRESH, response)
        except ResponseValidationError as exc:
            return _Refresh(done=False, error=exc)
        if answer.access is None:
            error = ResponseValidationError(
                f"refresh answered {response.status_code} without an access token",
                response=response,
                raw=response.content,
                field="access",
                model="RefreshResponse",
            )
            return _Refresh(done=False, error=error)
        self.refreshes += 1
        self._remember(self._issue(answer.access, answer.refresh or tokens.refresh, None))
        log.debug("misaka_io: access token refreshed")
        return _Refresh(done=True)

    def _refresh_failed(self, response: httpx.Response) -> _Refresh:
        """A refresh answered other than 200: refused (the refresh token is dead), unless
        another client rotated it and stored the new session; or failed (5xx, 408, 429)."""
        refused = response.status_code < 500 and response.status_code not in (408, 429)
        if refused and self._adopt_newer():  # rotated by a client that holds no lock
            return _Refresh(done=True)
        stuck = self._unwritable_store() if refused else None
        if stuck is not None:  # the session was renewed by a run that could not store it
            return _Refresh(done=False, error=stuck)  # failed, not refused: nothing is cleared
        return _Refresh(
            done=False,
            refused=refused,
            error=status_error(response, self.redactor),
            wait=parse_retry_after(response.headers.get("retry-after"), now=self.clock.now())
            or 0.0,
        )

    # ---- login -------------------------------------------------------------------------------

    def _login(self) -> Step:
        creds = self.credentials
        if not self.can_login():
            raise MissingCredentialsError(
                "no credentials: pass api_token=, or email= and password=, or set "
                f"{ENV_API_TOKEN} (or {ENV_EMAIL} and {ENV_PASSWORD})"
            )
        yield from self._hold_store()
        self.budget.spend(self.monotonic())
        body: dict[str, Any] = {"email": creds.email, "password": creds.password}
        if creds.sliding:
            body["sliding"] = True
        response = yield from self._send(LOGIN, body)
        tokens = self._answered(LOGIN, response)
        if not tokens.found:  # no token anywhere: the account wants its second factor
            code = creds.otp() if callable(creds.otp) else creds.otp
            if not code:
                raise TwoFactorRequired(
                    "this account uses two-factor authentication: pass otp= (the code, or a "
                    "callable that returns the current code)"
                )
            self.redactor.hold("one-time code", code)
            response = yield from self._send(LOGIN_2FA, {**body, "otp": code})
            tokens = self._answered(LOGIN_2FA, response)
        if tokens.access is None:
            raise ResponseValidationError(
                "login answered without an access token",
                response=response,
                raw=response.content,
                field="access",
                model="LoginResponse",
            )
        self.logins += 1
        self._remember(self._issue(tokens.access, tokens.refresh, tokens.sliding))
        log.debug("misaka_io: logged in as %s", self.redactor.scrub(str(creds.email)))

    def _answered(self, step: SessionStep, response: httpx.Response) -> SessionTokens:
        """The tokens of a login's answer: any 2xx, read through the operation's model."""
        if not response.is_success:
            raise status_error(response, self.redactor)
        return read_answer(step, response)

    # ---- the tokens held and stored ----------------------------------------------------------

    def _issue(self, access: str, refresh: str | None, sliding: str | None) -> Tokens:
        """New tokens, labelled with who (the account) and where (the base URL)."""
        current = self._tokens
        return Tokens(
            access,
            refresh,
            sliding if sliding is not None else (current.sliding if current else None),
            account=self.credentials.email or (current.account if current else None),
            base_url=self.where,
        )

    def _remember(self, tokens: Tokens, *, received: bool = True) -> None:
        """Use these tokens: just ``received`` from the server (measure the skew from their
        ``iat``, save them), or resumed from the store. The redactor holds them in place of
        the previous session's."""
        self.redactor.hold("session", tokens.access, tokens.refresh, tokens.sliding)
        exp, iat = tokens.expires_at("access"), tokens.issued_at("access")
        self.clock.saw_token(iat if received else None)
        start = iat if iat is not None else (self.clock.now() if received else None)
        self._lifetime = exp - start if exp is not None and start is not None else None
        self._refresh_not_before = 0.0
        self._tokens = tokens
        if received:
            self._save(tokens)

    def _save(self, tokens: Tokens) -> None:
        """Store new tokens; when the store cannot be written, go on with them in memory (the
        stored file is left as it was) and warn once."""
        try:
            self.store.save(tokens)
        except OSError as exc:
            if not self._store_failed:
                self._store_failed = True
                log.warning(
                    "misaka_io: the session could not be saved to %s (%s): this run goes on "
                    "with the new token; other runs cannot share it and must log in again once "
                    "the store can be written",
                    store_name(self.store),
                    exc.strerror or exc,
                )

    def _unwritable_store(self) -> StoreNotWritable | None:
        """Why a refused refresh may be another run's doing: the store cannot be written, so
        a run that renewed the session (rotating the refresh token) could not keep it."""
        store = self.store
        why = store.unwritable() if isinstance(store, ProbedTokenStore) else None
        if why is None:
            return None
        name = store_name(store)
        return StoreNotWritable(
            f"the stored session was refused and the token store {name} cannot be written "
            f"({why}): a run that renewed the session may not have been able to keep it there; "
            "make the store writable (or free space), then log in again",
            store=name,
        )

    def _load_stored(self) -> None:
        """Resume the stored session once, if it was opened for this account and API."""
        if self.credentials.api_token:
            return
        with self._load_lock:
            if self._loaded:
                return
            stored = self.store.load()
            self._loaded = True
            if stored is None or self._tokens is not None:
                return
            if not stored.belongs_to(self.credentials.email, self.where):
                log.info("misaka_io: the stored session is for another account or API: not resumed")
                return
            self._remember(stored, received=False)

    def _newer_stored(self) -> Tokens | None:
        """The store's session when another client put a newer one there for this account
        and API (not one issued before the session in use)."""
        stored, current = self.store.load(), self._tokens
        if stored is None or not stored.belongs_to(self.credentials.email, self.where):
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
        return exp is None or self.clock.now() < exp
