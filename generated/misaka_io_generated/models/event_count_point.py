from __future__ import annotations

import datetime

from ..types import UNSET, Model, Unset


class EventCountPoint(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """EventCountPoint object.

    Attributes:
            time (datetime.datetime):
            count (int | Unset):
            by_severity (EventCountPointBySeverity | Unset):
    """

    time: datetime.datetime
    count: int | Unset = UNSET
    by_severity: EventCountPointBySeverity | Unset = UNSET


from ..models.event_count_point_by_severity import EventCountPointBySeverity
