from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


@_attrs_define
class UsagePoint:
    """UsagePoint object.

    Attributes:
            time (datetime.datetime): Start of the interval.
            in_bps (int | Unset): Average inbound rate over the interval, bit/s.
            out_bps (int | Unset): Average outbound rate over the interval, bit/s.
    """

    time: datetime.datetime
    in_bps: int | Unset = UNSET
    out_bps: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        time = self.time.isoformat()

        in_bps = self.in_bps

        out_bps = self.out_bps

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["time"] = time
        if in_bps is not UNSET:
            field_dict["in_bps"] = in_bps
        if out_bps is not UNSET:
            field_dict["out_bps"] = out_bps
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        time = datetime.datetime.fromisoformat(src_dict["time"])

        in_bps = src_dict.get("in_bps", UNSET)

        out_bps = src_dict.get("out_bps", UNSET)

        _new = cls.__new__(cls)
        _new.time = time
        _new.in_bps = in_bps
        _new.out_bps = out_bps
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = 1 + (in_bps is not UNSET) + (out_bps is not UNSET)
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "time",
                    "in_bps",
                    "out_bps",
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
