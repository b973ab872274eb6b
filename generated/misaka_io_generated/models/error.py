from __future__ import annotations

from ..types import Model


class Error(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """An error answer.

    Attributes:
            detail (str): What went wrong, for a person.
    """

    detail: str
