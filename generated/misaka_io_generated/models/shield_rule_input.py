from __future__ import annotations

from ..types import UNSET, Model, Unset


class ShieldRuleInput(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """ShieldRuleInput object.

    Attributes:
            destination (str): An IPv4 or IPv6 prefix in CIDR notation, such as `203.0.113.0/24`.
            action (str): Known values `drop`, `accept`, `rate-limit`.
            id (str | Unset): Keep the rule with this id; omit to create a rule.
            description (str | Unset):
            protocol (str | Unset): Known values `any`, `tcp`, `udp`, `icmp`, `gre`.
            source_port (int | None | Unset):
            destination_port (int | None | Unset):
            rate_limit_pps (int | None | Unset): Packets per second allowed when `action` is `rate-
                limit`.
            enabled (bool | Unset):  Default: True.
    """

    destination: str
    action: str
    id: str | Unset = UNSET
    description: str | Unset = UNSET
    protocol: str | Unset = UNSET
    source_port: int | None | Unset = UNSET
    destination_port: int | None | Unset = UNSET
    rate_limit_pps: int | None | Unset = UNSET
    enabled: bool | Unset = UNSET
