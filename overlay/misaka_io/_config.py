"""Client settings: arguments first, then environment variables, then defaults."""

from __future__ import annotations

import ipaddress
import os
import platform
import re
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from misaka_io._exceptions import ConfigurationError
from misaka_io._version import __version__

DEFAULT_BASE_URL = "https://api.misaka.io"
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
DEFAULT_MAX_RETRIES = 2
ENV_API_TOKEN = "MISAKA_API_TOKEN"
ENV_BASE_URL = "MISAKA_BASE_URL"
ENV_EMAIL = "MISAKA_EMAIL"
ENV_PASSWORD = "MISAKA_PASSWORD"

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
    return url.copy_with(raw_path=url.raw_path.rstrip(b"/") or b"")


@dataclass(frozen=True, repr=False)
class Credentials:
    """What the client authenticates with. ``repr`` shows which kind, never the values."""

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
    ) -> Credentials:
        """Explicit arguments win; the environment is read only when none were given."""
        if not (api_token or email or password):
            api_token = os.environ.get(ENV_API_TOKEN) or None
            if not api_token:
                email = os.environ.get(ENV_EMAIL) or None
                password = os.environ.get(ENV_PASSWORD) or None
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", token_prefix):
            raise ConfigurationError(
                "token_prefix must be a single word such as 'Token' or 'Bearer'"
            )
        return cls(api_token, token_prefix, email, password, otp, sliding)
