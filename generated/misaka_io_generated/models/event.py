from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.related_resource import RelatedResource


@_attrs_define
class Event:
    """Event object.

    Attributes:
            id (str):
            title (str | Unset):
            severity (str | Unset): Known values `info`, `warning`, `critical`.
            category (str | Unset): Known values `maintenance`, `incident`, `notice`.
            status (str | Unset): Known values `scheduled`, `ongoing`, `resolved`.
            started_at (datetime.datetime | Unset):
            ended_at (datetime.datetime | None | Unset):
            description (str | Unset):
            related (list[RelatedResource] | Unset):
    """

    id: str
    title: str | Unset = UNSET
    severity: str | Unset = UNSET
    category: str | Unset = UNSET
    status: str | Unset = UNSET
    started_at: datetime.datetime | Unset = UNSET
    ended_at: datetime.datetime | None | Unset = UNSET
    description: str | Unset = UNSET
    related: list[RelatedResource] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        title = self.title

        severity = self.severity

        category = self.category

        status = self.status

        started_at: str | Unset = UNSET
        if not isinstance(self.started_at, Unset):
            started_at = self.started_at.isoformat()

        ended_at: None | str | Unset
        if isinstance(self.ended_at, Unset):
            ended_at = UNSET
        elif isinstance(self.ended_at, datetime.datetime):
            ended_at = self.ended_at.isoformat()
        else:
            ended_at = self.ended_at

        description = self.description

        related: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.related, Unset):
            related = []
            for related_item_data in self.related:
                related_item = related_item_data.to_dict()
                related.append(related_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict["id"] = id
        if title is not UNSET:
            field_dict["title"] = title
        if severity is not UNSET:
            field_dict["severity"] = severity
        if category is not UNSET:
            field_dict["category"] = category
        if status is not UNSET:
            field_dict["status"] = status
        if started_at is not UNSET:
            field_dict["started_at"] = started_at
        if ended_at is not UNSET:
            field_dict["ended_at"] = ended_at
        if description is not UNSET:
            field_dict["description"] = description
        if related is not UNSET:
            field_dict["related"] = related
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.related_resource import RelatedResource

        id = src_dict["id"]

        title = src_dict.get("title", UNSET)

        severity = src_dict.get("severity", UNSET)

        category = src_dict.get("category", UNSET)

        status = src_dict.get("status", UNSET)

        _started_at = src_dict.get("started_at", UNSET)
        started_at: datetime.datetime | Unset
        if isinstance(_started_at, Unset):
            started_at = UNSET
        else:
            started_at = datetime.datetime.fromisoformat(_started_at)

        def _parse_ended_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ended_at_type_0 = datetime.datetime.fromisoformat(data)

                return ended_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        ended_at = _parse_ended_at(src_dict.get("ended_at", UNSET))

        description = src_dict.get("description", UNSET)

        _related = src_dict.get("related", UNSET)
        related: list[RelatedResource] | Unset = UNSET
        if _related is not UNSET:
            related = []
            for related_item_data in _related:
                related_item = RelatedResource.from_dict(related_item_data)

                related.append(related_item)

        _new = cls.__new__(cls)
        _new.id = id
        _new.title = title
        _new.severity = severity
        _new.category = category
        _new.status = status
        _new.started_at = started_at
        _new.ended_at = ended_at
        _new.description = description
        _new.related = related
        # Unknown keys are kept; they are looked for only when the key count says there are some.
        _known = (
            1
            + (title is not UNSET)
            + (severity is not UNSET)
            + (category is not UNSET)
            + (status is not UNSET)
            + (started_at is not UNSET)
            + (ended_at is not UNSET)
            + (description is not UNSET)
            + (related is not UNSET)
        )
        _rest = (
            {}
            if len(src_dict) == _known
            else {
                k: v
                for k, v in src_dict.items()
                if k
                not in (
                    "id",
                    "title",
                    "severity",
                    "category",
                    "status",
                    "started_at",
                    "ended_at",
                    "description",
                    "related",
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
