from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field


@_attrs_define
class ExtendedCommunity:
    """A BGP extended community `(type, global_administrator, local_administrator)`. Known route-target
        actions: (rt, 65009, 65100) no peers; (rt, 65009, 65000) no transit; (rt, 65000, ASN) only to
        ASN; (rt, 65009, ASN) not to ASN; (rt, 65001|65002|65003, ASN) prepend 1x/2x/3x towards ASN.

    Attributes:
            type_ (str): Known value `rt` (route target).
            global_administrator (int):
            local_administrator (int):
    """

    type_: str
    global_administrator: int
    local_administrator: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        global_administrator = self.global_administrator

        local_administrator = self.local_administrator

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["type"] = type_
        field_dict["global_administrator"] = global_administrator
        field_dict["local_administrator"] = local_administrator
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        type_ = src_dict["type"]

        global_administrator = src_dict["global_administrator"]

        local_administrator = src_dict["local_administrator"]

        _new = cls.__new__(cls)
        _new.type_ = type_
        _new.global_administrator = global_administrator
        _new.local_administrator = local_administrator
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = 3
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "type",
                    "global_administrator",
                    "local_administrator",
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
