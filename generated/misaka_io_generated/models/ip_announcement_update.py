from __future__ import annotations

from ..types import UNSET, Model, Unset


class IpAnnouncementUpdate(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """IpAnnouncementUpdate object.

    Attributes:
            origin_asn (int | Unset): An autonomous system number (32-bit).
            communities (list[ExtendedCommunity] | Unset):
            description (str | Unset):
    """

    origin_asn: int | Unset = UNSET
    communities: list[ExtendedCommunity] | Unset = UNSET
    description: str | Unset = UNSET


from ..models.extended_community import ExtendedCommunity
