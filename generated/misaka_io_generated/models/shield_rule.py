from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


@_attrs_define
class ShieldRule:
    """ShieldRule object.

    Attributes:
            id (str):
            description (str | Unset):
            destination (str | Unset):
            protocol (str | Unset):
            source_port (int | None | Unset):
            destination_port (int | None | Unset):
            action (str | Unset): Known values `drop`, `accept`, `rate-limit`.
            rate_limit_pps (int | None | Unset):
            enabled (bool | Unset):
    """

    id: str
    description: str | Unset = UNSET
    destination: str | Unset = UNSET
    protocol: str | Unset = UNSET
    source_port: int | None | Unset = UNSET
    destination_port: int | None | Unset = UNSET
    action: str | Unset = UNSET
    rate_limit_pps: int | None | Unset = UNSET
    enabled: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        description = self.description

        destination = self.destination

        protocol = self.protocol

        source_port: int | None | Unset
        if isinstance(self.source_port, Unset):
            source_port = UNSET
        else:
            source_port = self.source_port

        destination_port: int | None | Unset
        if isinstance(self.destination_port, Unset):
            destination_port = UNSET
        else:
            destination_port = self.destination_port

        action = self.action

        rate_limit_pps: int | None | Unset
        if isinstance(self.rate_limit_pps, Unset):
            rate_limit_pps = UNSET
        else:
            rate_limit_pps = self.rate_limit_pps

        enabled = self.enabled

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["id"] = id
        if description is not UNSET:
            field_dict["description"] = description
        if destination is not UNSET:
            field_dict["destination"] = destination
        if protocol is not UNSET:
            field_dict["protocol"] = protocol
        if source_port is not UNSET:
            field_dict["source_port"] = source_port
        if destination_port is not UNSET:
            field_dict["destination_port"] = destination_port
        if action is not UNSET:
            field_dict["action"] = action
        if rate_limit_pps is not UNSET:
            field_dict["rate_limit_pps"] = rate_limit_pps
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        id = src_dict["id"]

        description = src_dict.get("description", UNSET)

        destination = src_dict.get("destination", UNSET)

        protocol = src_dict.get("protocol", UNSET)

        def _parse_source_port(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        source_port = _parse_source_port(src_dict.get("source_port", UNSET))

        def _parse_destination_port(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        destination_port = _parse_destination_port(
            src_dict.get("destination_port", UNSET)
        )

        action = src_dict.get("action", UNSET)

        def _parse_rate_limit_pps(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rate_limit_pps = _parse_rate_limit_pps(src_dict.get("rate_limit_pps", UNSET))

        enabled = src_dict.get("enabled", UNSET)

        _new = cls.__new__(cls)
        _new.id = id
        _new.description = description
        _new.destination = destination
        _new.protocol = protocol
        _new.source_port = source_port
        _new.destination_port = destination_port
        _new.action = action
        _new.rate_limit_pps = rate_limit_pps
        _new.enabled = enabled
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = (
            1
            + (description is not UNSET)
            + (destination is not UNSET)
            + (protocol is not UNSET)
            + (source_port is not UNSET)
            + (destination_port is not UNSET)
            + (action is not UNSET)
            + (rate_limit_pps is not UNSET)
            + (enabled is not UNSET)
        )
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "id",
                    "description",
                    "destination",
                    "protocol",
                    "source_port",
                    "destination_port",
                    "action",
                    "rate_limit_pps",
                    "enabled",
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
