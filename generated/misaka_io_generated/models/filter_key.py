from __future__ import annotations

from ..types import UNSET, Model, Unset


class FilterKey(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """FilterKey object.

    Attributes:
            key (str):
            description (str | Unset):
            value_type (str | Unset): Known values `string`, `integer`, `ip`, `prefix`.
    """

    key: str
    description: str | Unset = UNSET
    value_type: str | Unset = UNSET
