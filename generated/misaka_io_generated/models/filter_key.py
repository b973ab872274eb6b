from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


@_attrs_define
class FilterKey:
    """FilterKey object.

    Attributes:
            key (str):
            description (str | Unset):
            value_type (str | Unset): Known values `string`, `integer`, `ip`, `prefix`.
    """

    key: str
    description: str | Unset = UNSET
    value_type: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        description = self.description

        value_type = self.value_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["key"] = key
        if description is not UNSET:
            field_dict["description"] = description
        if value_type is not UNSET:
            field_dict["value_type"] = value_type
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        key = d.pop("key")

        description = d.pop("description", UNSET)

        value_type = d.pop("value_type", UNSET)

        _new = cls.__new__(cls)
        _new.key = key
        _new.description = description
        _new.value_type = value_type
        _new.additional_properties = d
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
