from __future__ import annotations

import datetime

from ..types import Model


class ZoneSettings(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """A zone's settings, exactly as the API answers them: every field was present in every recorded
        answer.

    Attributes:
            id (int):
            name (str): The zone's bare domain name.
            friendly_name (str):
            comment (str):
            email (str): The SOA contact mailbox, such as `hostmaster@example.net`.
            expiry (int): SOA expire, in seconds.
            nxdomain_ttl (int): SOA minimum (the negative-answer TTL), in seconds.
            default_ttl (int):
            refresh (int):
            retry (int):
            serial (int): SOA serial (YYYYMMDDnn in the recordings).
            managed_soa (bool):
            managed_acme (bool):
            enabled (bool):
            dirty (bool): True while changes wait to be published.
            created (datetime.datetime):
            modified (datetime.datetime):
            owner (int): The owning user's id.
    """

    id: int
    name: str
    friendly_name: str
    comment: str
    email: str
    expiry: int
    nxdomain_ttl: int
    default_ttl: int
    refresh: int
    retry: int
    serial: int
    managed_soa: bool
    managed_acme: bool
    enabled: bool
    dirty: bool
    created: datetime.datetime
    modified: datetime.datetime
    owner: int
