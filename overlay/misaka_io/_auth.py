"""Authentication as an ``httpx.Auth`` flow.

With an API token the flow only sets the header. With email and password it keeps a web
session: it logs in on first use (through login with 2FA when the account needs it),
refreshes the access token *proactively* when its ``exp`` is within ``refresh_skew``
seconds, and *reactively* when a request comes back 401 (refresh once, replay once). A
failed refresh logs in again when credentials are held.

Refreshes are single-flight: one lock per client (a ``threading.Lock`` for the sync flow,
an ``asyncio.Lock`` for the async one). Whoever takes the lock first refreshes; the others
wait, see a token newer than the one they used, and reuse it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from collections.abc import AsyncGenerator, Callable, Generator
from typing import Any

import httpx

from misaka_io._config import ENV_API_TOKEN, ENV_EMAIL, ENV_PASSWORD, Credentials
from misaka_io._exceptions import (
    MissingCredentialsError,
    ResponseValidationError,
    TwoFactorRequired,
    status_error,
)
from misaka_io._redact import Redactor
from misaka_io._tokens import MemoryTokenStore, Tokens, TokenStore

log = logging.getLogger("misaka_io")

LOGIN = "/v3/session/login"
LOGIN_2FA = "/v3/session/login/2fa"
REFRESH = "/v3/session/refresh"
# Operations that take no credentials: the flow leaves them alone.
PUBLIC_PATHS = frozenset({LOGIN, LOGIN_2FA, REFRESH, "/v3/account/confirm-email"})

Flow = Generator[httpx.Request, httpx.Response, None]


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
    ) -> None:
        self.credentials = credentials
        self.base_url = base_url
        self._prefix = base_url.raw_path.decode("ascii").rstrip("/")
        self.redactor = redactor
        self.store: TokenStore = token_store or MemoryTokenStore()
        self.refresh_skew = refresh_skew
        self.clock = clock
        self.logins = 0
        self.refreshes = 0
        self._tokens: Tokens | None = None
        self._loaded = False
        self._thread_lock = threading.Lock()
        self._async_lock: asyncio.Lock | None = None
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
        with self._thread_lock:
            yield from self._drive(self._ensure_fresh())
        used = self._set_bearer(request)
        response = yield request
        if response.status_code == 401:
            response.read()
            with self._thread_lock:
                yield from self._drive(self._recover(used, response))
            self._set_bearer(request)
            yield request

    @staticmethod
    def _drive(step: Flow) -> Flow:
        """Run a session step, reading each answer's body before handing it over."""
        answer: httpx.Response | None = None
        while True:
            try:
                sub = step.send(answer) if answer is not None else next(step)
            except StopIteration:
                return
            answer = yield sub
            answer.read()

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        if self._needs_no_session(request):
            yield request
            return
        if self._async_lock is None:
            self._async_lock = asyncio.Lock()
        async with self._async_lock:
            step = self._ensure_fresh()
            answer: httpx.Response | None = None
            while True:
                try:
                    sub = step.send(answer) if answer is not None else next(step)
                except StopIteration:
                    break
                answer = yield sub
                await answer.aread()
        used = self._set_bearer(request)
        response = yield request
        if response.status_code == 401:
            await response.aread()
            async with self._async_lock:
                step = self._recover(used, response)
                answer = None
                while True:
                    try:
                        sub = step.send(answer) if answer is not None else next(step)
                    except StopIteration:
                        break
                    answer = yield sub
                    await answer.aread()
            self._set_bearer(request)
            yield request

    # ---- headers --------------------------------------------------------------------------

    def _set_static(self, request: httpx.Request) -> None:
        request.headers["Authorization"] = (
            f"{self.credentials.token_prefix} {self.credentials.api_token}"
        )

    def _set_bearer(self, request: httpx.Request) -> str:
        tokens = self._tokens
        assert tokens is not None  # _ensure_fresh logged in or raised
        request.headers["Authorization"] = f"Bearer {tokens.access}"
        return tokens.access

    # ---- session steps (generators that yield the requests they need) -------------------------

    def _ensure_fresh(self) -> Flow:
        if not self._loaded:
            self._loaded = True
            stored = self.store.load()
            if stored is not None:
                self._remember(stored, save=False)
        if self._tokens is None:
            yield from self._login()
        elif self._expiring(self._tokens.expires_at("access")):
            yield from self._refresh_or_login(raise_on_failure=False)

    def _recover(self, used: str, unauthorized: httpx.Response) -> Flow:
        if self._tokens is not None and self._tokens.access != used:
            return  # refreshed by someone else while this request was out
        yield from self._refresh_or_login(raise_on_failure=True, unauthorized=unauthorized)

    def _expiring(self, exp: float | None) -> bool:
        return exp is not None and exp - self.refresh_skew <= self.clock()

    def _can_login(self) -> bool:
        return bool(self.credentials.email and self.credentials.password)

    def _refresh_or_login(
        self, *, raise_on_failure: bool, unauthorized: httpx.Response | None = None
    ) -> Flow:
        tokens = self._tokens
        failure = unauthorized
        if (
            tokens is not None
            and tokens.refresh
            and not self._expiring_hard(tokens.expires_at("refresh"))
        ):
            response = yield self._request(REFRESH, {"refresh": tokens.refresh})
            if response.status_code == 200:
                data = self._json(response)
                access = data.get("access") if isinstance(data, dict) else None
                if isinstance(access, str) and access:
                    refresh = (
                        data.get("refresh")
                        if isinstance(data.get("refresh"), str)
                        else tokens.refresh
                    )
                    self.refreshes += 1
                    self._remember(Tokens(access, refresh, tokens.sliding))
                    log.debug("misaka_io: access token refreshed")
                    return
                raise ResponseValidationError(
                    "refresh answered 200 without an access token",
                    response=response,
                    raw=response.content,
                    field="access",
                    model="RefreshResponse",
                )
            if response.status_code >= 500 or response.status_code == 429:
                raise status_error(response, self.redactor)
            failure = response
            log.debug("misaka_io: refresh failed with %d", response.status_code)
        if self._can_login():
            yield from self._login()
            return
        if raise_on_failure and failure is not None:
            self._forget()
            raise status_error(failure, self.redactor)

    def _expiring_hard(self, exp: float | None) -> bool:
        return exp is not None and exp <= self.clock()

    def _login(self) -> Flow:
        creds = self.credentials
        if not self._can_login():
            raise MissingCredentialsError(
                "no credentials: pass api_token=, or email= and password=, or set "
                f"{ENV_API_TOKEN} (or {ENV_EMAIL} and {ENV_PASSWORD})"
            )
        body: dict[str, Any] = {"email": creds.email, "password": creds.password}
        if creds.sliding:
            body["sliding"] = True
        response = yield self._request(LOGIN, body)
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
            data = self._checked(response, "LoginResponse")
            if not data.get("access"):
                raise ResponseValidationError(
                    "login with 2FA answered without an access token",
                    response=response,
                    raw=response.content,
                    field="access",
                    model="LoginResponse",
                )
        self.logins += 1
        self._remember(Tokens(data["access"], data.get("refresh"), data.get("sliding_token")))
        log.debug("misaka_io: logged in as %s", self.redactor.scrub(str(creds.email)))

    # ---- helpers --------------------------------------------------------------------------

    def _request(self, path: str, body: dict[str, Any]) -> httpx.Request:
        url = self.base_url.copy_with(raw_path=(self._prefix + path).encode("ascii"))
        return httpx.Request("POST", url, json=body)

    def _json(self, response: httpx.Response) -> Any:
        try:
            return json.loads(response.content)
        except ValueError:
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

    def _remember(self, tokens: Tokens, *, save: bool = True) -> None:
        self.redactor.add(tokens.access, tokens.refresh, tokens.sliding)
        self._tokens = tokens
        if save:
            self.store.save(tokens)

    def _forget(self) -> None:
        self._tokens = None
        self.store.clear()

    # ---- used by the client ---------------------------------------------------------------

    @property
    def tokens(self) -> Tokens | None:
        return self._tokens

    def forget(self) -> None:
        with self._thread_lock:
            self._forget()
