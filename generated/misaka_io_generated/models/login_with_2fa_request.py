from __future__ import annotations

from typing import ClassVar

from ..types import UNSET, Model, Unset


class LoginWith2FARequest(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """LoginWith2FARequest object.

    Attributes:
            password (str):
            otp (str): The current one-time code from the authenticator app.
            username (None | str | Unset): Legacy alias of `email`.
            email (None | str | Unset):
            sliding (bool | None | Unset):  Default: False.
    """

    __secret_fields__: ClassVar[frozenset[str]] = frozenset(
        {
            "password",
            "otp",
        }
    )
    password: str
    otp: str
    username: None | str | Unset = UNSET
    email: None | str | Unset = UNSET
    sliding: bool | None | Unset = UNSET
