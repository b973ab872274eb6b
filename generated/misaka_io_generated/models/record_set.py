from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.record import Record


@_attrs_define
class RecordSet:
    """A recordset, exactly as the API answers it: every field was present in every recorded answer
        (`alias` was always null and `filters` always empty there).

    Attributes:
            name (str): Relative to the zone (`www`, `_acme-challenge`); `@` is the apex.
            type_ (str):
            ttl (int):
            enabled (bool):
            protected (bool): True for the recordsets the service manages (the apex NS and SOA).
            alias (None | str): Always null in the recordings; the shape of a set value is not known.
            records (list[Record]):
            filters (list[Any]): Traffic-steering filters (geo, weight); shape not public.
    """

    name: str
    type_: str
    ttl: int
    enabled: bool
    protected: bool
    alias: None | str
    records: list[Record]
    filters: list[Any]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        type_ = self.type_

        ttl = self.ttl

        enabled = self.enabled

        protected = self.protected

        alias: None | str
        alias = self.alias

        records = []
        for records_item_data in self.records:
            records_item = records_item_data.to_dict()
            records.append(records_item)

        filters = self.filters

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["name"] = name
        field_dict["type"] = type_
        field_dict["ttl"] = ttl
        field_dict["enabled"] = enabled
        field_dict["protected"] = protected
        field_dict["alias"] = alias
        field_dict["records"] = records
        field_dict["filters"] = filters
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.record import Record

        name = src_dict["name"]

        type_ = src_dict["type"]

        ttl = src_dict["ttl"]

        enabled = src_dict["enabled"]

        protected = src_dict["protected"]

        def _parse_alias(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        alias = _parse_alias(src_dict["alias"])

        records = []
        _records = src_dict["records"]
        for records_item_data in _records:
            records_item = Record.from_dict(records_item_data)

            records.append(records_item)

        filters = cast(list[Any], src_dict["filters"])

        _new = cls.__new__(cls)
        _new.name = name
        _new.type_ = type_
        _new.ttl = ttl
        _new.enabled = enabled
        _new.protected = protected
        _new.alias = alias
        _new.records = records
        _new.filters = filters
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = 8
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "name",
                    "type",
                    "ttl",
                    "enabled",
                    "protected",
                    "alias",
                    "records",
                    "filters",
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
