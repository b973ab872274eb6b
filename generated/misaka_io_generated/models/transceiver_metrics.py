from __future__ import annotations

import datetime

from ..types import UNSET, Model, Unset


class TransceiverMetrics(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """TransceiverMetrics object.

    Attributes:
            port_id (str):
            measured_at (datetime.datetime | Unset):
            vendor (str | Unset):
            part_number (str | Unset):
            serial_number (str | Unset):
            form_factor (str | Unset): Known values `SFP`, `SFP+`, `SFP28`, `QSFP+`, `QSFP28`, `QSFP-
                DD`.
            temperature_c (float | Unset):
            voltage_v (float | Unset):
            lanes (list[TransceiverLane] | Unset):
    """

    port_id: str
    measured_at: datetime.datetime | Unset = UNSET
    vendor: str | Unset = UNSET
    part_number: str | Unset = UNSET
    serial_number: str | Unset = UNSET
    form_factor: str | Unset = UNSET
    temperature_c: float | Unset = UNSET
    voltage_v: float | Unset = UNSET
    lanes: list[TransceiverLane] | Unset = UNSET


from ..models.transceiver_lane import TransceiverLane
