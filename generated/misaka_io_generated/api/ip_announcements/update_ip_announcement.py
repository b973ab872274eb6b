"""PATCH /v3/ip-announcements/{announcement_id}: Update IP announcement.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

from collections.abc import Mapping
from typing import Any

from ...models.error import Error
from ...models.ip_announcement import IpAnnouncement
from ...models.ip_announcement_update import IpAnnouncementUpdate
from ...models.validation_error import ValidationError
from ...types import Operation, Request, body_of, path_segment

OPERATION = Operation(
    operation_id="update_ip_announcement",
    method="PATCH",
    path="/v3/ip-announcements/{announcement_id}",
    tag="ip_announcements",
    responses={
        200: IpAnnouncement,
        401: Error,
        404: Error,
        422: ValidationError,
        429: Error,
    },
)


def build_request(
    announcement_id: str,
    *,
    body: IpAnnouncementUpdate | Mapping[str, Any],
) -> Request[IpAnnouncement]:
    """Update IP announcement: the request, checked and encoded.

    Raises TypeError (a parameter of the wrong type, a body that does not fit its model) or
    ValueError (a path parameter that would not stay one path segment), naming the parameter.
    """
    path = OPERATION.path.format_map(
        {
            "announcement_id": path_segment("announcement_id", announcement_id, str),
        }
    )
    json = body_of("body", body, IpAnnouncementUpdate).to_dict()

    return Request(
        OPERATION,
        path,
        json=json,
    )
