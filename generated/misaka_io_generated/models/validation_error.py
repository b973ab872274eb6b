from __future__ import annotations

from ..types import Model


class ValidationError(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """A validation failure.

    Attributes:
            detail (list[ValidationErrorItem]):
    """

    detail: list[ValidationErrorItem]


from ..models.validation_error_item import ValidationErrorItem
