from __future__ import annotations

import datetime
from typing import ClassVar

from ..types import UNSET, Model, Unset


class UserToken(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """UserToken object.

    Attributes:
            token (str): The API token, sent as the header `Authorization` with the value `Token
                <token>`.
            created_at (datetime.datetime | Unset):
    """

    __secret_fields__: ClassVar[frozenset[str]] = frozenset(
        {
            "token",
        }
    )
    token: str
    created_at: datetime.datetime | Unset = UNSET
