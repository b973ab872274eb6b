from __future__ import annotations

from ..types import Model


class Detail(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """A success message, such as `Object deleted.` in `detail` (recorded).

    Attributes:
            detail (str):
    """

    detail: str
