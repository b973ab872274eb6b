"""The request pipeline: one set of decisions for both clients.

A call goes build -> send (auth, retries) -> check the answer -> parse, and every step but
the sending is here. ``SyncAPIClient`` and ``AsyncAPIClient`` (in ``_client.py``) only do the
I/O: they send one attempt, read its body within the limits, and sleep between attempts.

- build: the generated endpoint module made a ``Request[Any]`` (path encoded, parameters checked);
  here it gets the base URL (and, for the operations tagged ``dns``, ``dns_base_path`` in
  place of their group's base), the per-call options and its timeout;
- retry: ``RetryPolicy`` decides; a total deadline bounds a call with its retries and sleeps;
- answer: a 4xx/5xx is a typed ``APIStatusError``; a DELETE whose first answer was lost and
  whose retry finds nothing has done its work;
- parse: ``_parse.parse_answer`` (every 2xx is success), or a page for a listing.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar, cast

import httpx
import msgspec
from msgspec.structs import replace

from misaka_io._auth import MisakaAuth
from misaka_io._body import limit
from misaka_io._config import (
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    DEFAULT_TOTAL_TIMEOUT,
    Credentials,
    OtpSource,
    check_response_bytes,
    check_retries,
    check_total_timeout,
    request_headers,
    resolve_base_url,
    resolve_dns_base,
    safe_url,
)
from misaka_io._deadline import timeouts
from misaka_io._exceptions import (
    APIConnectionError,
    APITimeoutError,
    status_error,
)
from misaka_io._options import (
    NOT_GIVEN,
    NotGiven,
    RequestOptions,
    TimeoutTypes,
    as_timeout,
)
from misaka_io._pagination import DEFAULT_MAX_PAGES, check_max_pages
from misaka_io._redact import Redactor
from misaka_io._response import APIResponse
from misaka_io._retry import NOT_SENT, RetryPolicy
from misaka_io._table_types import OPERATION_KEY, tags
from misaka_io._tokens import TokenStore  # in Misaka's signature: get_type_hints() reads it

if TYPE_CHECKING:
    from misaka_io_generated.types import Request

log = logging.getLogger("misaka_io")
TransportT = TypeVar("TransportT")
T = TypeVar("T")


class Settings(msgspec.Struct, frozen=True, dict=True):
    """What a client (or a ``with_options`` copy of it) sends with. (The pipeline's value
    objects are msgspec Structs, as the models are: a dataclass takes fifty times longer to
    define, which every start-up pays.)"""

    base_url: httpx.URL
    timeout: httpx.Timeout
    policy: RetryPolicy
    headers: Mapping[str, str]
    total_timeout: float | None
    max_response_bytes: int
    max_pages: int = DEFAULT_MAX_PAGES  # of one listing
    dns_base: str | None = None  # None: the spec's paths

    @functools.cached_property
    def wire_headers(self) -> httpx.Headers:
        """``headers`` checked and encoded once: each request copies them as they are."""
        return httpx.Headers(self.headers)

    @functools.cached_property
    def prefix(self) -> str:
        """The base URL as text without a trailing slash: paths are appended to it."""
        return str(self.base_url).rstrip("/")


class Attempt(msgspec.Struct):
    """Where one call stands between attempts."""

    deadline: float | None
    steps: Mapping[str, float | None]  # the call's timeouts as built (an attempt's are cut)
    bound: float | None  # the most one attempt may take
    number: int = 0
    answer_lost: bool = False


def attempt_seconds(steps: Mapping[str, float | None]) -> float | None:
    """The bound of one attempt as a whole, from connect to the last byte: the largest of
    its timeouts (a server that drips bytes cannot stretch it)."""
    parts = [t for t in steps.values() if t]
    return max(parts) if parts else None


async def _asyncio_sleep(seconds: float) -> None:
    import asyncio  # here: a sync program never needs asyncio

    await asyncio.sleep(seconds)


class BaseClient(Generic[TransportT]):
    """Settings, credentials and every decision of the pipeline; no I/O."""

    _settings: Settings
    _auth: MisakaAuth
    _redactor: Redactor
    _transport: TransportT | None  # the user's; None: the client builds its own
    _owner: bool
    _raw: bool
    # From the generated SyncResources/AsyncResources that each client mixes in.
    _init_resources: Callable[[Any], None]

    def __init__(
        self,
        *,
        api_token: str | None = None,
        email: str | None = None,
        password: str | None = None,
        otp: OtpSource = None,
        base_url: str | None = None,
        timeout: TimeoutTypes = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        total_timeout: float | None = DEFAULT_TOTAL_TIMEOUT,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        max_pages: int = DEFAULT_MAX_PAGES,
        default_headers: Mapping[str, str] | None = None,
        token_store: TokenStore | None = None,
        token_prefix: str = "Token",
        sliding: bool = False,
        allow_insecure_http: bool = False,
        dns_base_path: str | None = None,
        transport: TransportT | None = None,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Any] | None = None,
        trust_env: bool = True,
        credentials_from_env: bool = True,
    ) -> None:
        url = resolve_base_url(base_url, allow_insecure_http)
        self._settings = Settings(
            base_url=url,
            timeout=as_timeout(timeout),
            policy=RetryPolicy(max_retries=check_retries(max_retries)),
            headers=request_headers(default_headers),
            total_timeout=check_total_timeout(total_timeout),
            max_response_bytes=check_response_bytes(max_response_bytes),
            max_pages=check_max_pages(max_pages),
            dns_base=resolve_dns_base(dns_base_path),
        )
        self._redactor = Redactor()
        credentials = Credentials.resolve(
            api_token=api_token, email=email, password=password, otp=otp,
            token_prefix=token_prefix, sliding=sliding, from_env=credentials_from_env,
        )  # fmt: skip
        # Between retries and tries of the store's lock: awaited by AsyncMisaka.
        default_sleep = _asyncio_sleep if self._asynchronous else time.sleep
        self._sleep: Callable[[float], Any] = sleep or default_sleep
        # Deadlines and retry budgets run on these (injected: a test need not wait).
        self._clock, self._monotonic = clock, monotonic
        self._auth = MisakaAuth(
            credentials,
            url,
            self._redactor,
            build=self._build_step,
            token_store=token_store,
            max_response_bytes=self._settings.max_response_bytes,
            clock=clock,
            monotonic=monotonic,
            sleep=self._sleep,
        )
        self._owner, self._raw = True, False
        # Without transport=, httpx builds them, with the environment's proxies when trust_env.
        self._own_transport = transport is None
        self._transport = transport
        self._trust_env = bool(trust_env)
        self._start()

    # ---- what the subclasses provide -------------------------------------------------------

    _asynchronous: bool = False  # AsyncMisaka: ``sleep`` is awaited

    def _start(self) -> None:
        """Open the connection pool over ``self._transport`` and attach the resources."""
        raise NotImplementedError

    # ---- settings ----------------------------------------------------------------------------

    @property
    def base_url(self) -> httpx.URL:
        return self._settings.base_url

    @property
    def max_retries(self) -> int:
        return self._settings.policy.max_retries

    @property
    def timeout(self) -> httpx.Timeout:
        return self._settings.timeout

    @property
    def max_pages(self) -> int:
        """How many pages a listing may walk before ``PaginationError``."""
        return self._settings.max_pages

    @property
    def token_store(self) -> TokenStore:
        """Where this client keeps its session (``token_store=``, or one in memory)."""
        return self._auth.store

    @property
    def dns_base_path(self) -> str | None:
        """Where the DNS operations go instead of the spec's base, or None (the spec's)."""
        return self._settings.dns_base

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(base_url={safe_url(self.base_url)!r}, "
            f"auth={self._auth.credentials.kind!r}, max_retries={self.max_retries})"
        )

    def with_options(
        self,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_pages: int | NotGiven = NOT_GIVEN,
        resend_unanswered: bool | NotGiven = NOT_GIVEN,
    ) -> Self:
        """A copy with other settings that shares this client's connections and session.
        ``resend_unanswered=False``: a request whose answer was lost is not sent again."""
        settings = self._settings
        if not isinstance(timeout, NotGiven):
            settings = replace(settings, timeout=as_timeout(timeout))
        if not isinstance(max_retries, NotGiven):
            policy = replace(settings.policy, max_retries=check_retries(max_retries))
            settings = replace(settings, policy=policy)
        if not isinstance(total_timeout, NotGiven):
            settings = replace(settings, total_timeout=check_total_timeout(total_timeout))
        if not isinstance(max_pages, NotGiven):
            settings = replace(settings, max_pages=check_max_pages(max_pages))
        if not isinstance(resend_unanswered, NotGiven):
            policy = replace(settings.policy, resend_unanswered=bool(resend_unanswered))
            settings = replace(settings, policy=policy)
        return self._copy(settings=settings)

    def _copy(self, *, settings: Settings | None = None, raw: bool | None = None) -> Self:
        copy = object.__new__(type(self))
        copy.__dict__.update(self.__dict__)
        copy._settings = settings or self._settings
        copy._raw = self._raw if raw is None else raw
        copy._owner = False
        copy._attach()
        return copy

    def _attach(self) -> None:
        """Point the resources at this client (a copy gets its own)."""
        self._init_resources(self)

    # ---- build -------------------------------------------------------------------------------

    def _url(self, path: str, params: Mapping[str, Any]) -> httpx.URL:
        """A path under the base URL, or an absolute URL on the base URL's origin, with
        ``params`` added to its query (parsed once: this is on every call's path)."""
        if not isinstance(path, str):
            raise TypeError(f"path must be a string, not {type(path).__name__}")
        base = self._settings.base_url
        if path.startswith("/") and not path.startswith("//") and "\\" not in path:
            if "?" not in path:  # one parse, the query added as it is built (not merged)
                if params:
                    return httpx.URL(self._settings.prefix + path, params=params)
                return httpx.URL(self._settings.prefix + path)
            url = httpx.URL(self._settings.prefix + path)
        else:
            url = httpx.URL(path)
            same = (url.scheme, url.host, url.port) == (base.scheme, base.host, base.port)
            if not url.is_absolute_url:
                raise ValueError(f"path must start with a single '/': {path!r}")
            if not same or url.userinfo:
                raise ValueError(
                    f"refusing {url.scheme}://{url.host}: requests go to "
                    f"{base.scheme}://{base.host} only (the credentials are for it)"
                )
        return url.copy_merge_params(params) if params else url

    def _build(self, request: Request[Any], options: RequestOptions) -> httpx.Request:
        params = request.params
        if options.extra_query:  # adds what the spec lacks; the declared parameters win
            params = {**options.extra_query, **params}
        headers: Mapping[str, str] = self._settings.wire_headers
        if options.extra_headers:
            headers = {**self._settings.headers, **options.extra_headers}
        timeout = options.timeout or self._settings.timeout
        return httpx.Request(
            request.operation.method,
            self._url(self._path(request), params),
            json=request.json,
            headers=headers,
            # The operation travels with the request: auth decides from it (public, logout).
            extensions={
                "timeout": timeout.as_dict(),
                OPERATION_KEY: request.operation.operation_id,
            },
        )

    def _build_step(self, request: Request[Any], timeouts: Mapping[str, Any]) -> httpx.Request:
        """A session step's request (login, refresh): built as every call is, within the
        timeouts of the call it is part of."""
        built = self._build(request, RequestOptions())
        built.extensions["timeout"] = timeouts
        return built

    def _path(self, request: Request[Any]) -> str:
        """The request's path, under ``dns_base_path`` when one is set and the operation's tag
        names its base in the spec (``x-misaka-base-paths``, the DNS operations):
        ``/v3/dns/zones/x`` becomes ``/dns/zones/x``."""
        base = self._settings.dns_base
        if base is None:
            return request.path
        bases = tags()[request.operation.tag.replace("_", "-")]["base_paths"]
        if bases is None or not request.path.startswith(bases["current"] + "/"):
            return request.path
        return base + request.path[len(bases["current"]) :]

    def _build_raw(
        self,
        method: str,
        path: str,
        params: Mapping[str, Any] | None,
        json: Any,
        headers: Mapping[str, str] | None,
        timeout: float | httpx.Timeout | None,
    ) -> httpx.Request:
        """The request of ``client.request()``: the same checks, auth and limits as an
        operation of the spec."""
        from misaka_io_generated.types import Operation, Request

        options = RequestOptions.of(extra_headers=headers, timeout=timeout or self.timeout)
        operation = Operation("request", method.upper(), path, {})
        return self._build(Request(operation, path, dict(params or {}), json), options)

    def _start_call(self, request: httpx.Request) -> Attempt:
        total = self._settings.total_timeout
        steps = request.extensions.get("timeout", {})
        return Attempt(
            deadline=None if total is None else self._monotonic() + total,
            steps=steps,
            bound=attempt_seconds(steps),
        )

    def _arm(self, request: httpx.Request, attempt: Attempt) -> float | None:
        """When this attempt must have its last byte (its own bound or the call's deadline),
        written into the request's timeouts so that the transport keeps it too."""
        now, own = self._monotonic(), attempt.bound
        ends = [d for d in (attempt.deadline, own and now + own) if d]
        deadline = min(ends) if ends else None
        request.extensions["timeout"] = timeouts(attempt.steps, deadline, now, self._monotonic)
        return deadline

    # ---- decide ------------------------------------------------------------------------------

    def _after_error(
        self, request: httpx.Request, error: httpx.RequestError, attempt: Attempt
    ) -> float:
        """Seconds to wait before the next attempt after a failure, or raise the typed error."""
        delay = self._settings.policy.after_error(request, error, attempt.number)
        delay = None if delay is None else self._within_deadline(delay, attempt)
        if delay is None:
            cls = (
                APITimeoutError if isinstance(error, httpx.TimeoutException) else APIConnectionError
            )
            what = "timed out" if cls is APITimeoutError else "failed"
            detail = self._redactor.scrub(str(error)) or type(error).__name__
            raise cls(f"{request.method} {request.url.path} {what}: {detail}", request=request)
        # The request may have been acted on and only its answer lost.
        attempt.answer_lost = attempt.answer_lost or not isinstance(error, NOT_SENT)
        self._log_retry(request, type(error).__name__, delay, attempt)
        return delay

    def _after_answer(
        self, request: httpx.Request, response: httpx.Response, attempt: Attempt
    ) -> float | None:
        """None when the answer is final and a success; seconds to wait before retrying; or
        raise the answer's typed error."""
        if response.is_success:
            return None
        if request.method == "DELETE" and response.status_code == 404 and attempt.answer_lost:
            log.info(
                "misaka_io: %s %s: the first answer was lost and the retry found nothing to "
                "delete; taking it as done",
                request.method,
                request.url.path,
            )
            return None
        delay = self._settings.policy.after_status(
            request, response, attempt.number, now=self._clock()
        )
        delay = None if delay is None else self._within_deadline(delay, attempt)
        if delay is None:
            raise status_error(response, self._redactor)
        self._log_retry(request, str(response.status_code), delay, attempt)
        return delay

    def _within_deadline(self, delay: float, attempt: Attempt) -> float | None:
        if attempt.deadline is None:
            return delay
        left = attempt.deadline - self._monotonic()
        return delay if delay < left else None

    def _limit(self, response: httpx.Response, deadline: float | None) -> None:
        """Reading the body decodes it here and stops past ``max_response_bytes`` or the
        attempt's deadline."""
        limit(response, self._settings.max_response_bytes, deadline, self._monotonic)

    # ---- answer ------------------------------------------------------------------------------

    def _read_answer(self, streamed: httpx.Response, content: bytes) -> httpx.Response:
        """The answer with its body read (decompressed already, so without the headers that
        described the encoding on the wire: its Content-Length is the bytes read). The same
        response object, not a copy: this is on every call's path."""
        headers = streamed.headers
        for wire in ("content-encoding", "transfer-encoding"):
            if wire in headers:
                del headers[wire]
        length = str(len(content))
        if headers.get("content-length") != length:
            headers["Content-Length"] = length
        self._log_answer(streamed)
        return streamed

    def _answer(self, request: Request[Any], response: httpx.Response) -> APIResponse[Any]:
        # Imported with the first answer: the wire layer (msgspec) is not needed before.
        from misaka_io._parse import parse_answer

        return APIResponse(response, lambda: parse_answer(request.operation, response))

    def _result(self, answer: APIResponse[T]) -> T:
        # A with_raw_response view hands the answer over; its resources' signatures say so.
        return cast(T, answer) if self._raw else answer.parse()

    # ---- logging -----------------------------------------------------------------------------

    def _log_answer(self, response: httpx.Response) -> None:
        if log.isEnabledFor(logging.DEBUG):
            request = response.request
            log.debug(
                "misaka_io: %s %s -> %d",
                request.method,
                self._redactor.scrub(safe_url(request.url)),
                response.status_code,
            )

    def _log_retry(self, request: httpx.Request, why: str, delay: float, attempt: Attempt) -> None:
        log.debug(
            "misaka_io: retry %d/%d of %s %s after %s, in %.2f s",
            attempt.number + 1,
            self._settings.policy.max_retries,
            request.method,
            request.url.path,
            self._redactor.scrub(why),
            delay,
        )
