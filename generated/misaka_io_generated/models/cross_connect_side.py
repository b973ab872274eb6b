from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


@_attrs_define
class CrossConnectSide:
    """CrossConnectSide object.

    Attributes:
            port_id (str | Unset):
            location (str | Unset):
            party (str | Unset): The other party (carrier, IX or customer).
            panel (str | Unset): Patch panel position.
    """

    port_id: str | Unset = UNSET
    location: str | Unset = UNSET
    party: str | Unset = UNSET
    panel: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        port_id = self.port_id

        location = self.location

        party = self.party

        panel = self.panel

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if port_id is not UNSET:
            field_dict["port_id"] = port_id
        if location is not UNSET:
            field_dict["location"] = location
        if party is not UNSET:
            field_dict["party"] = party
        if panel is not UNSET:
            field_dict["panel"] = panel
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        port_id = src_dict.get("port_id", UNSET)

        location = src_dict.get("location", UNSET)

        party = src_dict.get("party", UNSET)

        panel = src_dict.get("panel", UNSET)

        _new = cls.__new__(cls)
        _new.port_id = port_id
        _new.location = location
        _new.party = party
        _new.panel = panel
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = (
            0
            + (port_id is not UNSET)
            + (location is not UNSET)
            + (party is not UNSET)
            + (panel is not UNSET)
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
                    "location",
                    "party",
                    "panel",
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
