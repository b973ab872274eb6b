from __future__ import annotations

import datetime

from ..types import UNSET, Model, Unset


class FlowTimeseries(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """FlowTimeseries object.

    Attributes:
            series (list[FlowSeries]):
            start (datetime.datetime | Unset):
            end (datetime.datetime | Unset):
            resolution (int | Unset):
            metric (str | Unset):
    """

    series: list[FlowSeries]
    start: datetime.datetime | Unset = UNSET
    end: datetime.datetime | Unset = UNSET
    resolution: int | Unset = UNSET
    metric: str | Unset = UNSET


from ..models.flow_series import FlowSeries
