"""GET /v3/events: Event List All.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

import datetime
from typing import Any

from ...models.error import Error
from ...models.event_list import EventList
from ...models.validation_error import ValidationError
from ...types import UNSET, Operation, Request, Unset, check

OPERATION = Operation(
    operation_id="list_events",
    method="GET",
    path="/v3/events",
    tag="events",
    responses={
        200: EventList,
        401: Error,
        422: ValidationError,
        429: Error,
    },
)


def build_request(
    *,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    start: datetime.datetime | Unset = UNSET,
    end: datetime.datetime | Unset = UNSET,
    severity: str | Unset = UNSET,
) -> Request[EventList]:
    """Event List All: the request, checked and encoded.

    Raises TypeError (a parameter of the wrong type, a body that does not fit its model) or
    ValueError (a path parameter that would not stay one path segment), naming the parameter.
    """
    path = OPERATION.path
    check("limit", limit, int | Unset)
    check("offset", offset, int | Unset)
    check("start", start, datetime.datetime | Unset)
    check("end", end, datetime.datetime | Unset)
    check("severity", severity, str | Unset)
    params: dict[str, Any] = {}

    params["limit"] = limit

    params["offset"] = offset

    json_start: str | Unset = UNSET
    if not isinstance(start, Unset):
        json_start = start.isoformat()
    params["start"] = json_start

    json_end: str | Unset = UNSET
    if not isinstance(end, Unset):
        json_end = end.isoformat()
    params["end"] = json_end

    params["severity"] = severity

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    return Request(
        OPERATION,
        path,
        params=params,
    )
