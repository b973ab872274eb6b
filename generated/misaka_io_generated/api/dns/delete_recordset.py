"""DELETE /v3/dns/zones/{zone}/recordsets/{name}/{type}: Delete RecordSet.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

from ...models.detail import Detail
from ...models.error import Error
from ...models.validation_error import ValidationError
from ...types import Operation, Request, path_segment

OPERATION = Operation(
    operation_id="delete_recordset",
    method="DELETE",
    path="/v3/dns/zones/{zone}/recordsets/{name}/{type}",
    tag="dns",
    responses={
        202: Detail,
        401: Error,
        404: Error,
        422: ValidationError,
        429: Error,
    },
)


def build_request(
    zone: str,
    name: str,
    type_: str,
) -> Request[Detail | None]:
    """Delete RecordSet: the request, checked and encoded.

    Raises TypeError (a parameter of the wrong type, a body that does not fit its model) or
    ValueError (a path parameter that would not stay one path segment), naming the parameter.
    """
    path = OPERATION.path.format_map(
        {
            "zone": path_segment("zone", zone, str),
            "name": path_segment("name", name, str),
            "type": path_segment("type_", type_, str),
        }
    )

    return Request(
        OPERATION,
        path,
    )
