"""Per-call options (``timeout=``, ``extra_headers=``, ``extra_query=``, and ``max_pages=`` for
a listing) and the ``NOT_GIVEN``
marker that tells "left out" from ``None`` (``timeout=None`` means no timeout)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, Literal

import httpx
import msgspec

from misaka_io._exceptions import ConfigurationError
from misaka_io._pagination import check_max_pages


class NotGiven:
    """The type of ``NOT_GIVEN``: an argument that was left out."""

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()

TimeoutTypes = float | int | httpx.Timeout | None
Headers = Mapping[str, str]
Query = Mapping[str, Any]


def as_timeout(value: object, name: str = "timeout") -> httpx.Timeout:
    """A timeout setting as ``httpx.Timeout``: seconds (a positive number), an
    ``httpx.Timeout``, or ``None`` for none. Anything else is a ``ConfigurationError``."""
    if isinstance(value, httpx.Timeout):
        return value
    if value is None:
        return httpx.Timeout(None)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigurationError(
            f"{name} must be a number of seconds, an httpx.Timeout or None, "
            f"not {type(value).__name__} {value!r}"
        )
    if not value > 0:
        raise ConfigurationError(f"{name} must be more than 0 seconds, got {value!r}")
    return httpx.Timeout(float(value))


def check_headers(headers: Mapping[str, str], name: str) -> dict[str, str]:
    """Header names and values as strings without line breaks, or a ``TypeError``."""
    out: dict[str, str] = {}
    for key, value in headers.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise TypeError(f"{name}: header {key!r} must map a string to a string")
        if any(c in key + value for c in "\r\n\0"):
            raise TypeError(f"{name}: header {key!r} contains a line break")
        out[key] = value
    return out


class RequestOptions(msgspec.Struct, frozen=True):
    """What one call may change: its timeout, headers and query parameters to add, and for a
    listing how many pages it may walk (None: the client's ``max_pages``)."""

    timeout: httpx.Timeout | None = None
    extra_headers: Mapping[str, str] | None = None
    extra_query: Mapping[str, Any] | None = None
    max_pages: int | None = None

    @classmethod
    def of(
        cls,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        max_pages: int | None = None,
    ) -> RequestOptions:
        if extra_headers is not None:
            extra_headers = check_headers(extra_headers, "extra_headers")
            if any(k.lower() == "authorization" for k in extra_headers):
                raise TypeError("extra_headers: the client sets Authorization itself")
        if extra_query is not None and not isinstance(extra_query, Mapping):
            raise TypeError(f"extra_query must be a mapping, not {type(extra_query).__name__}")
        return cls(
            timeout=None if isinstance(timeout, NotGiven) else as_timeout(timeout),
            extra_headers=extra_headers,
            extra_query=extra_query,
            max_pages=None if max_pages is None else check_max_pages(max_pages),
        )
