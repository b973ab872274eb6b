from __future__ import annotations

from typing import ClassVar

from ..types import UNSET, Model, Unset


class LoginUser(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """The signed-in user as the login answer shows it. Some answers carry the session tokens here
        (`access_token`, `refresh_token`; corroborated, see LoginResponse).

    Attributes:
            id (int | Unset):
            email (str | Unset):
            avatar_url (str | Unset):
            username (str | Unset):
            first_name (str | Unset):
            last_name (str | Unset):
            display_name (str | Unset):
            country (str | Unset): Two-letter country code.
            is_staff (bool | Unset):
            whmcs_uuid (str | Unset):
            services (list[str] | Unset):
            modules (list[LoginUserModulesItem] | Unset):
            teams (list[UserTeam] | Unset):
            access_token (str | Unset): The access token, when the answer keeps the tokens inside `user`
                (corroborated).
            refresh_token (str | Unset): The refresh token, when the answer keeps the tokens inside
                `user` (corroborated).
    """

    __secret_fields__: ClassVar[frozenset[str]] = frozenset(
        {
            "access_token",
            "refresh_token",
        }
    )
    id: int | Unset = UNSET
    email: str | Unset = UNSET
    avatar_url: str | Unset = UNSET
    username: str | Unset = UNSET
    first_name: str | Unset = UNSET
    last_name: str | Unset = UNSET
    display_name: str | Unset = UNSET
    country: str | Unset = UNSET
    is_staff: bool | Unset = UNSET
    whmcs_uuid: str | Unset = UNSET
    services: list[str] | Unset = UNSET
    modules: list[LoginUserModulesItem] | Unset = UNSET
    teams: list[UserTeam] | Unset = UNSET
    access_token: str | Unset = UNSET
    refresh_token: str | Unset = UNSET


from ..models.login_user_modules_item import LoginUserModulesItem
from ..models.user_team import UserTeam
