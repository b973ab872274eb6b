from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


@_attrs_define
class ZoneSettings:
    """ZoneSettings object.

    Attributes:
            id (int):
            zone (str | Unset):
            default_ttl (int | Unset):
            soa_email (str | Unset):
            refresh (int | Unset):
            retry (int | Unset):
            expire (int | Unset):
            minimum_ttl (int | Unset):
    """

    id: int
    zone: str | Unset = UNSET
    default_ttl: int | Unset = UNSET
    soa_email: str | Unset = UNSET
    refresh: int | Unset = UNSET
    retry: int | Unset = UNSET
    expire: int | Unset = UNSET
    minimum_ttl: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        zone = self.zone

        default_ttl = self.default_ttl

        soa_email = self.soa_email

        refresh = self.refresh

        retry = self.retry

        expire = self.expire

        minimum_ttl = self.minimum_ttl

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["id"] = id
        if zone is not UNSET:
            field_dict["zone"] = zone
        if default_ttl is not UNSET:
            field_dict["default_ttl"] = default_ttl
        if soa_email is not UNSET:
            field_dict["soa_email"] = soa_email
        if refresh is not UNSET:
            field_dict["refresh"] = refresh
        if retry is not UNSET:
            field_dict["retry"] = retry
        if expire is not UNSET:
            field_dict["expire"] = expire
        if minimum_ttl is not UNSET:
            field_dict["minimum_ttl"] = minimum_ttl
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        id = src_dict["id"]

        zone = src_dict.get("zone", UNSET)

        default_ttl = src_dict.get("default_ttl", UNSET)

        soa_email = src_dict.get("soa_email", UNSET)

        refresh = src_dict.get("refresh", UNSET)

        retry = src_dict.get("retry", UNSET)

        expire = src_dict.get("expire", UNSET)

        minimum_ttl = src_dict.get("minimum_ttl", UNSET)

        _new = cls.__new__(cls)
        _new.id = id
        _new.zone = zone
        _new.default_ttl = default_ttl
        _new.soa_email = soa_email
        _new.refresh = refresh
        _new.retry = retry
        _new.expire = expire
        _new.minimum_ttl = minimum_ttl
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = (
            1
            + (zone is not UNSET)
            + (default_ttl is not UNSET)
            + (soa_email is not UNSET)
            + (refresh is not UNSET)
            + (retry is not UNSET)
            + (expire is not UNSET)
            + (minimum_ttl is not UNSET)
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
                    "zone",
                    "default_ttl",
                    "soa_email",
                    "refresh",
                    "retry",
                    "expire",
                    "minimum_ttl",
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
