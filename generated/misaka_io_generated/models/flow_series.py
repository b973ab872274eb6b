from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.flow_point import FlowPoint
    from ..models.flow_series_labels import FlowSeriesLabels


@_attrs_define
class FlowSeries:
    """FlowSeries object.

    Attributes:
            labels (FlowSeriesLabels | Unset): The group's value of each `group_by` key.
            points (list[FlowPoint] | Unset):
    """

    labels: FlowSeriesLabels | Unset = UNSET
    points: list[FlowPoint] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        labels: dict[str, Any] | Unset = UNSET
        if not isinstance(self.labels, Unset):
            labels = self.labels.to_dict()

        points: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.points, Unset):
            points = []
            for points_item_data in self.points:
                points_item = points_item_data.to_dict()
                points.append(points_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if labels is not UNSET:
            field_dict["labels"] = labels
        if points is not UNSET:
            field_dict["points"] = points
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.flow_point import FlowPoint
        from ..models.flow_series_labels import FlowSeriesLabels

        _labels = src_dict.get("labels", UNSET)
        labels: FlowSeriesLabels | Unset
        if isinstance(_labels, Unset):
            labels = UNSET
        else:
            labels = FlowSeriesLabels.from_dict(_labels)

        _points = src_dict.get("points", UNSET)
        points: list[FlowPoint] | Unset = UNSET
        if _points is not UNSET:
            points = []
            for points_item_data in _points:
                points_item = FlowPoint.from_dict(points_item_data)

                points.append(points_item)

        _new = cls.__new__(cls)
        _new.labels = labels
        _new.points = points
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = 0 + (labels is not UNSET) + (points is not UNSET)
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "labels",
                    "points",
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
