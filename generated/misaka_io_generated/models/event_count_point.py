from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.event_count_point_by_severity import EventCountPointBySeverity


@_attrs_define
class EventCountPoint:
    """EventCountPoint object.

    Attributes:
            time (datetime.datetime):
            count (int | Unset):
            by_severity (EventCountPointBySeverity | Unset):
    """

    time: datetime.datetime
    count: int | Unset = UNSET
    by_severity: EventCountPointBySeverity | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        time = self.time.isoformat()

        count = self.count

        by_severity: dict[str, Any] | Unset = UNSET
        if not isinstance(self.by_severity, Unset):
            by_severity = self.by_severity.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["time"] = time
        if count is not UNSET:
            field_dict["count"] = count
        if by_severity is not UNSET:
            field_dict["by_severity"] = by_severity
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.event_count_point_by_severity import EventCountPointBySeverity

        time = datetime.datetime.fromisoformat(src_dict["time"])

        count = src_dict.get("count", UNSET)

        _by_severity = src_dict.get("by_severity", UNSET)
        by_severity: EventCountPointBySeverity | Unset
        if isinstance(_by_severity, Unset):
            by_severity = UNSET
        else:
            by_severity = EventCountPointBySeverity.from_dict(_by_severity)

        _new = cls.__new__(cls)
        _new.time = time
        _new.count = count
        _new.by_severity = by_severity
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = 1 + (count is not UNSET) + (by_severity is not UNSET)
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "time",
                    "count",
                    "by_severity",
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
