from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


@_attrs_define
class UserTeam:
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
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: int | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        name = self.name

        is_admin = self.is_admin

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if is_admin is not UNSET:
            field_dict["is_admin"] = is_admin
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        def _parse_id(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        id = _parse_id(src_dict.get("id", UNSET))

        name = src_dict.get("name", UNSET)

        is_admin = src_dict.get("is_admin", UNSET)

        _new = cls.__new__(cls)
        _new.id = id
        _new.name = name
        _new.is_admin = is_admin
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = 0 + (id is not UNSET) + (name is not UNSET) + (is_admin is not UNSET)
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
                    "is_admin",
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
