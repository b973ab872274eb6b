from __future__ import annotations

from ..types import UNSET, Model, Unset


class ShieldRule(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """ShieldRule object.

    Attributes:
            id (str):
            description (str | Unset):
            destination (str | Unset):
            protocol (str | Unset):
            source_port (int | None | Unset):
            destination_port (int | None | Unset):
            action (str | Unset): Known values `drop`, `accept`, `rate-limit`.
            rate_limit_pps (int | None | Unset):
            enabled (bool | Unset):
    """

    id: str
    description: str | Unset = UNSET
    destination: str | Unset = UNSET
    protocol: str | Unset = UNSET
    source_port: int | None | Unset = UNSET
    destination_port: int | None | Unset = UNSET
    action: str | Unset = UNSET
    rate_limit_pps: int | None | Unset = UNSET
    enabled: bool | Unset = UNSET
