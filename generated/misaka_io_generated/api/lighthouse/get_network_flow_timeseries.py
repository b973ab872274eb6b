"""POST /v3/lighthouse/flows/timeseries: Network Flow Timeseries.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

from collections.abc import Mapping
from typing import Any

from ...models.error import Error
from ...models.flow_query import FlowQuery
from ...models.flow_timeseries import FlowTimeseries
from ...models.validation_error import ValidationError
from ...types import Operation, Request, body_of

OPERATION = Operation(
    operation_id="get_network_flow_timeseries",
    method="POST",
    path="/v3/lighthouse/flows/timeseries",
    tag="lighthouse",
    responses={
        200: FlowTimeseries,
        401: Error,
        422: ValidationError,
        429: Error,
    },
)


def build_request(
    *,
    body: FlowQuery | Mapping[str, Any],
) -> Request[FlowTimeseries]:
    """Network Flow Timeseries: the request, checked and encoded.

    Raises TypeError (a parameter of the wrong type, a body that does not fit its model) or
    ValueError (a path parameter that would not stay one path segment), naming the parameter.
    """
    path = OPERATION.path
    json = body_of("body", body, FlowQuery).to_dict()

    return Request(
        OPERATION,
        path,
        json=json,
    )
