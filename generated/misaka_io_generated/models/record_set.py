from __future__ import annotations

from typing import Any

import msgspec

from ..types import Model


class RecordSet(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """A recordset, exactly as the API answers it: every field was present in every recorded answer
        (`alias` was always null and `filters` always empty there).

    Attributes:
            name (str): Relative to the zone (`www`, `_acme-challenge`); `@` is the apex.
            type_ (str):
            ttl (int):
            enabled (bool):
            protected (bool): Meaning unknown: it was false in all 390 recorded recordsets, the apex NS
                and SOA included. Do not read it as "the service refuses changes".
            alias (None | str): Always null in the recordings; the shape of a set value is not known.
            records (list[Record]):
            filters (list[Any]): Traffic-steering filters (geo, weight); shape not public.
    """

    name: str
    type_: str = msgspec.field(name="type")
    ttl: int
    enabled: bool
    protected: bool
    alias: None | str
    records: list[Record]
    filters: list[Any]


from ..models.record import Record
