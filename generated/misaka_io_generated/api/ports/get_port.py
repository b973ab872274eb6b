"""GET /v3/ports/{port_id}: Port info.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

from ...models.error import Error
from ...models.port import Port
from ...models.validation_error import ValidationError
from ...types import Operation, Request, path_segment

OPERATION = Operation(
    operation_id="get_port",
    method="GET",
    path="/v3/ports/{port_id}",
    tag="ports",
    responses={
        200: Port,
        401: Error,
        404: Error,
        422: ValidationError,
        429: Error,
    },
)


def build_request(
    port_id: str,
) -> Request[Port]:
    """Port info: the request, checked and encoded.

    Raises TypeError (a parameter of the wrong type, a body that does not fit its model) or
    ValueError (a path parameter that would not stay one path segment), naming the parameter.
    """
    path = OPERATION.path.format_map(
        {
            "port_id": path_segment("port_id", port_id, str),
        }
    )

    return Request(
        OPERATION,
        path,
    )
