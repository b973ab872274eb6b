from __future__ import annotations

from typing import ClassVar

from ..types import UNSET, Model, Unset


class LoginResponse(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """The answer to a login. The tokens can be in three places, and a client must accept each: at the
        top level as `access` and `refresh` (documented), at the top level under the older names
        `access_token` and `refresh_token` (documented, repeating `access` and `refresh`), or inside
        `user` as `user.access_token` and `user.refresh_token` (read there by a 2026 integration of the
        web console's API; corroborated, not documented). An answer with no token in any of these places
        (only `detail`) means the account needs a second factor. `sliding_token` is set when `sliding`
        was true.

    Attributes:
            detail (str | Unset):
            user (LoginUser | Unset): The signed-in user as the login answer shows it. Some answers
                carry the session tokens here (`access_token`, `refresh_token`; corroborated, see
                LoginResponse).
            access (str | Unset):
            refresh (str | Unset):
            access_token (str | Unset):
            refresh_token (str | Unset):
            sliding_token (str | Unset):
    """

    __secret_fields__: ClassVar[frozenset[str]] = frozenset(
        {
            "access",
            "refresh",
            "access_token",
            "refresh_token",
            "sliding_token",
        }
    )
    detail: str | Unset = UNSET
    user: LoginUser | Unset = UNSET
    access: str | Unset = UNSET
    refresh: str | Unset = UNSET
    access_token: str | Unset = UNSET
    refresh_token: str | Unset = UNSET
    sliding_token: str | Unset = UNSET


from ..models.login_user import LoginUser
