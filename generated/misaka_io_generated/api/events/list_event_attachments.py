"""GET /v3/events/{event_id}/attachments: Event Attachments.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

from typing import Any

from ...models.error import Error
from ...models.event_attachment_list import EventAttachmentList
from ...models.validation_error import ValidationError
from ...types import UNSET, Operation, Request, Unset, check, path_segment

OPERATION = Operation(
    operation_id="list_event_attachments",
    method="GET",
    path="/v3/events/{event_id}/attachments",
    tag="events",
    responses={
        200: EventAttachmentList,
        401: Error,
        404: Error,
        422: ValidationError,
        429: Error,
    },
)


def build_request(
    event_id: str,
    *,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
) -> Request[EventAttachmentList]:
    """Event Attachments: the request, checked and encoded.

    Raises TypeError (a parameter of the wrong type, a body that does not fit its model) or
    ValueError (a path parameter that would not stay one path segment), naming the parameter.
    """
    path = OPERATION.path.format_map(
        {
            "event_id": path_segment("event_id", event_id, str),
        }
    )
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
