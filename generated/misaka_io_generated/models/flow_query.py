from __future__ import annotations

import datetime

from ..types import UNSET, Model, Unset


class FlowQuery(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
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
    resolution: int | Unset = UNSET
    metric: str | Unset = UNSET
    group_by: list[str] | Unset = UNSET
    filters: list[FlowFilter] | Unset = UNSET


from ..models.flow_filter import FlowFilter
