from __future__ import annotations

from ..types import UNSET, Model, Unset


class DnssecKey(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """DnssecKey object.

    Attributes:
            key_tag (int | Unset):
            flags (int | Unset):
            algorithm (int | Unset):
            public_key (str | Unset):
            ds (str | Unset): The DS record to give the parent zone's registrar.
    """

    key_tag: int | Unset = UNSET
    flags: int | Unset = UNSET
    algorithm: int | Unset = UNSET
    public_key: str | Unset = UNSET
    ds: str | Unset = UNSET
