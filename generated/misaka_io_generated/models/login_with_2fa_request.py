from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


@_attrs_define
class LoginWith2FARequest:
    """LoginWith2FARequest object.

    Attributes:
            password (str):
            otp (str): The current one-time code from the authenticator app.
            username (None | str | Unset): Legacy alias of `email`.
            email (None | str | Unset):
            sliding (bool | None | Unset):  Default: False.
    """

    password: str
    otp: str
    username: None | str | Unset = UNSET
    email: None | str | Unset = UNSET
    sliding: bool | None | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        password = self.password

        otp = self.otp

        username: None | str | Unset
        if isinstance(self.username, Unset):
            username = UNSET
        else:
            username = self.username

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        sliding: bool | None | Unset
        if isinstance(self.sliding, Unset):
            sliding = UNSET
        else:
            sliding = self.sliding

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["password"] = password
        field_dict["otp"] = otp
        if username is not UNSET:
            field_dict["username"] = username
        if email is not UNSET:
            field_dict["email"] = email
        if sliding is not UNSET:
            field_dict["sliding"] = sliding
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        password = src_dict["password"]

        otp = src_dict["otp"]

        def _parse_username(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        username = _parse_username(src_dict.get("username", UNSET))

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(src_dict.get("email", UNSET))

        def _parse_sliding(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        sliding = _parse_sliding(src_dict.get("sliding", UNSET))

        _new = cls.__new__(cls)
        _new.password = password
        _new.otp = otp
        _new.username = username
        _new.email = email
        _new.sliding = sliding
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = (
            2 + (username is not UNSET) + (email is not UNSET) + (sliding is not UNSET)
        )
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "password",
                    "otp",
                    "username",
                    "email",
                    "sliding",
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
