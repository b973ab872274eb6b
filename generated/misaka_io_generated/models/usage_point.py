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
        d = dict(src_dict)
        time = datetime.datetime.fromisoformat(d.pop("time"))

        in_bps = d.pop("in_bps", UNSET)

        out_bps = d.pop("out_bps", UNSET)

        _new = cls.__new__(cls)
        _new.time = time
        _new.in_bps = in_bps
        _new.out_bps = out_bps
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
