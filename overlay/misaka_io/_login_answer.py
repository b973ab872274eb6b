"""Where a login answer keeps the session tokens, and whether it holds any.

The documented answer has them at the top level (``access``/``refresh``) and again under the
older names (``access_token``/``refresh_token``); a 2026 integration of the web console's API
reads them inside ``user`` (``user.access_token``/``user.refresh_token``). Each place logs in;
an answer with no token in any of them (only ``detail``) asks for the second factor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


# Where a login answer may hold its tokens, in the order they are taken, as the spec's
# LoginResponse describes them: top level (`access`/`refresh`, documented), the older names
# (`access_token`/`refresh_token`, documented), and inside `user` (a 2026 integration).
LOGIN_TOKEN_PLACES: tuple[tuple[str | None, str, str], ...] = (
    (None, "access", "refresh"),
    (None, "access_token", "refresh_token"),
    ("user", "access_token", "refresh_token"),
)


@dataclass(frozen=True, repr=False)
class LoginTokens:
    """The tokens found in a login answer; ``found`` says whether it held any token field at
    all (an answer without one asks for the second factor)."""

    access: str | None
    refresh: str | None
    sliding: str | None
    found: bool


def login_tokens(data: dict[str, Any]) -> LoginTokens:
    """The tokens of a login answer, from the first place that holds each of them."""
    access = refresh = None
    found = data.get("sliding_token") not in (None, "")
    for inside, access_key, refresh_key in LOGIN_TOKEN_PLACES:
        holder = data.get(inside) if inside else data
        if not isinstance(holder, dict):
            continue
        found = found or any(holder.get(k) not in (None, "") for k in (access_key, refresh_key))
        access = access or _text(holder.get(access_key)) or None
        refresh = refresh or _text(holder.get(refresh_key)) or None
    return LoginTokens(access, refresh, _text(data.get("sliding_token")) or None, found)
