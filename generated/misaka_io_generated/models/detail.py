from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field


@_attrs_define
class Detail:
    """A success message, such as `Object deleted.` in `detail` (recorded).

    Attributes:
            detail (str):
    """

    detail: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        detail = self.detail

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["detail"] = detail
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        detail = src_dict["detail"]

        _new = cls.__new__(cls)
        _new.detail = detail
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = 1
        _rest = (
            {}
            if len(src_dict) == _known
            else {k: v for k, v in src_dict.items() if k not in ("detail",)}
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
