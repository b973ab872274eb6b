from __future__ import annotations

from typing import ClassVar

from ..types import UNSET, Model, Unset


class LoginRequest(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """LoginRequest object.

    Attributes:
            password (str): Password.
            username (None | str | Unset): Email address, for backward compatibility; not used when
                `email` is given.
            email (None | str | Unset): Email address.
            sliding (bool | None | Unset): If true, a sliding token will be returned. Default: False.
    """

    __secret_fields__: ClassVar[frozenset[str]] = frozenset(
        {
            "password",
        }
    )
    password: str
    username: None | str | Unset = UNSET
    email: None | str | Unset = UNSET
    sliding: bool | None | Unset = UNSET
