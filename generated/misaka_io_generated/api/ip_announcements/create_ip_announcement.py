"""POST /v3/ip-announcements: Create IP announcements.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

from collections.abc import Mapping
from typing import Any

from ...models.error import Error
from ...models.ip_announcement import IpAnnouncement
from ...models.ip_announcement_create import IpAnnouncementCreate
from ...models.validation_error import ValidationError
from ...types import Operation, Request, body_of

OPERATION = Operation(
    operation_id="create_ip_announcement",
    method="POST",
    path="/v3/ip-announcements",
    tag="ip_announcements",
    responses={
        201: IpAnnouncement,
        401: Error,
        409: Error,
        422: ValidationError,
        429: Error,
    },
)


def build_request(
    *,
    body: IpAnnouncementCreate | Mapping[str, Any],
) -> Request[IpAnnouncement]:
    """Create IP announcements: the request, checked and encoded.

    Raises TypeError (a parameter of the wrong type, a body that does not fit its model) or
    ValueError (a path parameter that would not stay one path segment), naming the parameter.
    """
    path = OPERATION.path
    json = body_of("body", body, IpAnnouncementCreate).to_dict()

    return Request(
        OPERATION,
        path,
        json=json,
    )
