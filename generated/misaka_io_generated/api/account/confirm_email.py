"""POST /v3/account/confirm-email: Confirm email.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

from collections.abc import Mapping
from typing import Any

from ...models.confirm_email_request import ConfirmEmailRequest
from ...models.error import Error
from ...models.success import Success
from ...models.validation_error import ValidationError
from ...types import Operation, Request, body_of

OPERATION = Operation(
    operation_id="confirm_email",
    method="POST",
    path="/v3/account/confirm-email",
    tag="account",
    responses={
        200: Success,
        400: Error,
        422: ValidationError,
        429: Error,
    },
)


def build_request(
    *,
    body: ConfirmEmailRequest | Mapping[str, Any],
) -> Request[Success]:
    """Confirm email: the request, checked and encoded.

    Raises TypeError (a parameter of the wrong type, a body that does not fit its model) or
    ValueError (a path parameter that would not stay one path segment), naming the parameter.
    """
    path = OPERATION.path
    json = body_of("body", body, ConfirmEmailRequest).to_dict()

    return Request(
        OPERATION,
        path,
        json=json,
    )
