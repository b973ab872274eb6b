from __future__ import annotations

from ..types import UNSET, Model, Unset


class LocationTimezone(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """LocationTimezone object.

    Attributes:
            location (str):
            timezone (str | Unset): IANA time zone name.
            utc_offset (str | Unset): Current offset from UTC, `+HH:MM`.
    """

    location: str
    timezone: str | Unset = UNSET
    utc_offset: str | Unset = UNSET
