"""POST /v3/dns/zones/{zone}/import: Import Zone.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

from collections.abc import Mapping
from typing import Any

from ...models.error import Error
from ...models.validation_error import ValidationError
from ...models.zone_import import ZoneImport
from ...models.zone_import_result import ZoneImportResult
from ...types import Operation, Request, body_of, path_segment

OPERATION = Operation(
    operation_id="import_zone",
    method="POST",
    path="/v3/dns/zones/{zone}/import",
    tag="dns",
    responses={
        200: ZoneImportResult,
        401: Error,
        404: Error,
        422: ValidationError,
        429: Error,
    },
)


def build_request(
    zone: str,
    *,
    body: ZoneImport | Mapping[str, Any],
) -> Request[ZoneImportResult]:
    """Import Zone: the request, checked and encoded.

    Raises TypeError (a parameter of the wrong type, a body that does not fit its model) or
    ValueError (a path parameter that would not stay one path segment), naming the parameter.
    """
    path = OPERATION.path.format_map(
        {
            "zone": path_segment("zone", zone, str),
        }
    )
    json = body_of("body", body, ZoneImport).to_dict()

    return Request(
        OPERATION,
        path,
        json=json,
    )
