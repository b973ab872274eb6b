from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.transceiver_lane import TransceiverLane


@_attrs_define
class TransceiverMetrics:
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
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        port_id = self.port_id

        measured_at: str | Unset = UNSET
        if not isinstance(self.measured_at, Unset):
            measured_at = self.measured_at.isoformat()

        vendor = self.vendor

        part_number = self.part_number

        serial_number = self.serial_number

        form_factor = self.form_factor

        temperature_c = self.temperature_c

        voltage_v = self.voltage_v

        lanes: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.lanes, Unset):
            lanes = []
            for lanes_item_data in self.lanes:
                lanes_item = lanes_item_data.to_dict()
                lanes.append(lanes_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["port_id"] = port_id
        if measured_at is not UNSET:
            field_dict["measured_at"] = measured_at
        if vendor is not UNSET:
            field_dict["vendor"] = vendor
        if part_number is not UNSET:
            field_dict["part_number"] = part_number
        if serial_number is not UNSET:
            field_dict["serial_number"] = serial_number
        if form_factor is not UNSET:
            field_dict["form_factor"] = form_factor
        if temperature_c is not UNSET:
            field_dict["temperature_c"] = temperature_c
        if voltage_v is not UNSET:
            field_dict["voltage_v"] = voltage_v
        if lanes is not UNSET:
            field_dict["lanes"] = lanes
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.transceiver_lane import TransceiverLane

        port_id = src_dict["port_id"]

        _measured_at = src_dict.get("measured_at", UNSET)
        measured_at: datetime.datetime | Unset
        if isinstance(_measured_at, Unset):
            measured_at = UNSET
        else:
            measured_at = datetime.datetime.fromisoformat(_measured_at)

        vendor = src_dict.get("vendor", UNSET)

        part_number = src_dict.get("part_number", UNSET)

        serial_number = src_dict.get("serial_number", UNSET)

        form_factor = src_dict.get("form_factor", UNSET)

        temperature_c = src_dict.get("temperature_c", UNSET)

        voltage_v = src_dict.get("voltage_v", UNSET)

        _lanes = src_dict.get("lanes", UNSET)
        lanes: list[TransceiverLane] | Unset = UNSET
        if _lanes is not UNSET:
            lanes = []
            for lanes_item_data in _lanes:
                lanes_item = TransceiverLane.from_dict(lanes_item_data)

                lanes.append(lanes_item)

        _new = cls.__new__(cls)
        _new.port_id = port_id
        _new.measured_at = measured_at
        _new.vendor = vendor
        _new.part_number = part_number
        _new.serial_number = serial_number
        _new.form_factor = form_factor
        _new.temperature_c = temperature_c
        _new.voltage_v = voltage_v
        _new.lanes = lanes
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = (
            1
            + (measured_at is not UNSET)
            + (vendor is not UNSET)
            + (part_number is not UNSET)
            + (serial_number is not UNSET)
            + (form_factor is not UNSET)
            + (temperature_c is not UNSET)
            + (voltage_v is not UNSET)
            + (lanes is not UNSET)
        )
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "port_id",
                    "measured_at",
                    "vendor",
                    "part_number",
                    "serial_number",
                    "form_factor",
                    "temperature_c",
                    "voltage_v",
                    "lanes",
                )
            }
        )
        _new.additional_properties = _rest
        return _new

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties)

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
