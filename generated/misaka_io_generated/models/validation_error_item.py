from __future__ import annotations

import msgspec

from ..types import Model


class ValidationErrorItem(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """One failed check.

    Attributes:
            type_ (str): Machine-readable kind of failure.
            loc (list[int | str]): Where the failure is, such as `["body", "password"]` or `["query",
                "limit"]`.
            msg (str): What failed, for a person.
    """

    type_: str = msgspec.field(name="type")
    loc: list[int | str]
    msg: str
