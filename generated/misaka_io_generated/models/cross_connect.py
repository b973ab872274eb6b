from __future__ import annotations

from ..types import UNSET, Model, Unset


class CrossConnect(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """CrossConnect object.

    Attributes:
            id (str):
            name (str | Unset):
            status (str | Unset): Known values `active`, `pending`, `cancelled`.
            media (str | Unset):
            a_side (CrossConnectSide | Unset):
            z_side (CrossConnectSide | Unset):
    """

    id: str
    name: str | Unset = UNSET
    status: str | Unset = UNSET
    media: str | Unset = UNSET
    a_side: CrossConnectSide | Unset = UNSET
    z_side: CrossConnectSide | Unset = UNSET


from ..models.cross_connect_side import CrossConnectSide
