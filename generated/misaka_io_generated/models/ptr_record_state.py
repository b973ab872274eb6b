from __future__ import annotations

from ..types import UNSET, Model, Unset


class PtrRecordState(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """PtrRecordState object.

    Attributes:
            ip (str):
            ptr (None | str | Unset): The host name now set, or null when there is none.
    """

    ip: str
    ptr: None | str | Unset = UNSET
