from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


@_attrs_define
class ShieldRuleInput:
    """ShieldRuleInput object.

    Attributes:
            destination (str): An IPv4 or IPv6 prefix in CIDR notation, such as `203.0.113.0/24`.
            action (str): Known values `drop`, `accept`, `rate-limit`.
            id (str | Unset): Keep the rule with this id; omit to create a rule.
            description (str | Unset):
            protocol (str | Unset): Known values `any`, `tcp`, `udp`, `icmp`, `gre`.
            source_port (int | None | Unset):
            destination_port (int | None | Unset):
            rate_limit_pps (int | None | Unset): Packets per second allowed when `action` is `rate-
                limit`.
            enabled (bool | Unset):  Default: True.
    """

    destination: str
    action: str
    id: str | Unset = UNSET
    description: str | Unset = UNSET
    protocol: str | Unset = UNSET
    source_port: int | None | Unset = UNSET
    destination_port: int | None | Unset = UNSET
    rate_limit_pps: int | None | Unset = UNSET
    enabled: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        destination = self.destination

        action = self.action

        id = self.id

        description = self.description

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

        rate_limit_pps: int | None | Unset
        if isinstance(self.rate_limit_pps, Unset):
            rate_limit_pps = UNSET
        else:
            rate_limit_pps = self.rate_limit_pps

        enabled = self.enabled

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["destination"] = destination
        field_dict["action"] = action
        if id is not UNSET:
            field_dict["id"] = id
        if description is not UNSET:
            field_dict["description"] = description
        if protocol is not UNSET:
            field_dict["protocol"] = protocol
        if source_port is not UNSET:
            field_dict["source_port"] = source_port
        if destination_port is not UNSET:
            field_dict["destination_port"] = destination_port
        if rate_limit_pps is not UNSET:
            field_dict["rate_limit_pps"] = rate_limit_pps
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        destination = src_dict["destination"]

        action = src_dict["action"]

        id = src_dict.get("id", UNSET)

        description = src_dict.get("description", UNSET)

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

        def _parse_rate_limit_pps(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rate_limit_pps = _parse_rate_limit_pps(src_dict.get("rate_limit_pps", UNSET))

        enabled = src_dict.get("enabled", UNSET)

        _new = cls.__new__(cls)
        _new.destination = destination
        _new.action = action
        _new.id = id
        _new.description = description
        _new.protocol = protocol
        _new.source_port = source_port
        _new.destination_port = destination_port
        _new.rate_limit_pps = rate_limit_pps
        _new.enabled = enabled
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = (
            2
            + (id is not UNSET)
            + (description is not UNSET)
            + (protocol is not UNSET)
            + (source_port is not UNSET)
            + (destination_port is not UNSET)
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
                    "destination",
                    "action",
                    "id",
                    "description",
                    "protocol",
                    "source_port",
                    "destination_port",
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
