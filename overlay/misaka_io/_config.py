"""Client settings: arguments first, then environment variables, then defaults; each
argument checked, with a ``ConfigurationError`` that names it."""

from __future__ import annotations

import ipaddress
import os
import platform
import re
from collections.abc import Callable, Mapping
from typing import Any

import httpx
import msgspec

from misaka_io._body import ACCEPT_ENCODING
from misaka_io._exceptions import ConfigurationError
from misaka_io._options import check_headers
from misaka_io._version import __version__

DEFAULT_BASE_URL = "https://api.misaka.io"
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
DEFAULT_MAX_RETRIES = 2
# A call with its retries and their waits ends within this many seconds.
DEFAULT_TOTAL_TIMEOUT = 120.0
MAX_RETRIES_LIMIT = 10
# The largest answer read, after decompression (the 10,000-recordset listing is 1.5 MiB).
DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024
ENV_API_TOKEN = "MISAKA_API_TOKEN"
ENV_BASE_URL = "MISAKA_BASE_URL"
ENV_EMAIL = "MISAKA_EMAIL"
ENV_PASSWORD = "MISAKA_PASSWORD"
ENV_DNS_BASE = "MISAKA_DNS_BASE"

OtpSource = str | Callable[[], str] | None


def user_agent() -> str:
    return f"misaka-io/{__version__} python/{platform.python_version()} httpx/{httpx.__version__}"


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def resolve_base_url(base_url: str | None, allow_insecure_http: bool) -> httpx.URL:
    raw = base_url or os.environ.get(ENV_BASE_URL) or DEFAULT_BASE_URL
    try:
        url = httpx.URL(raw)
    except httpx.InvalidURL as exc:
        raise ConfigurationError(f"base_url {raw!r} is not a URL: {exc}") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise ConfigurationError(f"base_url must be an http(s) URL with a host, got {raw!r}")
    if url.scheme == "http" and not (allow_insecure_http or _is_loopback(url.host)):
        raise ConfigurationError(
            f"refusing plain http to {url.host}: use https, or pass allow_insecure_http=True"
        )
    if url.query or url.fragment:
        raise ConfigurationError("base_url must not have a query or a fragment")
    if url.userinfo:
        raise ConfigurationError(
            "base_url must not carry a user or password: pass credentials as arguments"
        )
    url = url.copy_with(raw_path=url.raw_path.rstrip(b"/") or b"")
    if url.raw_path.lower().endswith(b"/v3"):
        raise ConfigurationError(
            f"base_url must not end in /v3 (the operations' paths start with it): "
            f"use {safe_url(url.copy_with(raw_path=url.raw_path[:-3]))!r}"
        )
    return url


def resolve_dns_base(dns_base_path: str | None) -> str | None:
    """Where DNS operations go instead of the spec's base (``/dns``, the older base every
    live integration uses), from the argument, else ``MISAKA_DNS_BASE``; None keeps the
    spec's paths. A path under the base URL: starts with one ``/``, no trailing one, no
    query, fragment, ``.``/``..`` segment, whitespace or control character."""
    raw = dns_base_path if dns_base_path is not None else os.environ.get(ENV_DNS_BASE) or None
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise ConfigurationError(f"dns_base_path must be a string, not {type(raw).__name__}")
    path = raw.rstrip("/")
    segments = path.split("/")[1:]
    if not (
        path.startswith("/")
        and re.fullmatch(r"[A-Za-z0-9._~!$&'()*+,;=:@%/-]+", path)
        and all(s not in ("", ".", "..") for s in segments)
    ):
        raise ConfigurationError(
            f"dns_base_path must be a path such as '/dns' (one leading '/', plain segments), "
            f"got {raw!r}"
        )
    return path


def safe_url(url: httpx.URL) -> str:
    """The URL as text without any user or password in it."""
    return str(url.copy_with(userinfo=b"")) if url.userinfo else str(url)


def check_secret(name: str, value: str | None) -> None:
    """A token or password that could not be sent as it is (whitespace or control
    characters, which a copy-paste brings along) is refused now, not at the first call."""
    if value is None:
        return
    if not isinstance(value, str):
        raise ConfigurationError(f"{name} must be a string, not {type(value).__name__}")
    if name != "password" and any(c.isspace() for c in value):
        raise ConfigurationError(f"{name} contains whitespace or a line break")
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ConfigurationError(f"{name} contains a control character")


class Credentials(msgspec.Struct, frozen=True):
    """What the client authenticates with. ``repr`` (and Rich's pretty printer) shows which
    kind, never the values."""

    api_token: str | None = None
    token_prefix: str = "Token"
    email: str | None = None
    password: str | None = None
    otp: OtpSource = None
    sliding: bool = False

    @property
    def kind(self) -> str:
        if self.api_token:
            return "api-token"
        if self.email and self.password:
            return "session"
        return "none"

    def __repr__(self) -> str:
        return f"Credentials(kind={self.kind!r}, email={self.email!r})"

    def __rich_repr__(self) -> list[tuple[str, Any]]:
        return [("kind", self.kind), ("email", self.email)]

    @classmethod
    def resolve(
        cls,
        *,
        api_token: str | None,
        email: str | None,
        password: str | None,
        otp: OtpSource,
        token_prefix: str,
        sliding: bool,
        from_env: bool = True,
    ) -> Credentials:
        """Explicit arguments win; the environment is read only when none were given (and
        ``from_env``: ``Misaka(credentials_from_env=False)`` reads none)."""
        if from_env and not (api_token or email or password):
            api_token = os.environ.get(ENV_API_TOKEN) or None
            if not api_token:
                email = os.environ.get(ENV_EMAIL) or None
                password = os.environ.get(ENV_PASSWORD) or None
        check_secret("api_token", api_token)
        check_secret("email", email)
        check_secret("password", password)
        if not isinstance(token_prefix, str) or not re.fullmatch(
            r"[A-Za-z][A-Za-z0-9_-]*", token_prefix
        ):
            raise ConfigurationError(
                "token_prefix must be a single word such as 'Token' or 'Bearer'"
            )
        return cls(api_token, token_prefix, email, password, otp, sliding)


def request_headers(default_headers: Mapping[str, str] | None) -> dict[str, str]:
    """Every request's headers: ours, then the user's (credentials have their own arguments)."""
    headers = {
        "User-Agent": user_agent(),
        "Accept": "application/json",
        "Accept-Encoding": ACCEPT_ENCODING,
        **check_headers(default_headers or {}, "default_headers"),
    }
    if any(k.lower() == "authorization" for k in headers):
        raise ConfigurationError(
            "set credentials with api_token= or email=/password=, not a header"
        )
    return headers


def check_retries(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigurationError(f"max_retries must be a whole number, not {value!r}")
    if not 0 <= value <= MAX_RETRIES_LIMIT:
        raise ConfigurationError(f"max_retries must be from 0 to {MAX_RETRIES_LIMIT}, got {value}")
    return value


def check_total_timeout(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ConfigurationError(f"total_timeout must be seconds (more than 0) or None: {value!r}")
    return float(value)


def check_response_bytes(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigurationError(f"max_response_bytes must be a positive whole number: {value!r}")
    return value
