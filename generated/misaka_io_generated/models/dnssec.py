from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.dnssec_key import DnssecKey


@_attrs_define
class Dnssec:
    """Dnssec object.

    Attributes:
            enabled (bool):
            algorithm (str | Unset):
            keys (list[DnssecKey] | Unset):
    """

    enabled: bool
    algorithm: str | Unset = UNSET
    keys: list[DnssecKey] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        enabled = self.enabled

        algorithm = self.algorithm

        keys: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.keys, Unset):
            keys = []
            for keys_item_data in self.keys:
                keys_item = keys_item_data.to_dict()
                keys.append(keys_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["enabled"] = enabled
        if algorithm is not UNSET:
            field_dict["algorithm"] = algorithm
        if keys is not UNSET:
            field_dict["keys"] = keys
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.dnssec_key import DnssecKey

        enabled = src_dict["enabled"]

        algorithm = src_dict.get("algorithm", UNSET)

        _keys = src_dict.get("keys", UNSET)
        keys: list[DnssecKey] | Unset = UNSET
        if _keys is not UNSET:
            keys = []
            for keys_item_data in _keys:
                keys_item = DnssecKey.from_dict(keys_item_data)

                keys.append(keys_item)

        _new = cls.__new__(cls)
        _new.enabled = enabled
        _new.algorithm = algorithm
        _new.keys = keys
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = 1 + (algorithm is not UNSET) + (keys is not UNSET)
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "enabled",
                    "algorithm",
                    "keys",
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
