"""The httpx clients under the generated code: retries, typed errors, request logging.

They override ``send`` (below the generated functions and ``client.request``, above the
auth flow), so every call, generated or raw, gets the same treatment.
"""

from __future__ import annotations

import contextvars
import logging
import time
from typing import Any

import httpx

from misaka_io import _retry
from misaka_io._exceptions import APIConnectionError, APITimeoutError, status_error
from misaka_io._redact import Redactor
from misaka_io._retry import RetryPolicy

log = logging.getLogger("misaka_io")

# The last successful answer seen in this thread or task, so that a model that fails to
# parse it can hand over the raw body.
last_response: contextvars.ContextVar[httpx.Response | None] = contextvars.ContextVar(
    "misaka_io_last_response", default=None
)


def _transport_error(
    error: httpx.TransportError, request: httpx.Request, redactor: Redactor
) -> APIConnectionError:
    cls = APITimeoutError if isinstance(error, httpx.TimeoutException) else APIConnectionError
    what = "timed out" if cls is APITimeoutError else "failed"
    detail = redactor.scrub(str(error)) or type(error).__name__
    return cls(f"{request.method} {request.url.path} {what}: {detail}", request=request)


class _Common:
    policy: RetryPolicy
    redactor: Redactor

    def _log_answer(self, request: httpx.Request, response: httpx.Response, started: float) -> None:
        if log.isEnabledFor(logging.DEBUG):
            log.debug(
                "misaka_io: %s %s -> %d in %.1f ms",
                request.method,
                self.redactor.scrub(str(request.url)),
                response.status_code,
                (time.perf_counter() - started) * 1000,
            )

    def _log_retry(self, request: httpx.Request, why: str, delay: float, attempt: int) -> None:
        log.debug(
            "misaka_io: retry %d/%d of %s %s after %s, in %.2f s",
            attempt + 1,
            self.policy.max_retries,
            request.method,
            request.url.path,
            self.redactor.scrub(why),
            delay,
        )


class SyncHTTP(_Common, httpx.Client):
    def __init__(self, *, policy: RetryPolicy, redactor: Redactor, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.policy = policy
        self.redactor = redactor

    def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        attempt = 0
        while True:
            started = time.perf_counter()
            try:
                response = super().send(request, **kwargs)
                response.read()
            except httpx.TransportError as exc:
                delay = self.policy.after_error(request, exc, attempt)
                if delay is None:
                    raise _transport_error(exc, request, self.redactor) from exc
                self._log_retry(request, type(exc).__name__, delay, attempt)
            else:
                self._log_answer(request, response, started)
                if response.is_success:
                    last_response.set(response)
                    return response
                delay = self.policy.after_status(request, response, attempt)
                if delay is None:
                    raise status_error(response, self.redactor)
                response.close()
                self._log_retry(request, str(response.status_code), delay, attempt)
            _retry.sleep(delay)
            attempt += 1


class AsyncHTTP(_Common, httpx.AsyncClient):
    def __init__(self, *, policy: RetryPolicy, redactor: Redactor, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.policy = policy
        self.redactor = redactor

    async def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        attempt = 0
        while True:
            started = time.perf_counter()
            try:
                response = await super().send(request, **kwargs)
                await response.aread()
            except httpx.TransportError as exc:
                delay = self.policy.after_error(request, exc, attempt)
                if delay is None:
                    raise _transport_error(exc, request, self.redactor) from exc
                self._log_retry(request, type(exc).__name__, delay, attempt)
            else:
                self._log_answer(request, response, started)
                if response.is_success:
                    last_response.set(response)
                    return response
                delay = self.policy.after_status(request, response, attempt)
                if delay is None:
                    raise status_error(response, self.redactor)
                await response.aclose()
                self._log_retry(request, str(response.status_code), delay, attempt)
            await _retry.async_sleep(delay)
            attempt += 1
