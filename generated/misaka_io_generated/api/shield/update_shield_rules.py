"""PUT /v3/shield/rules: Shield Rules Update.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

from collections.abc import Mapping
from typing import Any

from ...models.error import Error
from ...models.shield_rule_list import ShieldRuleList
from ...models.shield_rules_update import ShieldRulesUpdate
from ...models.validation_error import ValidationError
from ...types import Operation, Request, body_of

OPERATION = Operation(
    operation_id="update_shield_rules",
    method="PUT",
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
    body: ShieldRulesUpdate | Mapping[str, Any],
) -> Request[ShieldRuleList]:
    """Shield Rules Update: the request, checked and encoded.

    Raises TypeError (a parameter of the wrong type, a body that does not fit its model) or
    ValueError (a path parameter that would not stay one path segment), naming the parameter.
    """
    path = OPERATION.path
    json = body_of("body", body, ShieldRulesUpdate).to_dict()

    return Request(
        OPERATION,
        path,
        json=json,
    )
