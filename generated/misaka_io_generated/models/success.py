from __future__ import annotations

from ..types import Model


class Success(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """Success object.

    Attributes:
            success (bool):
    """

    success: bool
