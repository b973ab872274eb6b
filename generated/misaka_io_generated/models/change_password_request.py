from __future__ import annotations

from typing import ClassVar

from ..types import UNSET, Model, Unset


class ChangePasswordRequest(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """ChangePasswordRequest object.

    Attributes:
            current_password (str):
            new_password (str):
            logout_all_sessions (bool | None | Unset): Log out every session when true. Default: False.
    """

    __secret_fields__: ClassVar[frozenset[str]] = frozenset(
        {
            "current_password",
            "new_password",
        }
    )
    current_password: str
    new_password: str
    logout_all_sessions: bool | None | Unset = UNSET
