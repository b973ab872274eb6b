from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


@_attrs_define
class TeamMember:
    """TeamMember object.

    Attributes:
            id (int):
            email (str | Unset):
            display_name (str | Unset):
            is_admin (bool | Unset):
            joined_at (datetime.datetime | Unset):
    """

    id: int
    email: str | Unset = UNSET
    display_name: str | Unset = UNSET
    is_admin: bool | Unset = UNSET
    joined_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        email = self.email

        display_name = self.display_name

        is_admin = self.is_admin

        joined_at: str | Unset = UNSET
        if not isinstance(self.joined_at, Unset):
            joined_at = self.joined_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["id"] = id
        if email is not UNSET:
            field_dict["email"] = email
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if is_admin is not UNSET:
            field_dict["is_admin"] = is_admin
        if joined_at is not UNSET:
            field_dict["joined_at"] = joined_at
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        id = src_dict["id"]

        email = src_dict.get("email", UNSET)

        display_name = src_dict.get("display_name", UNSET)

        is_admin = src_dict.get("is_admin", UNSET)

        _joined_at = src_dict.get("joined_at", UNSET)
        joined_at: datetime.datetime | Unset
        if isinstance(_joined_at, Unset):
            joined_at = UNSET
        else:
            joined_at = datetime.datetime.fromisoformat(_joined_at)

        _new = cls.__new__(cls)
        _new.id = id
        _new.email = email
        _new.display_name = display_name
        _new.is_admin = is_admin
        _new.joined_at = joined_at
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = (
            1
            + (email is not UNSET)
            + (display_name is not UNSET)
            + (is_admin is not UNSET)
            + (joined_at is not UNSET)
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
                    "email",
                    "display_name",
                    "is_admin",
                    "joined_at",
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
