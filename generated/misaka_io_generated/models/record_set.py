from __future__ import annotations

from typing import Any

import msgspec

from ..types import UNSET, Model, Unset


class RecordSet(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """RecordSet object.

    Attributes:
            name (str):
            type_ (str):
            ttl (int | Unset):
            records (list[Record] | Unset):
            filters (list[Any] | Unset): Traffic-steering filters (geo, weight); shape not public.
    """

    name: str
    type_: str = msgspec.field(name="type")
    ttl: int | Unset = UNSET
    records: list[Record] | Unset = UNSET
    filters: list[Any] | Unset = UNSET


from ..models.record import Record
