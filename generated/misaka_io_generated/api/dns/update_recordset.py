"""PUT /v3/dns/zones/{zone}/recordsets/{name}/{type}: Update RecordSet.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

from collections.abc import Mapping
from typing import Any

from ...models.error import Error
from ...models.record_set import RecordSet
from ...models.record_set_write import RecordSetWrite
from ...models.validation_error import ValidationError
from ...types import UNSET, Operation, Request, Unset, body_of, check, path_segment

OPERATION = Operation(
    operation_id="update_recordset",
    method="PUT",
    path="/v3/dns/zones/{zone}/recordsets/{name}/{type}",
    tag="dns",
    responses={
        200: RecordSet,
        400: ValidationError,
        401: Error,
        404: Error,
        422: ValidationError,
        429: Error,
    },
)


def build_request(
    zone: str,
    name: str,
    type_: str,
    *,
    body: RecordSetWrite | Mapping[str, Any],
    append: bool | Unset = False,
) -> Request[RecordSet]:
    """Update RecordSet: the request, checked and encoded.

    Raises TypeError (a parameter of the wrong type, a body that does not fit its model) or
    ValueError (a path parameter that would not stay one path segment), naming the parameter.
    """
    path = OPERATION.path.format_map(
        {
            "zone": path_segment("zone", zone, str),
            "name": path_segment("name", name, str),
            "type": path_segment("type_", type_, str),
        }
    )
    check("append", append, bool | Unset)
    json = body_of("body", body, RecordSetWrite).to_dict()
    params: dict[str, Any] = {}

    params["append"] = append

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    return Request(
        OPERATION,
        path,
        params=params,
        json=json,
    )
