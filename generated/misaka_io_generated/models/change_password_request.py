from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


@_attrs_define
class ChangePasswordRequest:
    """ChangePasswordRequest object.

    Attributes:
            current_password (str):
            new_password (str):
            logout_all_sessions (bool | None | Unset): Log out every session when true. Default: False.
    """

    current_password: str
    new_password: str
    logout_all_sessions: bool | None | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        current_password = self.current_password

        new_password = self.new_password

        logout_all_sessions: bool | None | Unset
        if isinstance(self.logout_all_sessions, Unset):
            logout_all_sessions = UNSET
        else:
            logout_all_sessions = self.logout_all_sessions

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["current_password"] = current_password
        field_dict["new_password"] = new_password
        if logout_all_sessions is not UNSET:
            field_dict["logout_all_sessions"] = logout_all_sessions
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        current_password = src_dict["current_password"]

        new_password = src_dict["new_password"]

        def _parse_logout_all_sessions(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        logout_all_sessions = _parse_logout_all_sessions(
            src_dict.get("logout_all_sessions", UNSET)
        )

        _new = cls.__new__(cls)
        _new.current_password = current_password
        _new.new_password = new_password
        _new.logout_all_sessions = logout_all_sessions
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = 2 + (logout_all_sessions is not UNSET)
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "current_password",
                    "new_password",
                    "logout_all_sessions",
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
