from __future__ import annotations

from ..types import UNSET, Model, Unset


class FlowFilter(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """FlowFilter object.

    Attributes:
            key (str): A key from Get Filter Keys.
            values (list[str]):
            negate (bool | Unset): Match flows that do not have any of the values. Default: False.
    """

    key: str
    values: list[str]
    negate: bool | Unset = UNSET
