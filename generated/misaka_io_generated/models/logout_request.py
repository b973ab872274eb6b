from __future__ import annotations

from typing import ClassVar

from ..types import UNSET, Model, Unset


class LogoutRequest(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """LogoutRequest object.

    Attributes:
            refresh (None | str | Unset): A refresh token to revoke along with the session.
    """

    __secret_fields__: ClassVar[frozenset[str]] = frozenset(
        {
            "refresh",
        }
    )
    refresh: None | str | Unset = UNSET
