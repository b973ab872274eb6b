from __future__ import annotations

from ..types import UNSET, Model, Unset


class Dnssec(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """Dnssec object.

    Attributes:
            enabled (bool):
            algorithm (str | Unset):
            keys (list[DnssecKey] | Unset):
    """

    enabled: bool
    algorithm: str | Unset = UNSET
    keys: list[DnssecKey] | Unset = UNSET


from ..models.dnssec_key import DnssecKey
