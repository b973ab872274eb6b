from __future__ import annotations

import msgspec

from ..types import UNSET, Model, Unset


class RelatedResource(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """RelatedResource object.

    Attributes:
            type_ (str): Known values `port`, `device`, `service`, `cross-connect`.
            id (str):
            name (str | Unset):
    """

    type_: str = msgspec.field(name="type")
    id: str
    name: str | Unset = UNSET
