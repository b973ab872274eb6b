from __future__ import annotations

from ..types import UNSET, Model, Unset


class CrossConnectSide(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """CrossConnectSide object.

    Attributes:
            port_id (str | Unset):
            location (str | Unset):
            party (str | Unset): The other party (carrier, IX or customer).
            panel (str | Unset): Patch panel position.
    """

    port_id: str | Unset = UNSET
    location: str | Unset = UNSET
    party: str | Unset = UNSET
    panel: str | Unset = UNSET
