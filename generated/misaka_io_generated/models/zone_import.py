from __future__ import annotations

from ..types import UNSET, Model, Unset


class ZoneImport(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """ZoneImport object.

    Attributes:
            zone_file (str): RFC 1035 master file text; names are relative to the zone unless they end
                with a dot.
            replace (bool | Unset):  Default: False.
    """

    zone_file: str
    replace: bool | Unset = UNSET
