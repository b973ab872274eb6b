"""GET /v3/ports/{port_id}/usage: Port usage metrics.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

import datetime
from typing import Any

from ...models.error import Error
from ...models.port_usage import PortUsage
from ...models.validation_error import ValidationError
from ...types import UNSET, Operation, Request, Unset, check, path_segment

OPERATION = Operation(
    operation_id="get_port_usage_metrics",
    method="GET",
    path="/v3/ports/{port_id}/usage",
    tag="ports",
    responses={
        200: PortUsage,
        401: Error,
        404: Error,
        422: ValidationError,
        429: Error,
    },
)


def build_request(
    port_id: str,
    *,
    start: datetime.datetime,
    end: datetime.datetime,
    resolution: int | Unset = 300,
) -> Request[PortUsage]:
    """Port usage metrics: the request, checked and encoded.

    Raises TypeError (a parameter of the wrong type, a body that does not fit its model) or
    ValueError (a path parameter that would not stay one path segment), naming the parameter.
    """
    path = OPERATION.path.format_map(
        {
            "port_id": path_segment("port_id", port_id, str),
        }
    )
    check("start", start, datetime.datetime)
    check("end", end, datetime.datetime)
    check("resolution", resolution, int | Unset)
    params: dict[str, Any] = {}

    json_start = start.isoformat()
    params["start"] = json_start

    json_end = end.isoformat()
    params["end"] = json_end

    params["resolution"] = resolution

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    return Request(
        OPERATION,
        path,
        params=params,
    )
