from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


@_attrs_define
class ZoneSettingsUpdate:
    """The settings to change (inferred: the field names are the recorded ones of ZoneSettings; which
        of them the API lets a user change is not known).

    Attributes:
            friendly_name (str | Unset):
            comment (str | Unset):
            email (str | Unset):
            expiry (int | Unset):
            nxdomain_ttl (int | Unset):
            default_ttl (int | Unset):
            refresh (int | Unset):
            retry (int | Unset):
            managed_acme (bool | Unset):
            enabled (bool | Unset):
    """

    friendly_name: str | Unset = UNSET
    comment: str | Unset = UNSET
    email: str | Unset = UNSET
    expiry: int | Unset = UNSET
    nxdomain_ttl: int | Unset = UNSET
    default_ttl: int | Unset = UNSET
    refresh: int | Unset = UNSET
    retry: int | Unset = UNSET
    managed_acme: bool | Unset = UNSET
    enabled: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        friendly_name = self.friendly_name

        comment = self.comment

        email = self.email

        expiry = self.expiry

        nxdomain_ttl = self.nxdomain_ttl

        default_ttl = self.default_ttl

        refresh = self.refresh

        retry = self.retry

        managed_acme = self.managed_acme

        enabled = self.enabled

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if friendly_name is not UNSET:
            field_dict["friendly_name"] = friendly_name
        if comment is not UNSET:
            field_dict["comment"] = comment
        if email is not UNSET:
            field_dict["email"] = email
        if expiry is not UNSET:
            field_dict["expiry"] = expiry
        if nxdomain_ttl is not UNSET:
            field_dict["nxdomain_ttl"] = nxdomain_ttl
        if default_ttl is not UNSET:
            field_dict["default_ttl"] = default_ttl
        if refresh is not UNSET:
            field_dict["refresh"] = refresh
        if retry is not UNSET:
            field_dict["retry"] = retry
        if managed_acme is not UNSET:
            field_dict["managed_acme"] = managed_acme
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        friendly_name = src_dict.get("friendly_name", UNSET)

        comment = src_dict.get("comment", UNSET)

        email = src_dict.get("email", UNSET)

        expiry = src_dict.get("expiry", UNSET)

        nxdomain_ttl = src_dict.get("nxdomain_ttl", UNSET)

        default_ttl = src_dict.get("default_ttl", UNSET)

        refresh = src_dict.get("refresh", UNSET)

        retry = src_dict.get("retry", UNSET)

        managed_acme = src_dict.get("managed_acme", UNSET)

        enabled = src_dict.get("enabled", UNSET)

        _new = cls.__new__(cls)
        _new.friendly_name = friendly_name
        _new.comment = comment
        _new.email = email
        _new.expiry = expiry
        _new.nxdomain_ttl = nxdomain_ttl
        _new.default_ttl = default_ttl
        _new.refresh = refresh
        _new.retry = retry
        _new.managed_acme = managed_acme
        _new.enabled = enabled
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = (
            0
            + (friendly_name is not UNSET)
            + (comment is not UNSET)
            + (email is not UNSET)
            + (expiry is not UNSET)
            + (nxdomain_ttl is not UNSET)
            + (default_ttl is not UNSET)
            + (refresh is not UNSET)
            + (retry is not UNSET)
            + (managed_acme is not UNSET)
            + (enabled is not UNSET)
        )
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "friendly_name",
                    "comment",
                    "email",
                    "expiry",
                    "nxdomain_ttl",
                    "default_ttl",
                    "refresh",
                    "retry",
                    "managed_acme",
                    "enabled",
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
