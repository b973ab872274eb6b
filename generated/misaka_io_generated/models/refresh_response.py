from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.session_user import SessionUser


@_attrs_define
class RefreshResponse:
    """RefreshResponse object.

    Attributes:
            access (str | Unset):
            refresh (str | Unset):
            user_etag (str | Unset):
            user (SessionUser | Unset): The signed-in user as the refresh answer shows it (no services
                or modules).
    """

    access: str | Unset = UNSET
    refresh: str | Unset = UNSET
    user_etag: str | Unset = UNSET
    user: SessionUser | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        access = self.access

        refresh = self.refresh

        user_etag = self.user_etag

        user: dict[str, Any] | Unset = UNSET
        if not isinstance(self.user, Unset):
            user = self.user.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if access is not UNSET:
            field_dict["access"] = access
        if refresh is not UNSET:
            field_dict["refresh"] = refresh
        if user_etag is not UNSET:
            field_dict["user_etag"] = user_etag
        if user is not UNSET:
            field_dict["user"] = user
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.session_user import SessionUser

        access = src_dict.get("access", UNSET)

        refresh = src_dict.get("refresh", UNSET)

        user_etag = src_dict.get("user_etag", UNSET)

        _user = src_dict.get("user", UNSET)
        user: SessionUser | Unset
        if isinstance(_user, Unset):
            user = UNSET
        else:
            user = SessionUser.from_dict(_user)

        _new = cls.__new__(cls)
        _new.access = access
        _new.refresh = refresh
        _new.user_etag = user_etag
        _new.user = user
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = (
            0
            + (access is not UNSET)
            + (refresh is not UNSET)
            + (user_etag is not UNSET)
            + (user is not UNSET)
        )
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "access",
                    "refresh",
                    "user_etag",
                    "user",
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
