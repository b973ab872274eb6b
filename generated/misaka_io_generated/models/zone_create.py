from __future__ import annotations

from ..types import Model


class ZoneCreate(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """ZoneCreate object.

    Attributes:
            name (str): A fully qualified domain name without the trailing dot.
    """

    name: str
