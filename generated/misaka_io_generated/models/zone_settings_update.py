from __future__ import annotations

from ..types import UNSET, Model, Unset


class ZoneSettingsUpdate(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """The settings to change (inferred: the field names are the recorded ones of ZoneSettings; which
        of them the API lets a user change is not known).

    Attributes:
            friendly_name (str | Unset):
            comment (str | Unset):
            email (str | Unset):
            expiry (int | Unset):
            nxdomain_ttl (int | Unset):
            default_ttl (int | Unset):
            refresh (int | Unset):
            retry (int | Unset):
            managed_acme (bool | Unset):
            enabled (bool | Unset):
    """

    friendly_name: str | Unset = UNSET
    comment: str | Unset = UNSET
    email: str | Unset = UNSET
    expiry: int | Unset = UNSET
    nxdomain_ttl: int | Unset = UNSET
    default_ttl: int | Unset = UNSET
    refresh: int | Unset = UNSET
    retry: int | Unset = UNSET
    managed_acme: bool | Unset = UNSET
    enabled: bool | Unset = UNSET
