from __future__ import annotations

from typing import ClassVar

from ..types import UNSET, Model, Unset


class RefreshResponse(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """RefreshResponse object.

    Attributes:
            access (str | Unset):
            refresh (str | Unset):
            user_etag (str | Unset):
            user (SessionUser | Unset): The signed-in user as the refresh answer shows it (no services
                or modules).
    """

    __secret_fields__: ClassVar[frozenset[str]] = frozenset(
        {
            "access",
            "refresh",
        }
    )
    access: str | Unset = UNSET
    refresh: str | Unset = UNSET
    user_etag: str | Unset = UNSET
    user: SessionUser | Unset = UNSET


from ..models.session_user import SessionUser
