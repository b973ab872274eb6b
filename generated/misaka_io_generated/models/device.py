from __future__ import annotations

from ..types import UNSET, Model, Unset


class Device(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """Device object.

    Attributes:
            id (str):
            name (str | Unset):
            role (str | Unset): Known values `core-router`, `edge-router`, `switch`.
            location (str | Unset): Site code, such as `HKG1`.
            model (str | Unset):
            status (str | Unset): Known values `active`, `maintenance`, `decommissioned`.
    """

    id: str
    name: str | Unset = UNSET
    role: str | Unset = UNSET
    location: str | Unset = UNSET
    model: str | Unset = UNSET
    status: str | Unset = UNSET
