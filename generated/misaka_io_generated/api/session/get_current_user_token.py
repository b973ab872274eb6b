"""GET /v3/session/token: Get current user token.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

from ...models.error import Error
from ...models.user_token import UserToken
from ...types import Operation, Request

OPERATION = Operation(
    operation_id="get_current_user_token",
    method="GET",
    path="/v3/session/token",
    tag="session",
    responses={
        200: UserToken,
        401: Error,
        429: Error,
    },
)


def build_request() -> Request[UserToken]:
    """Get current user token: the request, checked and encoded.

    Raises TypeError (a parameter of the wrong type, a body that does not fit its model) or
    ValueError (a path parameter that would not stay one path segment), naming the parameter.
    """
    path = OPERATION.path

    return Request(
        OPERATION,
        path,
    )
