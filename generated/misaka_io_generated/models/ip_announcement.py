from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.extended_community import ExtendedCommunity


@_attrs_define
class IpAnnouncement:
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
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        prefix = self.prefix

        origin_asn = self.origin_asn

        communities: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.communities, Unset):
            communities = []
            for communities_item_data in self.communities:
                communities_item = communities_item_data.to_dict()
                communities.append(communities_item)

        description = self.description

        status = self.status

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["id"] = id
        field_dict["prefix"] = prefix
        if origin_asn is not UNSET:
            field_dict["origin_asn"] = origin_asn
        if communities is not UNSET:
            field_dict["communities"] = communities
        if description is not UNSET:
            field_dict["description"] = description
        if status is not UNSET:
            field_dict["status"] = status
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.extended_community import ExtendedCommunity

        id = src_dict["id"]

        prefix = src_dict["prefix"]

        origin_asn = src_dict.get("origin_asn", UNSET)

        _communities = src_dict.get("communities", UNSET)
        communities: list[ExtendedCommunity] | Unset = UNSET
        if _communities is not UNSET:
            communities = []
            for communities_item_data in _communities:
                communities_item = ExtendedCommunity.from_dict(communities_item_data)

                communities.append(communities_item)

        description = src_dict.get("description", UNSET)

        status = src_dict.get("status", UNSET)

        _created_at = src_dict.get("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        _updated_at = src_dict.get("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        _new = cls.__new__(cls)
        _new.id = id
        _new.prefix = prefix
        _new.origin_asn = origin_asn
        _new.communities = communities
        _new.description = description
        _new.status = status
        _new.created_at = created_at
        _new.updated_at = updated_at
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = (
            2
            + (origin_asn is not UNSET)
            + (communities is not UNSET)
            + (description is not UNSET)
            + (status is not UNSET)
            + (created_at is not UNSET)
            + (updated_at is not UNSET)
        )
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "id",
                    "prefix",
                    "origin_asn",
                    "communities",
                    "description",
                    "status",
                    "created_at",
                    "updated_at",
                )
            }
        )
        _new.additional_properties = _rest
        return _new

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties)

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
