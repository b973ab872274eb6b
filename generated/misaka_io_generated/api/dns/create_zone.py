"""POST /v3/dns/zones: Create Zone.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

from collections.abc import Mapping
from typing import Any

from ...models.error import Error
from ...models.validation_error import ValidationError
from ...models.zone import Zone
from ...models.zone_create import ZoneCreate
from ...types import Operation, Request, body_of

OPERATION = Operation(
    operation_id="create_zone",
    method="POST",
    path="/v3/dns/zones",
    tag="dns",
    responses={
        201: Zone,
        401: Error,
        409: Error,
        422: ValidationError,
        429: Error,
    },
)


def build_request(
    *,
    body: ZoneCreate | Mapping[str, Any],
) -> Request[Zone]:
    """Create Zone: the request, checked and encoded.

    Raises TypeError (a parameter of the wrong type, a body that does not fit its model) or
    ValueError (a path parameter that would not stay one path segment), naming the parameter.
    """
    path = OPERATION.path
    json = body_of("body", body, ZoneCreate).to_dict()

    return Request(
        OPERATION,
        path,
        json=json,
    )
