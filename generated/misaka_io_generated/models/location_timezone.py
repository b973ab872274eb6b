from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


@_attrs_define
class LocationTimezone:
    """LocationTimezone object.

    Attributes:
            location (str):
            timezone (str | Unset): IANA time zone name.
            utc_offset (str | Unset): Current offset from UTC, `+HH:MM`.
    """

    location: str
    timezone: str | Unset = UNSET
    utc_offset: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        location = self.location

        timezone = self.timezone

        utc_offset = self.utc_offset

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["location"] = location
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if utc_offset is not UNSET:
            field_dict["utc_offset"] = utc_offset
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        location = src_dict["location"]

        timezone = src_dict.get("timezone", UNSET)

        utc_offset = src_dict.get("utc_offset", UNSET)

        _new = cls.__new__(cls)
        _new.location = location
        _new.timezone = timezone
        _new.utc_offset = utc_offset
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = 1 + (timezone is not UNSET) + (utc_offset is not UNSET)
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "location",
                    "timezone",
                    "utc_offset",
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
