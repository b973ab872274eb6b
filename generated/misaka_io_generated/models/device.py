from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


@_attrs_define
class Device:
    """Device object.

    Attributes:
            id (str):
            name (str | Unset):
            role (str | Unset): Known values `core-router`, `edge-router`, `switch`.
            location (str | Unset): Site code, such as `HKG1`.
            model (str | Unset):
            status (str | Unset): Known values `active`, `maintenance`, `decommissioned`.
    """

    id: str
    name: str | Unset = UNSET
    role: str | Unset = UNSET
    location: str | Unset = UNSET
    model: str | Unset = UNSET
    status: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        role = self.role

        location = self.location

        model = self.model

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if role is not UNSET:
            field_dict["role"] = role
        if location is not UNSET:
            field_dict["location"] = location
        if model is not UNSET:
            field_dict["model"] = model
        if status is not UNSET:
            field_dict["status"] = status
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        id = src_dict["id"]

        name = src_dict.get("name", UNSET)

        role = src_dict.get("role", UNSET)

        location = src_dict.get("location", UNSET)

        model = src_dict.get("model", UNSET)

        status = src_dict.get("status", UNSET)

        _new = cls.__new__(cls)
        _new.id = id
        _new.name = name
        _new.role = role
        _new.location = location
        _new.model = model
        _new.status = status
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = (
            1
            + (name is not UNSET)
            + (role is not UNSET)
            + (location is not UNSET)
            + (model is not UNSET)
            + (status is not UNSET)
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
                    "role",
                    "location",
                    "model",
                    "status",
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
