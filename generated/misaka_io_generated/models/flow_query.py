from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.flow_filter import FlowFilter


@_attrs_define
class FlowQuery:
    """FlowQuery object.

    Attributes:
            start (datetime.datetime):
            end (datetime.datetime):
            resolution (int | Unset):  Default: 300.
            metric (str | Unset): Known values `bps` and `pps`. Default: 'bps'.
            group_by (list[str] | Unset):
            filters (list[FlowFilter] | Unset):
    """

    start: datetime.datetime
    end: datetime.datetime
    resolution: int | Unset = 300
    metric: str | Unset = "bps"
    group_by: list[str] | Unset = UNSET
    filters: list[FlowFilter] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        start = self.start.isoformat()

        end = self.end.isoformat()

        resolution = self.resolution

        metric = self.metric

        group_by: list[str] | Unset = UNSET
        if not isinstance(self.group_by, Unset):
            group_by = self.group_by

        filters: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.filters, Unset):
            filters = []
            for filters_item_data in self.filters:
                filters_item = filters_item_data.to_dict()
                filters.append(filters_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["start"] = start
        field_dict["end"] = end
        if resolution is not UNSET:
            field_dict["resolution"] = resolution
        if metric is not UNSET:
            field_dict["metric"] = metric
        if group_by is not UNSET:
            field_dict["group_by"] = group_by
        if filters is not UNSET:
            field_dict["filters"] = filters
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.flow_filter import FlowFilter

        start = datetime.datetime.fromisoformat(src_dict["start"])

        end = datetime.datetime.fromisoformat(src_dict["end"])

        resolution = src_dict.get("resolution", UNSET)

        metric = src_dict.get("metric", UNSET)

        group_by = cast(list[str], src_dict.get("group_by", UNSET))

        _filters = src_dict.get("filters", UNSET)
        filters: list[FlowFilter] | Unset = UNSET
        if _filters is not UNSET:
            filters = []
            for filters_item_data in _filters:
                filters_item = FlowFilter.from_dict(filters_item_data)

                filters.append(filters_item)

        _new = cls.__new__(cls)
        _new.start = start
        _new.end = end
        _new.resolution = resolution
        _new.metric = metric
        _new.group_by = group_by
        _new.filters = filters
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = (
            2
            + (resolution is not UNSET)
            + (metric is not UNSET)
            + (group_by is not UNSET)
            + (filters is not UNSET)
        )
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "start",
                    "end",
                    "resolution",
                    "metric",
                    "group_by",
                    "filters",
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
