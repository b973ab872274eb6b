from __future__ import annotations

from ..types import UNSET, Model, Unset


class Port(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """Port object.

    Attributes:
            id (str):
            name (str | Unset): Interface name on the device.
            device (str | Unset): Id of the device the port is on.
            location (str | Unset):
            speed (int | Unset): Line rate in Mbit/s.
            state (str | Unset): Known values `up`, `down`, `disabled`, `provisioning`.
            media (str | Unset): Physical medium, such as `100GBASE-LR4`.
            mtu (int | Unset):
            description (str | Unset):
            service (None | str | Unset): Id of the service the port delivers.
    """

    id: str
    name: str | Unset = UNSET
    device: str | Unset = UNSET
    location: str | Unset = UNSET
    speed: int | Unset = UNSET
    state: str | Unset = UNSET
    media: str | Unset = UNSET
    mtu: int | Unset = UNSET
    description: str | Unset = UNSET
    service: None | str | Unset = UNSET
