from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


@_attrs_define
class FlowFilter:
    """FlowFilter object.

    Attributes:
            key (str): A key from Get Filter Keys.
            values (list[str]):
            negate (bool | Unset): Match flows that do not have any of the values. Default: False.
    """

    key: str
    values: list[str]
    negate: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        values = self.values

        negate = self.negate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["key"] = key
        field_dict["values"] = values
        if negate is not UNSET:
            field_dict["negate"] = negate
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        key = src_dict["key"]

        values = cast(list[str], src_dict["values"])

        negate = src_dict.get("negate", UNSET)

        _new = cls.__new__(cls)
        _new.key = key
        _new.values = values
        _new.negate = negate
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = 2 + (negate is not UNSET)
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "key",
                    "values",
                    "negate",
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
