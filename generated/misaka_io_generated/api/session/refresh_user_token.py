"""POST /v3/session/refresh: Refresh user token.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

from collections.abc import Mapping
from typing import Any

from ...models.error import Error
from ...models.refresh_request import RefreshRequest
from ...models.refresh_response import RefreshResponse
from ...models.validation_error import ValidationError
from ...types import Operation, Request, body_of

OPERATION = Operation(
    operation_id="refresh_user_token",
    method="POST",
    path="/v3/session/refresh",
    tag="session",
    responses={
        200: RefreshResponse,
        401: Error,
        422: ValidationError,
        429: Error,
    },
)


def build_request(
    *,
    body: RefreshRequest | Mapping[str, Any],
) -> Request[RefreshResponse]:
    """Refresh user token: the request, checked and encoded.

    Raises TypeError (a parameter of the wrong type, a body that does not fit its model) or
    ValueError (a path parameter that would not stay one path segment), naming the parameter.
    """
    path = OPERATION.path
    json = body_of("body", body, RefreshRequest).to_dict()

    return Request(
        OPERATION,
        path,
        json=json,
    )
