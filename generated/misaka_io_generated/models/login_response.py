from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.login_user import LoginUser


@_attrs_define
class LoginResponse:
    """The answer to a login. Holds only `detail` when the account needs a second factor.
        `access_token` and `refresh_token` repeat `access` and `refresh` (older names); `sliding_token`
        is set when `sliding` was true.

    Attributes:
            detail (str | Unset):
            user (LoginUser | Unset): The signed-in user as the login answer shows it.
            access (str | Unset):
            refresh (str | Unset):
            access_token (str | Unset):
            refresh_token (str | Unset):
            sliding_token (str | Unset):
    """

    detail: str | Unset = UNSET
    user: LoginUser | Unset = UNSET
    access: str | Unset = UNSET
    refresh: str | Unset = UNSET
    access_token: str | Unset = UNSET
    refresh_token: str | Unset = UNSET
    sliding_token: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        detail = self.detail

        user: dict[str, Any] | Unset = UNSET
        if not isinstance(self.user, Unset):
            user = self.user.to_dict()

        access = self.access

        refresh = self.refresh

        access_token = self.access_token

        refresh_token = self.refresh_token

        sliding_token = self.sliding_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if detail is not UNSET:
            field_dict["detail"] = detail
        if user is not UNSET:
            field_dict["user"] = user
        if access is not UNSET:
            field_dict["access"] = access
        if refresh is not UNSET:
            field_dict["refresh"] = refresh
        if access_token is not UNSET:
            field_dict["access_token"] = access_token
        if refresh_token is not UNSET:
            field_dict["refresh_token"] = refresh_token
        if sliding_token is not UNSET:
            field_dict["sliding_token"] = sliding_token
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.login_user import LoginUser

        detail = src_dict.get("detail", UNSET)

        _user = src_dict.get("user", UNSET)
        user: LoginUser | Unset
        if isinstance(_user, Unset):
            user = UNSET
        else:
            user = LoginUser.from_dict(_user)

        access = src_dict.get("access", UNSET)

        refresh = src_dict.get("refresh", UNSET)

        access_token = src_dict.get("access_token", UNSET)

        refresh_token = src_dict.get("refresh_token", UNSET)

        sliding_token = src_dict.get("sliding_token", UNSET)

        _new = cls.__new__(cls)
        _new.detail = detail
        _new.user = user
        _new.access = access
        _new.refresh = refresh
        _new.access_token = access_token
        _new.refresh_token = refresh_token
        _new.sliding_token = sliding_token
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = (
            0
            + (detail is not UNSET)
            + (user is not UNSET)
            + (access is not UNSET)
            + (refresh is not UNSET)
            + (access_token is not UNSET)
            + (refresh_token is not UNSET)
            + (sliding_token is not UNSET)
        )
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "detail",
                    "user",
                    "access",
                    "refresh",
                    "access_token",
                    "refresh_token",
                    "sliding_token",
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
