"""POST /v3/session/login/2fa: Login with 2FA.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

from collections.abc import Mapping
from typing import Any

from ...models.error import Error
from ...models.login_response import LoginResponse
from ...models.login_with_2fa_request import LoginWith2FARequest
from ...models.validation_error import ValidationError
from ...types import Operation, Request, body_of

OPERATION = Operation(
    operation_id="login_with_2fa",
    method="POST",
    path="/v3/session/login/2fa",
    tag="session",
    responses={
        200: LoginResponse,
        401: Error,
        422: ValidationError,
        429: Error,
    },
)


def build_request(
    *,
    body: LoginWith2FARequest | Mapping[str, Any],
) -> Request[LoginResponse]:
    """Login with 2FA: the request, checked and encoded.

    Raises TypeError (a parameter of the wrong type, a body that does not fit its model) or
    ValueError (a path parameter that would not stay one path segment), naming the parameter.
    """
    path = OPERATION.path
    json = body_of("body", body, LoginWith2FARequest).to_dict()

    return Request(
        OPERATION,
        path,
        json=json,
    )
