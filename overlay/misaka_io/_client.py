"""``Misaka`` and ``AsyncMisaka``: the clients users import."""

from __future__ import annotations

import linecache
import logging
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from types import TracebackType
from typing import Any, Self, TypeVar, overload

import httpx

from misaka_io._auth import MisakaAuth
from misaka_io._config import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    Credentials,
    OtpSource,
    resolve_base_url,
    user_agent,
)
from misaka_io._exceptions import ConfigurationError, MisakaError, ResponseValidationError
from misaka_io._http import AsyncHTTP, SyncHTTP, last_response
from misaka_io._redact import Redactor
from misaka_io._retry import RetryPolicy
from misaka_io._tokens import TokenStore
from misaka_io.resources import AsyncResources, SyncResources
from misaka_io_generated.client import AuthenticatedClient
from misaka_io_generated.types import Response

log = logging.getLogger("misaka_io")
T = TypeVar("T")
# What a generated model raises when the JSON does not fit it.
PARSE_ERRORS = (ValueError, KeyError, TypeError, AttributeError, IndexError)


class _NotGiven:
    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Any = _NotGiven()


@dataclass(frozen=True)
class _Settings:
    base_url: httpx.URL
    timeout: httpx.Timeout
    policy: RetryPolicy
    headers: Mapping[str, str]


def _timeout(value: float | httpx.Timeout | None) -> httpx.Timeout:
    if isinstance(value, httpx.Timeout):
        return value
    return httpx.Timeout(value)


