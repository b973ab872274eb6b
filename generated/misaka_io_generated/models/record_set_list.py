from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.record_set import RecordSet


@_attrs_define
class RecordSetList:
    """Django REST framework's listing envelope, every field present (recorded).

    Attributes:
            count (int):
            next_ (None | str): URL of the next page, or null.
            previous (None | str): URL of the previous page, or null.
            results (list[RecordSet]):
    """

    count: int
    next_: None | str
    previous: None | str
    results: list[RecordSet]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        next_: None | str
        next_ = self.next_

        previous: None | str
        previous = self.previous

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["count"] = count
        field_dict["next"] = next_
        field_dict["previous"] = previous
        field_dict["results"] = results
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.record_set import RecordSet

        count = src_dict["count"]

        def _parse_next_(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_ = _parse_next_(src_dict["next"])

        def _parse_previous(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        previous = _parse_previous(src_dict["previous"])

        results = []
        _results = src_dict["results"]
        for results_item_data in _results:
            results_item = RecordSet.from_dict(results_item_data)

            results.append(results_item)

        _new = cls.__new__(cls)
        _new.count = count
        _new.next_ = next_
        _new.previous = previous
        _new.results = results
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = 4
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "count",
                    "next",
                    "previous",
                    "results",
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
