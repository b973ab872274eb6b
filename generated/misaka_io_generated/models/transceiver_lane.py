from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


@_attrs_define
class TransceiverLane:
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
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        lane = self.lane

        tx_power_dbm = self.tx_power_dbm

        rx_power_dbm = self.rx_power_dbm

        bias_ma = self.bias_ma

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if lane is not UNSET:
            field_dict["lane"] = lane
        if tx_power_dbm is not UNSET:
            field_dict["tx_power_dbm"] = tx_power_dbm
        if rx_power_dbm is not UNSET:
            field_dict["rx_power_dbm"] = rx_power_dbm
        if bias_ma is not UNSET:
            field_dict["bias_ma"] = bias_ma
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        lane = src_dict.get("lane", UNSET)

        tx_power_dbm = src_dict.get("tx_power_dbm", UNSET)

        rx_power_dbm = src_dict.get("rx_power_dbm", UNSET)

        bias_ma = src_dict.get("bias_ma", UNSET)

        _new = cls.__new__(cls)
        _new.lane = lane
        _new.tx_power_dbm = tx_power_dbm
        _new.rx_power_dbm = rx_power_dbm
        _new.bias_ma = bias_ma
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = (
            0
            + (lane is not UNSET)
            + (tx_power_dbm is not UNSET)
            + (rx_power_dbm is not UNSET)
            + (bias_ma is not UNSET)
        )
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "lane",
                    "tx_power_dbm",
                    "rx_power_dbm",
                    "bias_ma",
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
