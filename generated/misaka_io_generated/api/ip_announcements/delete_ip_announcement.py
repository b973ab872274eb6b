"""DELETE /v3/ip-announcements/{announcement_id}: Delete IP announcement.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

from ...models.error import Error
from ...models.validation_error import ValidationError
from ...types import Operation, Request, path_segment

OPERATION = Operation(
    operation_id="delete_ip_announcement",
    method="DELETE",
    path="/v3/ip-announcements/{announcement_id}",
    tag="ip_announcements",
    responses={
        204: None,
        401: Error,
        404: Error,
        422: ValidationError,
        429: Error,
    },
)


def build_request(
    announcement_id: str,
) -> Request[None]:
    """Delete IP announcement: the request, checked and encoded.

    Raises TypeError (a parameter of the wrong type, a body that does not fit its model) or
    ValueError (a path parameter that would not stay one path segment), naming the parameter.
    """
    path = OPERATION.path.format_map(
        {
            "announcement_id": path_segment("announcement_id", announcement_id, str),
        }
    )

    return Request(
        OPERATION,
        path,
    )
