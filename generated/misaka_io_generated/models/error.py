from __future__ import annotations

from ..types import UNSET, Model, Unset


class Error(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """An error answer.

    Attributes:
            detail (str): What went wrong, for a person.
            code (str | Unset): What went wrong, for a program, when the server says it. Known value:
                `token_not_valid` (401 or 403: the session token is invalid or expired; refresh it once and
                retry; corroborated, facts section 4c).
    """

    detail: str
    code: str | Unset = UNSET
