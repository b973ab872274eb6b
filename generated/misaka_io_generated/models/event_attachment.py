from __future__ import annotations

import datetime

from ..types import UNSET, Model, Unset


class EventAttachment(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """EventAttachment object.

    Attributes:
            id (str):
            filename (str | Unset):
            content_type (str | Unset):
            size (int | Unset):
            url (str | Unset):
            created_at (datetime.datetime | Unset):
    """

    id: str
    filename: str | Unset = UNSET
    content_type: str | Unset = UNSET
    size: int | Unset = UNSET
    url: str | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
