from __future__ import annotations

from ..types import UNSET, Model, Unset


class ZoneImportResult(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """ZoneImportResult object.

    Attributes:
            imported (int):
            recordsets (list[RecordSet] | Unset):
    """

    imported: int
    recordsets: list[RecordSet] | Unset = UNSET


from ..models.record_set import RecordSet
