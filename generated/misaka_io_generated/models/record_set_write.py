from __future__ import annotations

from ..types import UNSET, Model, Unset


class RecordSetWrite(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """RecordSetWrite object.

    Attributes:
            records (list[Record]):
            filters (list[RecordSetWriteFiltersItem] | Unset):
            ttl (int | Unset): Seconds. Left out of a new recordset, the zone's `default_ttl` (600 in
                the recorded zone settings; inferred).
    """

    records: list[Record]
    filters: list[RecordSetWriteFiltersItem] | Unset = UNSET
    ttl: int | Unset = UNSET


from ..models.record import Record
from ..models.record_set_write_filters_item import RecordSetWriteFiltersItem
