from __future__ import annotations

from typing import ClassVar

from ..types import Model


class ConfirmEmailRequest(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """ConfirmEmailRequest object.

    Attributes:
            token (str): The token from the confirmation email.
    """

    __secret_fields__: ClassVar[frozenset[str]] = frozenset(
        {
            "token",
        }
    )
    token: str
