"""From a 2xx answer to the operation's typed result: every 2xx is success.

The status the spec declares is read with its model. A 2xx it does not declare (most
operations are inferred, and a guessed status can be wrong: the recorded DNS calls answered a
create with 200, not 201, and a delete with 202 and a ``detail``, which the spec now
declares) is read with the operation's success model when it has one, and accepted as it is
when the operation returns nothing; each such case is logged at DEBUG. A DELETE answered without a
body (204) returns None whatever body the spec declares. The bytes become a model in one
place, the generated ``decode``; a body that does not fit raises ``ResponseValidationError``
with the failing field's JSON path and the raw body.
"""

from __future__ import annotations

import logging
from typing import Any

import httpx

from misaka_io._exceptions import ResponseValidationError
from misaka_io_generated.types import DecodeError, Operation, decode

log = logging.getLogger("misaka_io")


def success_model(operation: Operation, status: int) -> Any:
    """The model to read a ``status`` answer with (None: the operation returns nothing)."""
    declared = operation.success
    if status in declared:
        return declared[status]
    models = [m for m in declared.values() if m is not None]
    model = models[0] if models else None
    log.debug(
        "misaka_io: %s answered %d, which the spec does not declare; reading it as %s",
        operation.operation_id,
        status,
        getattr(model, "__name__", "no content"),
    )
    return model


def parse_answer(operation: Operation, response: httpx.Response) -> Any:
    content = response.content
    if operation.method == "DELETE" and not content.strip():
        return None  # the deletion is done; an answer without a body has nothing to read
    model = success_model(operation, response.status_code)
    if model is None:
        if content.strip():
            # Not quoted: an excerpt cut before masking could show part of a secret.
            log.debug(
                "misaka_io: %s returns nothing; ignoring a %d-byte body",
                operation.operation_id,
                len(content),
            )
        return None
    content_type = response.headers.get("content-type", "").split(";")[0].strip()
    if "json" not in content_type:
        raise ResponseValidationError(
            f"expected JSON for {model.__name__}, got content type {content_type or 'none'!r}",
            response=response,
            raw=content,
            field=None,
            model=model.__name__,
        )
    try:
        return decode(content, model)
    except DecodeError as exc:
        raise ResponseValidationError(
            f"the answer to {operation.operation_id} does not fit {model.__name__}"
            f"{f' at {exc.path}' if exc.path else ''}: {exc}"[:500],
            response=response,
            raw=content,
            field=exc.path,
            model=model.__name__,
        ) from None
