from __future__ import annotations

import datetime

from ..types import UNSET, Model, Unset


class Service(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """Service object.

    Attributes:
            id (str):
            name (str | Unset):
            kind (str | Unset): Known values `ip-transit`, `dns`, `shield`, `colocation`, `cross-
                connect`.
            status (str | Unset): Known values `active`, `provisioning`, `suspended`, `cancelled`.
            location (str | Unset):
            port_ids (list[str] | Unset):
            started_at (datetime.datetime | Unset):
    """

    id: str
    name: str | Unset = UNSET
    kind: str | Unset = UNSET
    status: str | Unset = UNSET
    location: str | Unset = UNSET
    port_ids: list[str] | Unset = UNSET
    started_at: datetime.datetime | Unset = UNSET
