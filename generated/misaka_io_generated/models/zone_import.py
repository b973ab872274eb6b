from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


@_attrs_define
class ZoneImport:
    """ZoneImport object.

    Attributes:
            zone_file (str): RFC 1035 master file text; names are relative to the zone unless they end
                with a dot.
            replace (bool | Unset):  Default: False.
    """

    zone_file: str
    replace: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        zone_file = self.zone_file

        replace = self.replace

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["zone_file"] = zone_file
        if replace is not UNSET:
            field_dict["replace"] = replace
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        zone_file = src_dict["zone_file"]

        replace = src_dict.get("replace", UNSET)

        _new = cls.__new__(cls)
        _new.zone_file = zone_file
        _new.replace = replace
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = 1 + (replace is not UNSET)
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "zone_file",
                    "replace",
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
