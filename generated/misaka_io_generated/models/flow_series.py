from __future__ import annotations

from ..types import UNSET, Model, Unset


class FlowSeries(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """FlowSeries object.

    Attributes:
            labels (FlowSeriesLabels | Unset): The group's value of each `group_by` key.
            points (list[FlowPoint] | Unset):
    """

    labels: FlowSeriesLabels | Unset = UNSET
    points: list[FlowPoint] | Unset = UNSET


from ..models.flow_point import FlowPoint
from ..models.flow_series_labels import FlowSeriesLabels
