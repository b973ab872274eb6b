from __future__ import annotations

from ..types import Model


class PtrBatchUpdate(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """PtrBatchUpdate object.

    Attributes:
            records (list[PtrRecord]):
    """

    records: list[PtrRecord]


from ..models.ptr_record import PtrRecord
