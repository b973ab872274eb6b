from __future__ import annotations

from ..types import Model


class Record(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """Record object.

    Attributes:
            value (str):
    """

    value: str
