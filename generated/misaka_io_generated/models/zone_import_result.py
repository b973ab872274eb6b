from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.record_set import RecordSet


@_attrs_define
class ZoneImportResult:
    """ZoneImportResult object.

    Attributes:
            imported (int):
            recordsets (list[RecordSet] | Unset):
    """

    imported: int
    recordsets: list[RecordSet] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        imported = self.imported

        recordsets: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.recordsets, Unset):
            recordsets = []
            for recordsets_item_data in self.recordsets:
                recordsets_item = recordsets_item_data.to_dict()
                recordsets.append(recordsets_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["imported"] = imported
        if recordsets is not UNSET:
            field_dict["recordsets"] = recordsets
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.record_set import RecordSet

        imported = src_dict["imported"]

        _recordsets = src_dict.get("recordsets", UNSET)
        recordsets: list[RecordSet] | Unset = UNSET
        if _recordsets is not UNSET:
            recordsets = []
            for recordsets_item_data in _recordsets:
                recordsets_item = RecordSet.from_dict(recordsets_item_data)

                recordsets.append(recordsets_item)

        _new = cls.__new__(cls)
        _new.imported = imported
        _new.recordsets = recordsets
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = 1 + (recordsets is not UNSET)
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "imported",
                    "recordsets",
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
