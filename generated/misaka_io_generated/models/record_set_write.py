from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.record import Record
    from ..models.record_set_write_filters_item import RecordSetWriteFiltersItem


@_attrs_define
class RecordSetWrite:
    """RecordSetWrite object.

    Attributes:
            records (list[Record]):
            filters (list[RecordSetWriteFiltersItem] | Unset):
            ttl (int | Unset):
    """

    records: list[Record]
    filters: list[RecordSetWriteFiltersItem] | Unset = UNSET
    ttl: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        records = []
        for records_item_data in self.records:
            records_item = records_item_data.to_dict()
            records.append(records_item)

        filters: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.filters, Unset):
            filters = []
            for filters_item_data in self.filters:
                filters_item = filters_item_data.to_dict()
                filters.append(filters_item)

        ttl = self.ttl

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["records"] = records
        if filters is not UNSET:
            field_dict["filters"] = filters
        if ttl is not UNSET:
            field_dict["ttl"] = ttl
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.record import Record
        from ..models.record_set_write_filters_item import RecordSetWriteFiltersItem

        records = []
        _records = src_dict["records"]
        for records_item_data in _records:
            records_item = Record.from_dict(records_item_data)

            records.append(records_item)

        _filters = src_dict.get("filters", UNSET)
        filters: list[RecordSetWriteFiltersItem] | Unset = UNSET
        if _filters is not UNSET:
            filters = []
            for filters_item_data in _filters:
                filters_item = RecordSetWriteFiltersItem.from_dict(filters_item_data)

                filters.append(filters_item)

        ttl = src_dict.get("ttl", UNSET)

        _new = cls.__new__(cls)
        _new.records = records
        _new.filters = filters
        _new.ttl = ttl
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = 1 + (filters is not UNSET) + (ttl is not UNSET)
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "records",
                    "filters",
                    "ttl",
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
