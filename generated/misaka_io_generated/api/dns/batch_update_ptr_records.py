"""POST /v3/dns/ptr: Batch Update PTR Records.

Generated from the spec by openapi-python-client with misaka-io's templates; do not edit.
"""

from collections.abc import Mapping
from typing import Any

from ...models.error import Error
from ...models.ptr_batch_result import PtrBatchResult
from ...models.ptr_batch_update import PtrBatchUpdate
from ...models.validation_error import ValidationError
from ...types import Operation, Request, body_of

OPERATION = Operation(
    operation_id="batch_update_ptr_records",
    method="POST",
    path="/v3/dns/ptr",
    tag="dns",
    responses={
        200: PtrBatchResult,
        401: Error,
        422: ValidationError,
        429: Error,
    },
)


def build_request(
    *,
    body: PtrBatchUpdate | Mapping[str, Any],
) -> Request[PtrBatchResult]:
    """Batch Update PTR Records: the request, checked and encoded.

    Raises TypeError (a parameter of the wrong type, a body that does not fit its model) or
    ValueError (a path parameter that would not stay one path segment), naming the parameter.
    """
    path = OPERATION.path
    json = body_of("body", body, PtrBatchUpdate).to_dict()

    return Request(
        OPERATION,
        path,
        json=json,
    )
