from __future__ import annotations

from typing import ClassVar

from ..types import UNSET, Model, Unset


class RefreshRequest(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """RefreshRequest object.

    Attributes:
            refresh (str): The refresh token.
            etag (None | str | Unset): The etag of the user object the client holds.
    """

    __secret_fields__: ClassVar[frozenset[str]] = frozenset(
        {
            "refresh",
        }
    )
    refresh: str
    etag: None | str | Unset = UNSET
