from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.record import Record


@_attrs_define
class RecordSet:
    """RecordSet object.

    Attributes:
            name (str):
            type_ (str):
            ttl (int | Unset):
            records (list[Record] | Unset):
            filters (list[Any] | Unset): Traffic-steering filters (geo, weight); shape not public.
    """

    name: str
    type_: str
    ttl: int | Unset = UNSET
    records: list[Record] | Unset = UNSET
    filters: list[Any] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        type_ = self.type_

        ttl = self.ttl

        records: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.records, Unset):
            records = []
            for records_item_data in self.records:
                records_item = records_item_data.to_dict()
                records.append(records_item)

        filters: list[Any] | Unset = UNSET
        if not isinstance(self.filters, Unset):
            filters = self.filters

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["name"] = name
        field_dict["type"] = type_
        if ttl is not UNSET:
            field_dict["ttl"] = ttl
        if records is not UNSET:
            field_dict["records"] = records
        if filters is not UNSET:
            field_dict["filters"] = filters
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.record import Record

        name = src_dict["name"]

        type_ = src_dict["type"]

        ttl = src_dict.get("ttl", UNSET)

        _records = src_dict.get("records", UNSET)
        records: list[Record] | Unset = UNSET
        if _records is not UNSET:
            records = []
            for records_item_data in _records:
                records_item = Record.from_dict(records_item_data)

                records.append(records_item)

        filters = cast(list[Any], src_dict.get("filters", UNSET))

        _new = cls.__new__(cls)
        _new.name = name
        _new.type_ = type_
        _new.ttl = ttl
        _new.records = records
        _new.filters = filters
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = (
            2 + (ttl is not UNSET) + (records is not UNSET) + (filters is not UNSET)
        )
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
