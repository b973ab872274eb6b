from __future__ import annotations

from typing import ClassVar

from ..types import UNSET, Model, Unset


class LoginResponse(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """The answer to a login. Holds only `detail` when the account needs a second factor.
        `access_token` and `refresh_token` repeat `access` and `refresh` (older names); `sliding_token`
        is set when `sliding` was true.

    Attributes:
            detail (str | Unset):
            user (LoginUser | Unset): The signed-in user as the login answer shows it.
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
