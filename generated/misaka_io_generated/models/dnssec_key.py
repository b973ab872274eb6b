from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


@_attrs_define
class DnssecKey:
    """DnssecKey object.

    Attributes:
            key_tag (int | Unset):
            flags (int | Unset):
            algorithm (int | Unset):
            public_key (str | Unset):
            ds (str | Unset): The DS record to give the parent zone's registrar.
    """

    key_tag: int | Unset = UNSET
    flags: int | Unset = UNSET
    algorithm: int | Unset = UNSET
    public_key: str | Unset = UNSET
    ds: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key_tag = self.key_tag

        flags = self.flags

        algorithm = self.algorithm

        public_key = self.public_key

        ds = self.ds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if key_tag is not UNSET:
            field_dict["key_tag"] = key_tag
        if flags is not UNSET:
            field_dict["flags"] = flags
        if algorithm is not UNSET:
            field_dict["algorithm"] = algorithm
        if public_key is not UNSET:
            field_dict["public_key"] = public_key
        if ds is not UNSET:
            field_dict["ds"] = ds
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        key_tag = src_dict.get("key_tag", UNSET)

        flags = src_dict.get("flags", UNSET)

        algorithm = src_dict.get("algorithm", UNSET)

        public_key = src_dict.get("public_key", UNSET)

        ds = src_dict.get("ds", UNSET)

        _new = cls.__new__(cls)
        _new.key_tag = key_tag
        _new.flags = flags
        _new.algorithm = algorithm
        _new.public_key = public_key
        _new.ds = ds
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = (
            0
            + (key_tag is not UNSET)
            + (flags is not UNSET)
            + (algorithm is not UNSET)
            + (public_key is not UNSET)
            + (ds is not UNSET)
        )
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "key_tag",
                    "flags",
                    "algorithm",
                    "public_key",
                    "ds",
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
