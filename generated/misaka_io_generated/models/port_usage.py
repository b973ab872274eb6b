from __future__ import annotations

import datetime

from ..types import UNSET, Model, Unset


class PortUsage(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """PortUsage object.

    Attributes:
            port_id (str):
            points (list[UsagePoint]):
            start (datetime.datetime | Unset):
            end (datetime.datetime | Unset):
            resolution (int | Unset): Seconds per point.
    """

    port_id: str
    points: list[UsagePoint]
    start: datetime.datetime | Unset = UNSET
    end: datetime.datetime | Unset = UNSET
    resolution: int | Unset = UNSET


from ..models.usage_point import UsagePoint
