from __future__ import annotations

from ..types import Model


class PtrRecord(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """PtrRecord object.

    Attributes:
            ip (str): An IPv4 or IPv6 address.
            ptr (None | str): The host name, or null to remove the PTR record.
    """

    ip: str
    ptr: None | str
