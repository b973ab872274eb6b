"""GET /v3/cross-connects: List cross connects.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

from typing import Any

from ...models.cross_connect_list import CrossConnectList
from ...models.error import Error
from ...models.validation_error import ValidationError
from ...types import UNSET, Operation, Request, Unset, check

OPERATION = Operation(
    operation_id="list_cross_connects",
    method="GET",
    path="/v3/cross-connects",
    tag="cross_connects",
    responses={
        200: CrossConnectList,
        401: Error,
        422: ValidationError,
        429: Error,
    },
)


def build_request(
    *,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
) -> Request[CrossConnectList]:
    """List cross connects: the request, checked and encoded.

    Raises TypeError (a parameter of the wrong type, a body that does not fit its model) or
    ValueError (a path parameter that would not stay one path segment), naming the parameter.
    """
    path = OPERATION.path
    check("limit", limit, int | Unset)
    check("offset", offset, int | Unset)
    params: dict[str, Any] = {}

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    return Request(
        OPERATION,
        path,
        params=params,
    )
