"""GET /v3/shield/rules: Shield Rules List.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

from typing import Any

from ...models.error import Error
from ...models.shield_rule_list import ShieldRuleList
from ...models.validation_error import ValidationError
from ...types import UNSET, Operation, Request, Unset, check

OPERATION = Operation(
    operation_id="list_shield_rules",
    method="GET",
    path="/v3/shield/rules",
    tag="shield",
    responses={
        200: ShieldRuleList,
        401: Error,
        422: ValidationError,
        429: Error,
    },
)


def build_request(
    *,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
) -> Request[ShieldRuleList]:
    """Shield Rules List: the request, checked and encoded.

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
