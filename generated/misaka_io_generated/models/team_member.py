from __future__ import annotations

import datetime

from ..types import UNSET, Model, Unset


class TeamMember(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """TeamMember object.

    Attributes:
            id (int):
            email (str | Unset):
            display_name (str | Unset):
            is_admin (bool | Unset):
            joined_at (datetime.datetime | Unset):
    """

    id: int
    email: str | Unset = UNSET
    display_name: str | Unset = UNSET
    is_admin: bool | Unset = UNSET
    joined_at: datetime.datetime | Unset = UNSET
