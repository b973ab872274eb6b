from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


@_attrs_define
class Service:
    """Service object.

    Attributes:
            id (str):
            name (str | Unset):
            kind (str | Unset): Known values `ip-transit`, `dns`, `shield`, `colocation`, `cross-
                connect`.
            status (str | Unset): Known values `active`, `provisioning`, `suspended`, `cancelled`.
            location (str | Unset):
            port_ids (list[str] | Unset):
            started_at (datetime.datetime | Unset):
    """

    id: str
    name: str | Unset = UNSET
    kind: str | Unset = UNSET
    status: str | Unset = UNSET
    location: str | Unset = UNSET
    port_ids: list[str] | Unset = UNSET
    started_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        kind = self.kind

        status = self.status

        location = self.location

        port_ids: list[str] | Unset = UNSET
        if not isinstance(self.port_ids, Unset):
            port_ids = self.port_ids

        started_at: str | Unset = UNSET
        if not isinstance(self.started_at, Unset):
            started_at = self.started_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if kind is not UNSET:
            field_dict["kind"] = kind
        if status is not UNSET:
            field_dict["status"] = status
        if location is not UNSET:
            field_dict["location"] = location
        if port_ids is not UNSET:
            field_dict["port_ids"] = port_ids
        if started_at is not UNSET:
            field_dict["started_at"] = started_at
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        id = src_dict["id"]

        name = src_dict.get("name", UNSET)

        kind = src_dict.get("kind", UNSET)

        status = src_dict.get("status", UNSET)

        location = src_dict.get("location", UNSET)

        port_ids = cast(list[str], src_dict.get("port_ids", UNSET))

        _started_at = src_dict.get("started_at", UNSET)
        started_at: datetime.datetime | Unset
        if isinstance(_started_at, Unset):
            started_at = UNSET
        else:
            started_at = datetime.datetime.fromisoformat(_started_at)

        _new = cls.__new__(cls)
        _new.id = id
        _new.name = name
        _new.kind = kind
        _new.status = status
        _new.location = location
        _new.port_ids = port_ids
        _new.started_at = started_at
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = (
            1
            + (name is not UNSET)
            + (kind is not UNSET)
            + (status is not UNSET)
            + (location is not UNSET)
            + (port_ids is not UNSET)
            + (started_at is not UNSET)
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
                    "kind",
                    "status",
                    "location",
                    "port_ids",
                    "started_at",
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
