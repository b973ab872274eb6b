from __future__ import annotations

import msgspec

from ..types import Model


class RecordSetList(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """Django REST framework's listing envelope, every field present (recorded).

    Attributes:
            count (int):
            next_ (None | str): URL of the next page, or null.
            previous (None | str): URL of the previous page, or null.
            results (list[RecordSet]):
    """

    count: int
    next_: None | str = msgspec.field(name="next")
    previous: None | str
    results: list[RecordSet]


from ..models.record_set import RecordSet
