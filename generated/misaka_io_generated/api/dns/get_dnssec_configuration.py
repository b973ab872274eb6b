"""GET /v3/dns/zones/{zone}/dnssec: Get DNSSEC Configuration.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

from ...models.dnssec import Dnssec
from ...models.error import Error
from ...models.validation_error import ValidationError
from ...types import Operation, Request, path_segment

OPERATION = Operation(
    operation_id="get_dnssec_configuration",
    method="GET",
    path="/v3/dns/zones/{zone}/dnssec",
    tag="dns",
    responses={
        200: Dnssec,
        401: Error,
        404: Error,
        422: ValidationError,
        429: Error,
    },
)


def build_request(
    zone: str,
) -> Request[Dnssec]:
    """Get DNSSEC Configuration: the request, checked and encoded.

    Raises TypeError (a parameter of the wrong type, a body that does not fit its model) or
    ValueError (a path parameter that would not stay one path segment), naming the parameter.
    """
    path = OPERATION.path.format_map(
        {
            "zone": path_segment("zone", zone, str),
        }
    )

    return Request(
        OPERATION,
        path,
    )
