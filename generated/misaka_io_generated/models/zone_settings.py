from __future__ import annotations

from typing import ClassVar

from ..types import UNSET, Model, Unset


class ZoneSettings(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """ZoneSettings object.

    Attributes:
            id (int):
            zone (str | Unset):
            default_ttl (int | Unset):
            soa_email (str | Unset):
            refresh (int | Unset):
            retry (int | Unset):
            expire (int | Unset):
            minimum_ttl (int | Unset):
    """

    __secret_fields__: ClassVar[frozenset[str]] = frozenset(
        {
            "refresh",
        }
    )
    id: int
    zone: str | Unset = UNSET
    default_ttl: int | Unset = UNSET
    soa_email: str | Unset = UNSET
    refresh: int | Unset = UNSET
    retry: int | Unset = UNSET
    expire: int | Unset = UNSET
    minimum_ttl: int | Unset = UNSET
