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

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        email = d.pop("email", UNSET)

        avatar_url = d.pop("avatar_url", UNSET)

        username = d.pop("username", UNSET)

        first_name = d.pop("first_name", UNSET)

        last_name = d.pop("last_name", UNSET)

        display_name = d.pop("display_name", UNSET)

        country = d.pop("country", UNSET)

        is_staff = d.pop("is_staff", UNSET)

        whmcs_uuid = d.pop("whmcs_uuid", UNSET)

        _teams = d.pop("teams", UNSET)
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
        _new.additional_properties = d
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
