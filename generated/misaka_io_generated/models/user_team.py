from __future__ import annotations

from ..types import UNSET, Model, Unset


class UserTeam(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """A team the user belongs to.

    Attributes:
            id (int | str | Unset): The team id. The login page shows a string, the refresh page an
                integer; both are accepted.
            name (str | Unset):
            is_admin (bool | Unset):
    """

    id: int | str | Unset = UNSET
    name: str | Unset = UNSET
    is_admin: bool | Unset = UNSET
