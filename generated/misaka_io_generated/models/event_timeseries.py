from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.event_count_point import EventCountPoint


@_attrs_define
class EventTimeseries:
    """EventTimeseries object.

    Attributes:
            points (list[EventCountPoint]):
            start (datetime.datetime | Unset):
            end (datetime.datetime | Unset):
            resolution (int | Unset):
    """

    points: list[EventCountPoint]
    start: datetime.datetime | Unset = UNSET
    end: datetime.datetime | Unset = UNSET
    resolution: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        points = []
        for points_item_data in self.points:
            points_item = points_item_data.to_dict()
            points.append(points_item)

        start: str | Unset = UNSET
        if not isinstance(self.start, Unset):
            start = self.start.isoformat()

        end: str | Unset = UNSET
        if not isinstance(self.end, Unset):
            end = self.end.isoformat()

        resolution = self.resolution

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["points"] = points
        if start is not UNSET:
            field_dict["start"] = start
        if end is not UNSET:
            field_dict["end"] = end
        if resolution is not UNSET:
            field_dict["resolution"] = resolution
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.event_count_point import EventCountPoint

        points = []
        _points = src_dict["points"]
        for points_item_data in _points:
            points_item = EventCountPoint.from_dict(points_item_data)

            points.append(points_item)

        _start = src_dict.get("start", UNSET)
        start: datetime.datetime | Unset
        if isinstance(_start, Unset):
            start = UNSET
        else:
            start = datetime.datetime.fromisoformat(_start)

        _end = src_dict.get("end", UNSET)
        end: datetime.datetime | Unset
        if isinstance(_end, Unset):
            end = UNSET
        else:
            end = datetime.datetime.fromisoformat(_end)

        resolution = src_dict.get("resolution", UNSET)

        _new = cls.__new__(cls)
        _new.points = points
        _new.start = start
        _new.end = end
        _new.resolution = resolution
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = (
            1 + (start is not UNSET) + (end is not UNSET) + (resolution is not UNSET)
        )
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "points",
                    "start",
                    "end",
                    "resolution",
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
