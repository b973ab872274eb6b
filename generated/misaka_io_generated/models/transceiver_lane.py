from __future__ import annotations

from ..types import UNSET, Model, Unset


class TransceiverLane(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """TransceiverLane object.

    Attributes:
            lane (int | Unset):
            tx_power_dbm (float | Unset):
            rx_power_dbm (float | Unset):
            bias_ma (float | Unset):
    """

    lane: int | Unset = UNSET
    tx_power_dbm: float | Unset = UNSET
    rx_power_dbm: float | Unset = UNSET
    bias_ma: float | Unset = UNSET
