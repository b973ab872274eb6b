"""GET /v3/locations/{location}/timezone: Timezone For Location.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

from ...models.error import Error
from ...models.location_timezone import LocationTimezone
from ...models.validation_error import ValidationError
from ...types import Operation, Request, path_segment

OPERATION = Operation(
    operation_id="get_location_timezone",
    method="GET",
    path="/v3/locations/{location}/timezone",
    tag="misc",
    responses={
        200: LocationTimezone,
        401: Error,
        404: Error,
        422: ValidationError,
        429: Error,
    },
)


def build_request(
    location: str,
) -> Request[LocationTimezone]:
    """Timezone For Location: the request, checked and encoded.

    Raises TypeError (a parameter of the wrong type, a body that does not fit its model) or
    ValueError (a path parameter that would not stay one path segment), naming the parameter.
    """
    path = OPERATION.path.format_map(
        {
            "location": path_segment("location", location, str),
        }
    )

    return Request(
        OPERATION,
        path,
    )
