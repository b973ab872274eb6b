from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ptr_record_state import PtrRecordState


@_attrs_define
class PtrBatchResult:
    """PtrBatchResult object.

    Attributes:
            updated (int):
            records (list[PtrRecordState] | Unset):
    """

    updated: int
    records: list[PtrRecordState] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        updated = self.updated

        records: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.records, Unset):
            records = []
            for records_item_data in self.records:
                records_item = records_item_data.to_dict()
                records.append(records_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["updated"] = updated
        if records is not UNSET:
            field_dict["records"] = records
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ptr_record_state import PtrRecordState

        updated = src_dict["updated"]

        _records = src_dict.get("records", UNSET)
        records: list[PtrRecordState] | Unset = UNSET
        if _records is not UNSET:
            records = []
            for records_item_data in _records:
                records_item = PtrRecordState.from_dict(records_item_data)

                records.append(records_item)

        _new = cls.__new__(cls)
        _new.updated = updated
        _new.records = records
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = 1 + (records is not UNSET)
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "updated",
                    "records",
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
