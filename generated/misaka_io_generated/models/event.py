from __future__ import annotations

import datetime

from ..types import UNSET, Model, Unset


class Event(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
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


from ..models.related_resource import RelatedResource
