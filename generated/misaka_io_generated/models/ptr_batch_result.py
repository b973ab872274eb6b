from __future__ import annotations

from ..types import UNSET, Model, Unset


class PtrBatchResult(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """PtrBatchResult object.

    Attributes:
            updated (int):
            records (list[PtrRecordState] | Unset):
    """

    updated: int
    records: list[PtrRecordState] | Unset = UNSET


from ..models.ptr_record_state import PtrRecordState
