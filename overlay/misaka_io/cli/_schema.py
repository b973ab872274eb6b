"""The shape of the generated operation table (``_operations.py``) the command line reads."""

from __future__ import annotations

from typing import Literal, TypedDict

Scalar = str | int | float | bool | None


class Param(TypedDict):
    """A path or query parameter: ``name`` in the spec, ``python`` in the facade method."""

    name: str
    python: str
    location: Literal["path", "query"]
    kind: str  # integer, number, string, boolean, date-time, array, object
    required: bool
    default: Scalar
    choices: list[str] | None
    help: str


class Field(TypedDict):
    """A top-level property of a request body."""

    name: str
    kind: str
    required: bool
    choices: list[str] | None
    help: str


class Body(TypedDict):
    model: str
    required: bool
    fields: list[Field]


class Guard(TypedDict):
    """The spec's ``x-misaka-cli`` of a write: ``confirm`` is ``ask`` (asked on a terminal,
    ``--yes`` otherwise), ``name`` (the last path parameter typed back) or None; ``force``
    maps path parameters to values: when each given one has one of its values (without case),
    the call needs ``--force``."""

    confirm: Literal["ask", "name"] | None
    force: dict[str, list[str]]


class Operation(TypedDict):
    operation_id: str
    attribute: str  # the tag's attribute on the client: client.<attribute>.<operation_id>
    method: str
    path: str
    summary: str
    description: str
    certainty: str
    params: list[Param]
    body: Body | None
    listing: bool
    write: bool  # not a GET: takes --dry-run
    guard: Guard
