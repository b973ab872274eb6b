from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.user_team import UserTeam


@_attrs_define
class SessionUser:
    """The signed-in user as the refresh answer shows it (no services or modules).

    Attributes:
            id (int | Unset):
            email (str | Unset):
            avatar_url (str | Unset):
            username (str | Unset):
            first_name (str | Unset):
            last_name (str | Unset):
            display_name (str | Unset):
            country (str | Unset): Two-letter country code.
            is_staff (bool | Unset):
            whmcs_uuid (str | Unset):
            teams (list[UserTeam] | Unset):
    """

    id: int | Unset = UNSET
    email: str | Unset = UNSET
    avatar_url: str | Unset = UNSET
    username: str | Unset = UNSET
    first_name: str | Unset = UNSET
    last_name: str | Unset = UNSET
    display_name: str | Unset = UNSET
    country: str | Unset = UNSET
    is_staff: bool | Unset = UNSET
    whmcs_uuid: str | Unset = UNSET
    teams: list[UserTeam] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        email = self.email

        avatar_url = self.avatar_url

        username = self.username

        first_name = self.first_name

        last_name = self.last_name

        display_name = self.display_name

        country = self.country

        is_staff = self.is_staff

        whmcs_uuid = self.whmcs_uuid

        teams: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.teams, Unset):
            teams = []
            for teams_item_data in self.teams:
                teams_item = teams_item_data.to_dict()
                teams.append(teams_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if id is not UNSET:
            field_dict["id"] = id
        if email is not UNSET:
            field_dict["email"] = email
        if avatar_url is not UNSET:
            field_dict["avatar_url"] = avatar_url
        if username is not UNSET:
            field_dict["username"] = username
        if first_name is not UNSET:
            field_dict["first_name"] = first_name
        if last_name is not UNSET:
            field_dict["last_name"] = last_name
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if country is not UNSET:
            field_dict["country"] = country
        if is_staff is not UNSET:
            field_dict["is_staff"] = is_staff
        if whmcs_uuid is not UNSET:
            field_dict["whmcs_uuid"] = whmcs_uuid
        if teams is not UNSET:
            field_dict["teams"] = teams
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.user_team import UserTeam

        id = src_dict.get("id", UNSET)

        email = src_dict.get("email", UNSET)

        avatar_url = src_dict.get("avatar_url", UNSET)

        username = src_dict.get("username", UNSET)

        first_name = src_dict.get("first_name", UNSET)

        last_name = src_dict.get("last_name", UNSET)

        display_name = src_dict.get("display_name", UNSET)

        country = src_dict.get("country", UNSET)

        is_staff = src_dict.get("is_staff", UNSET)

        whmcs_uuid = src_dict.get("whmcs_uuid", UNSET)

        _teams = src_dict.get("teams", UNSET)
        teams: list[UserTeam] | Unset = UNSET
        if _teams is not UNSET:
            teams = []
            for teams_item_data in _teams:
                teams_item = UserTeam.from_dict(teams_item_data)

                teams.append(teams_item)

        _new = cls.__new__(cls)
        _new.id = id
        _new.email = email
        _new.avatar_url = avatar_url
        _new.username = username
        _new.first_name = first_name
        _new.last_name = last_name
        _new.display_name = display_name
        _new.country = country
        _new.is_staff = is_staff
        _new.whmcs_uuid = whmcs_uuid
        _new.teams = teams
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = (
            0
            + (id is not UNSET)
            + (email is not UNSET)
            + (avatar_url is not UNSET)
            + (username is not UNSET)
            + (first_name is not UNSET)
            + (last_name is not UNSET)
            + (display_name is not UNSET)
            + (country is not UNSET)
            + (is_staff is not UNSET)
            + (whmcs_uuid is not UNSET)
            + (teams is not UNSET)
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
                    "avatar_url",
                    "username",
                    "first_name",
                    "last_name",
                    "display_name",
                    "country",
                    "is_staff",
                    "whmcs_uuid",
                    "teams",
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
