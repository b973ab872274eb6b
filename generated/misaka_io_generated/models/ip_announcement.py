from __future__ import annotations

import datetime

from ..types import UNSET, Model, Unset


class IpAnnouncement(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """IpAnnouncement object.

    Attributes:
            id (str):
            prefix (str): An IPv4 or IPv6 prefix in CIDR notation, such as `203.0.113.0/24`.
            origin_asn (int | Unset): An autonomous system number (32-bit).
            communities (list[ExtendedCommunity] | Unset):
            description (str | Unset):
            status (str | Unset): Known values `pending`, `active`, `withdrawn`, `rejected`.
            created_at (datetime.datetime | Unset):
            updated_at (datetime.datetime | Unset):
    """

    id: str
    prefix: str
    origin_asn: int | Unset = UNSET
    communities: list[ExtendedCommunity] | Unset = UNSET
    description: str | Unset = UNSET
    status: str | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET


from ..models.extended_community import ExtendedCommunity
