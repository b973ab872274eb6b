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
        key = src_dict["key"]

        description = src_dict.get("description", UNSET)

        value_type = src_dict.get("value_type", UNSET)

        _new = cls.__new__(cls)
        _new.key = key
        _new.description = description
        _new.value_type = value_type
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = 1 + (description is not UNSET) + (value_type is not UNSET)
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "key",
                    "description",
                    "value_type",
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
