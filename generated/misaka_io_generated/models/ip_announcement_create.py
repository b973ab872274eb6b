from __future__ import annotations

from ..types import UNSET, Model, Unset


class IpAnnouncementCreate(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """IpAnnouncementCreate object.

    Attributes:
            prefix (str): An IPv4 or IPv6 prefix in CIDR notation, such as `203.0.113.0/24`.
            origin_asn (int): An autonomous system number (32-bit).
            communities (list[ExtendedCommunity] | Unset):
            description (str | Unset):
    """

    prefix: str
    origin_asn: int
    communities: list[ExtendedCommunity] | Unset = UNSET
    description: str | Unset = UNSET


from ..models.extended_community import ExtendedCommunity