class _SharedTransport(httpx.BaseTransport):
    """A copy's view of its parent's pool: closing the copy leaves the pool open."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self.inner.handle_request(request)

    def close(self) -> None:
        pass


class _SharedAsyncTransport(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        pass


# What a generated from_dict line says about the field it reads (see scripts/templates).
_FIELD_READS = (
    re.compile(
        r'src_dict(?:\[|\.get\()"((?:[^"\\]|\\.)*)"'
    ),  # name = src_dict["name"] / .get("name", ...)
    re.compile(r"(\w+)_item = \w+\.from_dict\(\1_item_data\)"),  # an item of a list of models
    re.compile(r"for (\w+)_item_data in _\1\b"),  # the list itself
    re.compile(
        r"^\s*(\w+) = .*\(_\1\)\s*$"
    ),  # name = Model.from_dict(_name) / fromisoformat(_name)
)


def _failed_field(exc: BaseException) -> str | None:
    """The JSON path of the field being parsed when a generated model raised, read from the
    traceback: each generated ``from_dict`` frame names the field its failing line reads."""
    parts: list[str] = []
    tb = exc.__traceback__
    while tb is not None:
        frame = tb.tb_frame
        module = str(frame.f_globals.get("__name__", ""))
        if frame.f_code.co_name == "from_dict" and "_generated.models." in module:
            line = linecache.getline(frame.f_code.co_filename, tb.tb_lineno)
            for number, pattern in enumerate(_FIELD_READS):
                found = pattern.search(line)
                if found:
                    name = found.group(1) if number == 0 else found.group(1).removesuffix("_")
                    parts.append(f"{name}[]" if number == 1 else name)
                    break
        tb = tb.tb_next
    return ".".join(parts).replace(".[]", "[]") or None


def _model_failure(exc: Exception, expected: str) -> ResponseValidationError:
    response = last_response.get()
    raw = response.content if response is not None else b""
    field = _failed_field(exc)
    if field is None and isinstance(exc, KeyError) and exc.args:
        field = str(exc.args[0])
    where = f" (field {field!r})" if field else ""
    return ResponseValidationError(
        f"the answer does not fit {expected}{where}: {type(exc).__name__}: {exc}"[:500],
        response=response,
        raw=raw,
        field=field,
        model=expected,
    )


def _expect(result: Response[Any], expected: type[T] | None) -> T | None:
    response = last_response.get()
    if expected is None:
        return None
    content_type = response.headers.get("content-type", "") if response is not None else ""
    if response is not None and "json" not in content_type.split(";")[0]:
        raise ResponseValidationError(
            f"expected JSON for {expected.__name__}, got content type {content_type or 'none'!r}",
            response=response,
            raw=response.content,
            field=None,
            model=expected.__name__,
        )
    if not isinstance(result.parsed, expected):
        raise ResponseValidationError(
            f"status {int(result.status_code)} did not give a {expected.__name__}",
            response=response,
            raw=result.content,
            field=None,
            model=expected.__name__,
        )
    return result.parsed


class _Base:
    """What both clients share: settings, credentials and the session."""

    _settings: _Settings
    _auth: MisakaAuth
    _redactor: Redactor
    _owner: bool

    def _configure(
        self,
        *,
        api_token: str | None,
        email: str | None,
        password: str | None,
        otp: OtpSource,
        base_url: str | None,
        timeout: float | httpx.Timeout | None,
        max_retries: int,
        default_headers: Mapping[str, str] | None,
        token_store: TokenStore | None,
        token_prefix: str,
        sliding: bool,
        allow_insecure_http: bool,
    ) -> None:
        if max_retries < 0:
            raise ConfigurationError("max_retries must be 0 or more")
        url = resolve_base_url(base_url, allow_insecure_http)
        headers = {
            "User-Agent": user_agent(),
            "Accept": "application/json",
            **(default_headers or {}),
        }
        if any(k.lower() == "authorization" for k in headers):
            raise ConfigurationError(
                "set credentials with api_token= or email=/password=, not a header"
            )
        self._settings = _Settings(
            url, _timeout(timeout), RetryPolicy(max_retries=max_retries), headers
        )
        self._redactor = Redactor()
        credentials = Credentials.resolve(
            api_token=api_token,
            email=email,
            password=password,
            otp=otp,
            token_prefix=token_prefix,
            sliding=sliding,
        )
        self._auth = MisakaAuth(credentials, url, self._redactor, token_store=token_store)
        self._owner = True

    @property
    def base_url(self) -> httpx.URL:
        return self._settings.base_url

    @property
    def max_retries(self) -> int:
        return self._settings.policy.max_retries

    @property
    def timeout(self) -> httpx.Timeout:
        return self._settings.timeout

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(base_url={str(self.base_url)!r}, "
            f"auth={self._auth.credentials.kind!r}, max_retries={self.max_retries})"
        )

    def _options(self, timeout: Any, max_retries: Any) -> _Settings:
        settings = self._settings
        if timeout is not NOT_GIVEN:
            settings = replace(settings, timeout=_timeout(timeout))
        if max_retries is not NOT_GIVEN:
            if max_retries < 0:
                raise ConfigurationError("max_retries must be 0 or more")
            settings = replace(settings, policy=replace(settings.policy, max_retries=max_retries))
        return settings

    def _http_kwargs(self) -> dict[str, Any]:
        return {
            "base_url": self._settings.base_url,
            "timeout": self._settings.timeout,
            "headers": dict(self._settings.headers),
            "auth": self._auth,
            "policy": self._settings.policy,
            "redactor": self._redactor,
            "follow_redirects": False,
        }

    def _generated_client(self) -> AuthenticatedClient:
        # The generated client's own token is unused: MisakaAuth sets the header.
        return AuthenticatedClient(base_url=str(self._settings.base_url), token="", prefix="")


class Misaka(_Base, SyncResources):
    """The synchronous client. Use it as a context manager, or call ``close()``."""

    def __init__(
        self,
        *,
        api_token: str | None = None,
        email: str | None = None,
        password: str | None = None,
        otp: OtpSource = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        token_store: TokenStore | None = None,
        token_prefix: str = "Token",
        sliding: bool = False,
        allow_insecure_http: bool = False,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._configure(
            api_token=api_token,
            email=email,
            password=password,
            otp=otp,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            token_store=token_store,
            token_prefix=token_prefix,
            sliding=sliding,
            allow_insecure_http=allow_insecure_http,
        )
        self._transport = transport or httpx.HTTPTransport(verify=True)
        self._start(self._transport)

    def _start(self, transport: httpx.BaseTransport) -> None:
        self._http = SyncHTTP(transport=transport, **self._http_kwargs())
        self._generated = self._generated_client().set_httpx_client(self._http)
        self._init_resources(self)

    def with_options(self, *, timeout: Any = NOT_GIVEN, max_retries: Any = NOT_GIVEN) -> Misaka:
        """A copy with other settings that shares this client's connection pool and session."""
        copy = object.__new__(Misaka)
        copy._settings = self._options(timeout, max_retries)
        copy._auth, copy._redactor, copy._owner = self._auth, self._redactor, False
        copy._transport = self._transport
        copy._start(_SharedTransport(self._transport))
        return copy

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """Any call, with auth, retries and typed errors: for what the spec gets wrong."""
        return self._http.request(method, path, params=params, json=json, headers=headers)

    def login(self) -> None:
        """Log in now instead of at the first call (session credentials only)."""
        self.request("GET", "/v3/session/token")

    def logout(self) -> None:
        """Revoke the session on the server and forget its tokens."""
        tokens = self._auth.tokens
        if tokens is not None and not self._auth.credentials.api_token:
            self.request("POST", "/v3/session/logout", json={"refresh": tokens.refresh})
        self._auth.forget()

    @overload
    def _call(
        self, fn: Callable[..., Response[Any]], expected: type[T], *args: Any, **kwargs: Any
    ) -> T: ...
    @overload
    def _call(
        self, fn: Callable[..., Response[Any]], expected: None, *args: Any, **kwargs: Any
    ) -> None: ...
    def _call(
        self, fn: Callable[..., Response[Any]], expected: type[T] | None, *args: Any, **kwargs: Any
    ) -> T | None:
        last_response.set(None)
        try:
            result = fn(*args, client=self._generated, **kwargs)
        except MisakaError:
            raise
        except PARSE_ERRORS as exc:
            raise _model_failure(exc, expected.__name__ if expected else "an empty answer") from exc
        return _expect(result, expected)

    def close(self) -> None:
        self._http.close()
        if self._owner:
            self._transport.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncMisaka(_Base, AsyncResources):
    """The asyncio client. Use it as an async context manager, or await ``close()``."""

    def __init__(
        self,
        *,
        api_token: str | None = None,
        email: str | None = None,
        password: str | None = None,
        otp: OtpSource = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        token_store: TokenStore | None = None,
        token_prefix: str = "Token",
        sliding: bool = False,
        allow_insecure_http: bool = False,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._configure(
            api_token=api_token,
            email=email,
            password=password,
            otp=otp,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            token_store=token_store,
            token_prefix=token_prefix,
            sliding=sliding,
            allow_insecure_http=allow_insecure_http,
        )
        self._transport = transport or httpx.AsyncHTTPTransport(verify=True)
        self._start(self._transport)

    def _start(self, transport: httpx.AsyncBaseTransport) -> None:
        self._http = AsyncHTTP(transport=transport, **self._http_kwargs())
        self._generated = self._generated_client().set_async_httpx_client(self._http)
        self._init_resources(self)

    def with_options(
        self, *, timeout: Any = NOT_GIVEN, max_retries: Any = NOT_GIVEN
    ) -> AsyncMisaka:
        """A copy with other settings that shares this client's connection pool and session."""
        copy = object.__new__(AsyncMisaka)
        copy._settings = self._options(timeout, max_retries)
        copy._auth, copy._redactor, copy._owner = self._auth, self._redactor, False
        copy._transport = self._transport
        copy._start(_SharedAsyncTransport(self._transport))
        return copy

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """Any call, with auth, retries and typed errors: for what the spec gets wrong."""
        return await self._http.request(method, path, params=params, json=json, headers=headers)

    async def login(self) -> None:
        """Log in now instead of at the first call (session credentials only)."""
        await self.request("GET", "/v3/session/token")

    async def logout(self) -> None:
        """Revoke the session on the server and forget its tokens."""
        tokens = self._auth.tokens
        if tokens is not None and not self._auth.credentials.api_token:
            await self.request("POST", "/v3/session/logout", json={"refresh": tokens.refresh})
        self._auth.forget()

    @overload
    async def _acall(
        self,
        fn: Callable[..., Awaitable[Response[Any]]],
        expected: type[T],
        *args: Any,
        **kwargs: Any,
    ) -> T: ...
    @overload
    async def _acall(
        self, fn: Callable[..., Awaitable[Response[Any]]], expected: None, *args: Any, **kwargs: Any
    ) -> None: ...
    async def _acall(
        self,
        fn: Callable[..., Awaitable[Response[Any]]],
        expected: type[T] | None,
        *args: Any,
        **kwargs: Any,
    ) -> T | None:
        last_response.set(None)
        try:
            result = await fn(*args, client=self._generated, **kwargs)
        except MisakaError:
            raise
        except PARSE_ERRORS as exc:
            raise _model_failure(exc, expected.__name__ if expected else "an empty answer") from exc
        return _expect(result, expected)

    async def close(self) -> None:
        await self._http.aclose()
        if self._owner:
            await self._transport.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
