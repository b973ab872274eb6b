from __future__ import annotations

import msgspec

from ..types import Model


class ExtendedCommunity(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """A BGP extended community `(type, global_administrator, local_administrator)`. Known route-target
        actions: (rt, 65009, 65100) no peers; (rt, 65009, 65000) no transit; (rt, 65000, ASN) only to
        ASN; (rt, 65009, ASN) not to ASN; (rt, 65001|65002|65003, ASN) prepend 1x/2x/3x towards ASN.

    Attributes:
            type_ (str): Known value `rt` (route target).
            global_administrator (int):
            local_administrator (int):
    """

    type_: str = msgspec.field(name="type")
    global_administrator: int
    local_administrator: int
