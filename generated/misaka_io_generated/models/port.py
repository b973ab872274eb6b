from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


@_attrs_define
class Port:
    """Port object.

    Attributes:
            id (str):
            name (str | Unset): Interface name on the device.
            device (str | Unset): Id of the device the port is on.
            location (str | Unset):
            speed (int | Unset): Line rate in Mbit/s.
            state (str | Unset): Known values `up`, `down`, `disabled`, `provisioning`.
            media (str | Unset): Physical medium, such as `100GBASE-LR4`.
            mtu (int | Unset):
            description (str | Unset):
            service (None | str | Unset): Id of the service the port delivers.
    """

    id: str
    name: str | Unset = UNSET
    device: str | Unset = UNSET
    location: str | Unset = UNSET
    speed: int | Unset = UNSET
    state: str | Unset = UNSET
    media: str | Unset = UNSET
    mtu: int | Unset = UNSET
    description: str | Unset = UNSET
    service: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        device = self.device

        location = self.location

        speed = self.speed

        state = self.state

        media = self.media

        mtu = self.mtu

        description = self.description

        service: None | str | Unset
        if isinstance(self.service, Unset):
            service = UNSET
        else:
            service = self.service

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if device is not UNSET:
            field_dict["device"] = device
        if location is not UNSET:
            field_dict["location"] = location
        if speed is not UNSET:
            field_dict["speed"] = speed
        if state is not UNSET:
            field_dict["state"] = state
        if media is not UNSET:
            field_dict["media"] = media
        if mtu is not UNSET:
            field_dict["mtu"] = mtu
        if description is not UNSET:
            field_dict["description"] = description
        if service is not UNSET:
            field_dict["service"] = service
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        id = src_dict["id"]

        name = src_dict.get("name", UNSET)

        device = src_dict.get("device", UNSET)

        location = src_dict.get("location", UNSET)

        speed = src_dict.get("speed", UNSET)

        state = src_dict.get("state", UNSET)

        media = src_dict.get("media", UNSET)

        mtu = src_dict.get("mtu", UNSET)

        description = src_dict.get("description", UNSET)

        def _parse_service(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        service = _parse_service(src_dict.get("service", UNSET))

        _new = cls.__new__(cls)
        _new.id = id
        _new.name = name
        _new.device = device
        _new.location = location
        _new.speed = speed
        _new.state = state
        _new.media = media
        _new.mtu = mtu
        _new.description = description
        _new.service = service
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = (
            1
            + (name is not UNSET)
            + (device is not UNSET)
            + (location is not UNSET)
            + (speed is not UNSET)
            + (state is not UNSET)
            + (media is not UNSET)
            + (mtu is not UNSET)
            + (description is not UNSET)
            + (service is not UNSET)
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
                    "name",
                    "device",
                    "location",
                    "speed",
                    "state",
                    "media",
                    "mtu",
                    "description",
                    "service",
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
