"""Smallest valid values for the spec's schemas, and arguments for any facade method: for the
tests that call every operation; and ``Chunked``, a body that arrives in pieces."""

from __future__ import annotations

import datetime
import inspect
from collections.abc import Callable, Iterator
from typing import Any

import httpx

from misaka_io.spec import Operation, resolve


def arguments(
    op: Operation, method: Callable[..., Any], value: str = "x1"
) -> tuple[list[Any], dict[str, Any]]:
    """Positional path parameters (each ``value``) and the required keywords of ``method``."""
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for name, param in inspect.signature(method).parameters.items():
        if param.kind is param.POSITIONAL_OR_KEYWORD:
            args.append(1 if param.annotation in (int, "int") else value)
        elif name == "body" and param.default is param.empty:
            kwargs["body"] = minimal_body(op)
        elif param.default is param.empty and "datetime" in str(param.annotation):
            kwargs[name] = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    return args, kwargs


def required_example(schema: dict[str, Any]) -> Any:
    schema = resolve(schema)
    if "allOf" in schema:
        out: dict[str, Any] = {}
        for part in schema["allOf"]:
            out.update(required_example(part))
        return out
    if "anyOf" in schema:
        return required_example(schema["anyOf"][0])
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        return {k: required_example(props[k]) for k in schema.get("required", [])}
    if kind == "array":
        return []
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return 1.0
    if kind == "boolean":
        return True
    if schema.get("format") == "date-time":
        return "2026-01-01T00:00:00Z"
    return "x" * max(1, schema.get("minLength", 1))


def minimal_answer(op: Any) -> Any:
    codes = sorted(c for c in op.data["responses"] if c.startswith("2"))
    schema = op.responses()[codes[0]]["content"]["application/json"]["schema"]
    return required_example(schema)


def minimal_body(op: Any) -> Any:
    body = op.request_body()
    return required_example(body["content"]["application/json"]["schema"])


class Chunked(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body that arrives in pieces of ``size`` bytes, as from the network (an answer made
    with it is not read when it is made, unlike one made with ``content=``)."""

    def __init__(self, body: bytes, size: int = 65536) -> None:
        self.pieces = [body[i : i + size] for i in range(0, len(body), size)]

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.pieces)

    async def __aiter__(self) -> Any:
        for piece in self.pieces:
            yield piece
