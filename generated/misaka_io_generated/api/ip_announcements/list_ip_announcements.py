"""GET /v3/ip-announcements: Get IP announcements.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

from typing import Any

from ...models.error import Error
from ...models.ip_announcement_list import IpAnnouncementList
from ...models.validation_error import ValidationError
from ...types import UNSET, Operation, Request, Unset, check

OPERATION = Operation(
    operation_id="list_ip_announcements",
    method="GET",
    path="/v3/ip-announcements",
    tag="ip_announcements",
    responses={
        200: IpAnnouncementList,
        401: Error,
        422: ValidationError,
        429: Error,
    },
)


def build_request(
    *,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    prefix: str | Unset = UNSET,
    origin_asn: int | Unset = UNSET,
) -> Request[IpAnnouncementList]:
    """Get IP announcements: the request, checked and encoded.

    Raises TypeError (a parameter of the wrong type, a body that does not fit its model) or
    ValueError (a path parameter that would not stay one path segment), naming the parameter.
    """
    path = OPERATION.path
    check("limit", limit, int | Unset)
    check("offset", offset, int | Unset)
    check("prefix", prefix, str | Unset)
    check("origin_asn", origin_asn, int | Unset)
    params: dict[str, Any] = {}

    params["limit"] = limit

    params["offset"] = offset

    params["prefix"] = prefix

    params["origin_asn"] = origin_asn

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    return Request(
        OPERATION,
        path,
        params=params,
    )
