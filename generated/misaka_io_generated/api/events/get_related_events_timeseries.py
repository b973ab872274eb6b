"""GET /v3/events/related/timeseries: Event List Related Timeseries.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

import datetime
from typing import Any

from ...models.error import Error
from ...models.event_timeseries import EventTimeseries
from ...models.validation_error import ValidationError
from ...types import UNSET, Operation, Request, Unset, check

OPERATION = Operation(
    operation_id="get_related_events_timeseries",
    method="GET",
    path="/v3/events/related/timeseries",
    tag="events",
    responses={
        200: EventTimeseries,
        401: Error,
        422: ValidationError,
        429: Error,
    },
)


def build_request(
    *,
    start: datetime.datetime,
    end: datetime.datetime,
    resolution: int | Unset = 300,
    resource_type: str | Unset = UNSET,
    resource_id: str | Unset = UNSET,
) -> Request[EventTimeseries]:
    """Event List Related Timeseries: the request, checked and encoded.

    Raises TypeError (a parameter of the wrong type, a body that does not fit its model) or
    ValueError (a path parameter that would not stay one path segment), naming the parameter.
    """
    path = OPERATION.path
    check("start", start, datetime.datetime)
    check("end", end, datetime.datetime)
    check("resolution", resolution, int | Unset)
    check("resource_type", resource_type, str | Unset)
    check("resource_id", resource_id, str | Unset)
    params: dict[str, Any] = {}

    json_start = start.isoformat()
    params["start"] = json_start

    json_end = end.isoformat()
    params["end"] = json_end

    params["resolution"] = resolution

    params["resource_type"] = resource_type

    params["resource_id"] = resource_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    return Request(
        OPERATION,
        path,
        params=params,
    )
