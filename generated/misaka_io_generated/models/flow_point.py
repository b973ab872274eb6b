from __future__ import annotations

import datetime

from ..types import UNSET, Model, Unset


class FlowPoint(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """FlowPoint object.

    Attributes:
            time (datetime.datetime):
            value (float | Unset):
    """

    time: datetime.datetime
    value: float | Unset = UNSET
