"""GET /v3/dns/zones/{zone}/recordsets: List Recordsets.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

from typing import Any

from ...models.error import Error
from ...models.record_set_list import RecordSetList
from ...models.validation_error import ValidationError
from ...types import UNSET, Operation, Request, Unset, check, path_segment

OPERATION = Operation(
    operation_id="list_recordsets",
    method="GET",
    path="/v3/dns/zones/{zone}/recordsets",
    tag="dns",
    responses={
        200: RecordSetList,
        401: Error,
        404: Error,
        422: ValidationError,
        429: Error,
    },
)


def build_request(
    zone: str,
    *,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    search: str | Unset = UNSET,
    name: str | Unset = UNSET,
) -> Request[RecordSetList]:
    """List Recordsets: the request, checked and encoded.

    Raises TypeError (a parameter of the wrong type, a body that does not fit its model) or
    ValueError (a path parameter that would not stay one path segment), naming the parameter.
    """
    path = OPERATION.path.format_map(
        {
            "zone": path_segment("zone", zone, str),
        }
    )
    check("limit", limit, int | Unset)
    check("offset", offset, int | Unset)
    check("search", search, str | Unset)
    check("name", name, str | Unset)
    params: dict[str, Any] = {}

    params["limit"] = limit

    params["offset"] = offset

    params["search"] = search

    params["name"] = name

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    return Request(
        OPERATION,
        path,
        params=params,
    )
