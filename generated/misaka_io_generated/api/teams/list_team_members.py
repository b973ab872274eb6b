"""GET /v3/teams/{team_id}/members: Get team members.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

from typing import Any

from ...models.error import Error
from ...models.team_member_list import TeamMemberList
from ...models.validation_error import ValidationError
from ...types import UNSET, Operation, Request, Unset, check, path_segment

OPERATION = Operation(
    operation_id="list_team_members",
    method="GET",
    path="/v3/teams/{team_id}/members",
    tag="teams",
    responses={
        200: TeamMemberList,
        401: Error,
        404: Error,
        422: ValidationError,
        429: Error,
    },
)


def build_request(
    team_id: int,
    *,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
) -> Request[TeamMemberList]:
    """Get team members: the request, checked and encoded.

    Raises TypeError (a parameter of the wrong type, a body that does not fit its model) or
    ValueError (a path parameter that would not stay one path segment), naming the parameter.
    """
    path = OPERATION.path.format_map(
        {
            "team_id": path_segment("team_id", team_id, int),
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
