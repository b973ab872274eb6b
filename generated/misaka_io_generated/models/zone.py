from __future__ import annotations

import datetime

from ..types import UNSET, Model, Unset


class Zone(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """Zone object.

    Attributes:
            name (str): Bare domain name, such as `example.com`.
            nameservers (list[str] | Unset): Misaka's name servers for the zone: `*.m1ns.*` hosts
                (current); older zones may name the legacy `ns53.net` domain, and reverse (PTR) zones only
                `reversedns.org`. The three domains are those Lexicon's Misaka provider lists (facts section
                4d; corroborated).
            dnssec_enabled (bool | Unset):
            created_at (datetime.datetime | Unset):
    """

    name: str
    nameservers: list[str] | Unset = UNSET
    dnssec_enabled: bool | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
