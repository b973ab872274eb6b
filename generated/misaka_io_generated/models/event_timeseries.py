from __future__ import annotations

import datetime

from ..types import UNSET, Model, Unset


class EventTimeseries(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
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


from ..models.event_count_point import EventCountPoint
