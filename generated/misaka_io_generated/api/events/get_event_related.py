"""GET /v3/events/{event_id}/related: Event Detail Related.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

from ...models.error import Error
from ...models.event import Event
from ...models.validation_error import ValidationError
from ...types import Operation, Request, path_segment

OPERATION = Operation(
    operation_id="get_event_related",
    method="GET",
    path="/v3/events/{event_id}/related",
    tag="events",
    responses={
        200: Event,
        401: Error,
        404: Error,
        422: ValidationError,
        429: Error,
    },
)


def build_request(
    event_id: str,
) -> Request[Event]:
    """Event Detail Related: the request, checked and encoded.

    Raises TypeError (a parameter of the wrong type, a body that does not fit its model) or
    ValueError (a path parameter that would not stay one path segment), naming the parameter.
    """
    path = OPERATION.path.format_map(
        {
            "event_id": path_segment("event_id", event_id, str),
        }
    )

    return Request(
        OPERATION,
        path,
    )
