from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.extended_community import ExtendedCommunity


@_attrs_define
class IpAnnouncementCreate:
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
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prefix = self.prefix

        origin_asn = self.origin_asn

        communities: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.communities, Unset):
            communities = []
            for communities_item_data in self.communities:
                communities_item = communities_item_data.to_dict()
                communities.append(communities_item)

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["prefix"] = prefix
        field_dict["origin_asn"] = origin_asn
        if communities is not UNSET:
            field_dict["communities"] = communities
        if description is not UNSET:
            field_dict["description"] = description
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.extended_community import ExtendedCommunity

        prefix = src_dict["prefix"]

        origin_asn = src_dict["origin_asn"]

        _communities = src_dict.get("communities", UNSET)
        communities: list[ExtendedCommunity] | Unset = UNSET
        if _communities is not UNSET:
            communities = []
            for communities_item_data in _communities:
                communities_item = ExtendedCommunity.from_dict(communities_item_data)

                communities.append(communities_item)

        description = src_dict.get("description", UNSET)

        _new = cls.__new__(cls)
        _new.prefix = prefix
        _new.origin_asn = origin_asn
        _new.communities = communities
        _new.description = description
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = 2 + (communities is not UNSET) + (description is not UNSET)
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "prefix",
                    "origin_asn",
                    "communities",
                    "description",
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
