"""The wire layer every generated module shares (misaka-io's template; do not edit the output).

- ``Unset``/``UNSET``: the marker of a field the server did not send (msgspec's own, so the
  decoder understands it);
- ``Model``: the base of every generated model (``_model_base``: it keeps the keys its
  schema does not name);
- ``Operation`` and ``Request``: what an endpoint module declares and what it builds;
- ``path_segment``, ``check`` and ``body_of``: request mistakes raise before anything is sent;
- ``decode``: the one place where bytes become models. A typed C decoder reads the body and
  checks every field's JSON type on the way; a body with keys the spec does not name takes the
  slower walk of ``_model_base`` that keeps them. Every failure is a ``DecodeError`` with the
  JSON path.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Mapping
from types import NoneType
from typing import Any, Generic, TypeVar, cast
from urllib.parse import quote

import msgspec

from misaka_io_generated._model_base import (
    MAX_LEARNED_KEYS,
    UNSET,
    DecodeError,
    Model,
    Unset,
    error_text,
    extended,
    json_path,
    learned_keys,
    parse_json,
    tolerant,
)

T = TypeVar("T")
M = TypeVar("M", bound=Model)


class Operation(msgspec.Struct, frozen=True):
    """One operation of the spec: where it is, and the model of each declared answer
    (``None`` for an answer without a body). ``tag`` is the spec's first tag of the
    operation as a Python name (its module folder: ``dns``, ``ip_announcements``)."""

    operation_id: str
    method: str
    path: str
    responses: Mapping[int, Any]
    tag: str = ""

    @property
    def success(self) -> dict[int, Any]:
        return {code: model for code, model in self.responses.items() if 200 <= code < 300}


class Request(msgspec.Struct, Generic[T], frozen=True):
    """A request an endpoint module built: path parameters encoded, query without unset
    values, the JSON body ready to send. ``T`` is what its operation answers with (the model
    of its first success status, or None): the pipeline reads the answer with
    ``operation`` and returns it typed as ``T``, so no one passes the model beside it."""

    operation: Operation
    path: str
    params: dict[str, Any] = msgspec.field(default_factory=dict)
    json: Any = None

    def with_params(self, params: dict[str, Any]) -> Request[T]:
        """The same request with another query (a listing's next page)."""
        return msgspec.structs.replace(self, params=params)


def path_segment(name: str, value: Any, annotation: Any = str) -> str:
    """``value`` (of type ``annotation``) as one path segment: percent-encoded, never empty,
    ``.`` or ``..``."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise TypeError(f"{name} must be a string, not {type(value).__name__}")
    check(name, value, annotation)
    text = str(value)
    if text in ("", ".", ".."):
        raise ValueError(f"{name} must not be {text!r}: it would not stay one path segment")
    return quote(text, safe="")


def check(name: str, value: Any, annotation: Any) -> None:
    """Raise ``TypeError`` naming the parameter when ``value`` is not of its declared type."""
    if value is UNSET or (value is None and _accepts_none(annotation)):
        return
    try:
        msgspec.convert(value, annotation, strict=True)
    except (msgspec.ValidationError, TypeError) as exc:
        raise TypeError(f"{name}: {error_text(exc)}") from None


def body_of(name: str, value: Any, model: type[M]) -> M:
    """The request body as ``model``: the model itself, or a dict read through it. A key the
    model does not name is refused (a typo would otherwise be sent and the field left out); to
    send one on purpose, set it on the model's ``additional_properties``."""
    if isinstance(value, model):
        return value
    if isinstance(value, Mapping):
        try:
            return msgspec.convert(value, model, strict=True)
        except msgspec.ValidationError as exc:
            where = json_path(exc, name)
            at = f" (at {where})" if where != name else ""
            raise TypeError(
                f"{name} does not fit {model.__name__}: {error_text(exc)}{at}"
            ) from None
    raise TypeError(f"{name} must be a {model.__name__} or a dict, not {type(value).__name__}")


def decode(content: bytes, model: type[T]) -> T:
    """Bytes to ``model``, type-checked. Unknown keys are kept; anything else raises
    ``DecodeError`` with the JSON path of the failing field.

    The typed C decoder reads the body first, with the model as the keys already seen in
    earlier answers extended it (``_learned``). When it refuses the body, the data decides
    what comes next, not the wording of the refusal: the body is read as plain JSON and
    walked; keys no model names are set aside (and learned, so that the next answer with
    them takes the C decoder again), integers written as ``1.0`` are read as integers, and
    a real mismatch raises with the path the walk was at."""
    try:
        return cast(T, _decoder(extended(model)).decode(content))
    except msgspec.ValidationError:
        pass  # the walk below decides
    except msgspec.DecodeError as exc:
        raise DecodeError(f"not JSON: {exc}", None) from None
    except RecursionError:
        raise DecodeError("the document is nested too deeply", None) from None
    return cast(T, tolerant(content, model))


# --- internals --------------------------------------------------------------------------


@functools.cache
def _decoder(model: Any) -> msgspec.json.Decoder[Any]:
    return msgspec.json.Decoder(model)


def _accepts_none(annotation: Any) -> bool:
    return annotation is None or NoneType in typing.get_args(annotation)


__all__ = [
    "MAX_LEARNED_KEYS",
    "UNSET",
    "DecodeError",
    "Model",
    "Operation",
    "Request",
    "Unset",
    "body_of",
    "check",
    "decode",
    "learned_keys",
    "parse_json",
    "path_segment",
]
