from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field


@_attrs_define
class ZoneSettings:
    """A zone's settings, exactly as the API answers them: every field was present in every recorded
        answer.

    Attributes:
            id (int):
            name (str): The zone's bare domain name.
            friendly_name (str):
            comment (str):
            email (str): The SOA contact mailbox, such as `hostmaster@example.net`.
            expiry (int): SOA expire, in seconds.
            nxdomain_ttl (int): SOA minimum (the negative-answer TTL), in seconds.
            default_ttl (int):
            refresh (int):
            retry (int):
            serial (int): SOA serial (YYYYMMDDnn in the recordings).
            managed_soa (bool):
            managed_acme (bool):
            enabled (bool):
            dirty (bool): True while changes wait to be published.
            created (datetime.datetime):
            modified (datetime.datetime):
            owner (int): The owning user's id.
    """

    id: int
    name: str
    friendly_name: str
    comment: str
    email: str
    expiry: int
    nxdomain_ttl: int
    default_ttl: int
    refresh: int
    retry: int
    serial: int
    managed_soa: bool
    managed_acme: bool
    enabled: bool
    dirty: bool
    created: datetime.datetime
    modified: datetime.datetime
    owner: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        friendly_name = self.friendly_name

        comment = self.comment

        email = self.email

        expiry = self.expiry

        nxdomain_ttl = self.nxdomain_ttl

        default_ttl = self.default_ttl

        refresh = self.refresh

        retry = self.retry

        serial = self.serial

        managed_soa = self.managed_soa

        managed_acme = self.managed_acme

        enabled = self.enabled

        dirty = self.dirty

        created = self.created.isoformat()

        modified = self.modified.isoformat()

        owner = self.owner

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["id"] = id
        field_dict["name"] = name
        field_dict["friendly_name"] = friendly_name
        field_dict["comment"] = comment
        field_dict["email"] = email
        field_dict["expiry"] = expiry
        field_dict["nxdomain_ttl"] = nxdomain_ttl
        field_dict["default_ttl"] = default_ttl
        field_dict["refresh"] = refresh
        field_dict["retry"] = retry
        field_dict["serial"] = serial
        field_dict["managed_soa"] = managed_soa
        field_dict["managed_acme"] = managed_acme
        field_dict["enabled"] = enabled
        field_dict["dirty"] = dirty
        field_dict["created"] = created
        field_dict["modified"] = modified
        field_dict["owner"] = owner
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        id = src_dict["id"]

        name = src_dict["name"]

        friendly_name = src_dict["friendly_name"]

        comment = src_dict["comment"]

        email = src_dict["email"]

        expiry = src_dict["expiry"]

        nxdomain_ttl = src_dict["nxdomain_ttl"]

        default_ttl = src_dict["default_ttl"]

        refresh = src_dict["refresh"]

        retry = src_dict["retry"]

        serial = src_dict["serial"]

        managed_soa = src_dict["managed_soa"]

        managed_acme = src_dict["managed_acme"]

        enabled = src_dict["enabled"]

        dirty = src_dict["dirty"]

        created = datetime.datetime.fromisoformat(src_dict["created"])

        modified = datetime.datetime.fromisoformat(src_dict["modified"])

        owner = src_dict["owner"]

        _new = cls.__new__(cls)
        _new.id = id
        _new.name = name
        _new.friendly_name = friendly_name
        _new.comment = comment
        _new.email = email
        _new.expiry = expiry
        _new.nxdomain_ttl = nxdomain_ttl
        _new.default_ttl = default_ttl
        _new.refresh = refresh
        _new.retry = retry
        _new.serial = serial
        _new.managed_soa = managed_soa
        _new.managed_acme = managed_acme
        _new.enabled = enabled
        _new.dirty = dirty
        _new.created = created
        _new.modified = modified
        _new.owner = owner
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = 18
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "id",
                    "name",
                    "friendly_name",
                    "comment",
                    "email",
                    "expiry",
                    "nxdomain_ttl",
                    "default_ttl",
                    "refresh",
                    "retry",
                    "serial",
                    "managed_soa",
                    "managed_acme",
                    "enabled",
                    "dirty",
                    "created",
                    "modified",
                    "owner",
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
