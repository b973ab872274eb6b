from __future__ import annotations

import datetime

from ..types import UNSET, Model, Unset


class UsagePoint(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """UsagePoint object.

    Attributes:
            time (datetime.datetime): Start of the interval.
            in_bps (int | Unset): Average inbound rate over the interval, bit/s.
            out_bps (int | Unset): Average outbound rate over the interval, bit/s.
    """

    time: datetime.datetime
    in_bps: int | Unset = UNSET
    out_bps: int | Unset = UNSET
