from __future__ import annotations

import msgspec

from ..types import UNSET, Model, Unset


class RecordSetList(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """RecordSetList object.

    Attributes:
            results (list[RecordSet]):
            count (int | None | Unset): Total number of items, when the server says.
            next_ (None | str | Unset): URL of the next page, or null.
            previous (None | str | Unset): URL of the previous page, or null.
    """

    results: list[RecordSet]
    count: int | None | Unset = UNSET
    next_: None | str | Unset = msgspec.field(name="next", default=UNSET)
    previous: None | str | Unset = UNSET


from ..models.record_set import RecordSet
