from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.cross_connect_side import CrossConnectSide


@_attrs_define
class CrossConnect:
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
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        status = self.status

        media = self.media

        a_side: dict[str, Any] | Unset = UNSET
        if not isinstance(self.a_side, Unset):
            a_side = self.a_side.to_dict()

        z_side: dict[str, Any] | Unset = UNSET
        if not isinstance(self.z_side, Unset):
            z_side = self.z_side.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if status is not UNSET:
            field_dict["status"] = status
        if media is not UNSET:
            field_dict["media"] = media
        if a_side is not UNSET:
            field_dict["a_side"] = a_side
        if z_side is not UNSET:
            field_dict["z_side"] = z_side
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.cross_connect_side import CrossConnectSide

        id = src_dict["id"]

        name = src_dict.get("name", UNSET)

        status = src_dict.get("status", UNSET)

        media = src_dict.get("media", UNSET)

        _a_side = src_dict.get("a_side", UNSET)
        a_side: CrossConnectSide | Unset
        if isinstance(_a_side, Unset):
            a_side = UNSET
        else:
            a_side = CrossConnectSide.from_dict(_a_side)

        _z_side = src_dict.get("z_side", UNSET)
        z_side: CrossConnectSide | Unset
        if isinstance(_z_side, Unset):
            z_side = UNSET
        else:
            z_side = CrossConnectSide.from_dict(_z_side)

        _new = cls.__new__(cls)
        _new.id = id
        _new.name = name
        _new.status = status
        _new.media = media
        _new.a_side = a_side
        _new.z_side = z_side
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = (
            1
            + (name is not UNSET)
            + (status is not UNSET)
            + (media is not UNSET)
            + (a_side is not UNSET)
            + (z_side is not UNSET)
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
                    "name",
                    "status",
                    "media",
                    "a_side",
                    "z_side",
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
