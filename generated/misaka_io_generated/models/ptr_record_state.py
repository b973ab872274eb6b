from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


@_attrs_define
class PtrRecordState:
    """PtrRecordState object.

    Attributes:
            ip (str):
            ptr (None | str | Unset): The host name now set, or null when there is none.
    """

    ip: str
    ptr: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ip = self.ip

        ptr: None | str | Unset
        if isinstance(self.ptr, Unset):
            ptr = UNSET
        else:
            ptr = self.ptr

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["ip"] = ip
        if ptr is not UNSET:
            field_dict["ptr"] = ptr
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        ip = src_dict["ip"]

        def _parse_ptr(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ptr = _parse_ptr(src_dict.get("ptr", UNSET))

        _new = cls.__new__(cls)
        _new.ip = ip
        _new.ptr = ptr
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = 1 + (ptr is not UNSET)
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "ip",
                    "ptr",
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
