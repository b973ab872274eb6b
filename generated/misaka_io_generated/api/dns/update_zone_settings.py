"""PUT /v3/dns/zones/{zone}/settings: Update Zone Settings.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

from collections.abc import Mapping
from typing import Any

from ...models.error import Error
from ...models.validation_error import ValidationError
from ...models.zone_settings import ZoneSettings
from ...models.zone_settings_update import ZoneSettingsUpdate
from ...types import Operation, Request, body_of, path_segment

OPERATION = Operation(
    operation_id="update_zone_settings",
    method="PUT",
    path="/v3/dns/zones/{zone}/settings",
    tag="dns",
    responses={
        200: ZoneSettings,
        401: Error,
        404: Error,
        422: ValidationError,
        429: Error,
    },
)


def build_request(
    zone: str,
    *,
    body: ZoneSettingsUpdate | Mapping[str, Any],
) -> Request[ZoneSettings]:
    """Update Zone Settings: the request, checked and encoded.

    Raises TypeError (a parameter of the wrong type, a body that does not fit its model) or
    ValueError (a path parameter that would not stay one path segment), naming the parameter.
    """
    path = OPERATION.path.format_map(
        {
            "zone": path_segment("zone", zone, str),
        }
    )
    json = body_of("body", body, ZoneSettingsUpdate).to_dict()

    return Request(
        OPERATION,
        path,
        json=json,
    )
