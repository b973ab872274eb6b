"""POST /v3/session/logout: Logout.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

from collections.abc import Mapping
from typing import Any

from ...models.error import Error
from ...models.logout_request import LogoutRequest
from ...models.success import Success
from ...models.validation_error import ValidationError
from ...types import UNSET, Operation, Request, Unset, body_of

OPERATION = Operation(
    operation_id="logout",
    method="POST",
    path="/v3/session/logout",
    tag="session",
    responses={
        200: Success,
        401: Error,
        422: ValidationError,
        429: Error,
    },
)


def build_request(
    *,
    body: LogoutRequest | Mapping[str, Any] | Unset = UNSET,
) -> Request[Success]:
    """Logout: the request, checked and encoded.

    Raises TypeError (a parameter of the wrong type, a body that does not fit its model) or
    ValueError (a path parameter that would not stay one path segment), naming the parameter.
    """
    path = OPERATION.path
    json = None if body is UNSET else body_of("body", body, LogoutRequest).to_dict()

    return Request(
        OPERATION,
        path,
        json=json,
    )
