"""The shape of the one operation table (``misaka_io._table``, generated from the spec by
``scripts/optable.py``), and the questions the overlay asks of it.

The command line builds its commands from it, the pipeline knows from it which operations are
public and which step of the session each is (every request carries its operation's id:
``operation_of``), the session reads its answers' tokens where ``TOKEN_PLACES`` says, and the
stub and live mode walk it.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Literal, TypedDict

if TYPE_CHECKING:
    from types import ModuleType

    import httpx

Scalar = str | int | float | bool | None


class Param(TypedDict):
    """A path or query parameter: ``name`` in the spec, ``python`` in the request builder
    and facade method, declared there as ``python: annotation = default_code`` (no default
    when ``default_code`` is None)."""

    name: str
    python: str
    location: Literal["path", "query"]
    kind: str  # integer, number, string, boolean, date-time, array, object
    required: bool
    default: Scalar
    choices: list[str] | None
    help: str
    annotation: str
    default_code: str | None


class Field(TypedDict):
    """A top-level property of a request body."""

    name: str
    kind: str
    required: bool
    choices: list[str] | None
    help: str
    minimum: float | None  # a number's bounds in the spec
    maximum: float | None


class Body(TypedDict):
    model: str
    required: bool
    annotation: str  # what the method takes: the model or a mapping
    default_code: str | None  # None: required
    help: str
    fields: list[Field]


class Guard(TypedDict):
    """The spec's ``x-misaka-cli`` of a write: ``confirm`` is ``ask`` (asked on a terminal,
    ``--yes`` otherwise), ``name`` (the last path parameter typed back) or None; ``force``
    maps path parameters to values: when each given one has one of its values (without case),
    the call needs ``--force``."""

    confirm: Literal["ask", "name"] | None
    force: dict[str, list[str]]


SessionStep = Literal["login", "second-factor", "refresh", "logout"]


class TokenPlaces(TypedDict, total=False):
    """An answer model's ``x-misaka-tokens``: per kind of token, the property paths that may
    hold it (``user.access_token``), in the order they are taken."""

    access: list[str]
    refresh: list[str]
    sliding: list[str]


class Operation(TypedDict):
    operation_id: str
    tag: str
    attribute: str  # the tag's attribute on the client: client.<attribute>.<operation_id>
    command: str | None  # misaka <tag> <command>; None: not offered (x-misaka-cli skip)
    guard: Guard
    method: str
    path: str
    summary: str
    description: str
    certainty: str
    deprecated: bool
    public: bool  # the spec's security: [] (sent without credentials)
    session: SessionStep | None  # the spec's x-misaka-session
    params: list[Param]
    body: Body | None
    success: list[int]
    result: str | None  # the model of the first success status's body
    listing: str | None  # the item model, when the operation is a listing
    display: list[str] | None  # a listing's table columns (x-misaka-cli display); None: all
    errors: dict[int, str]  # declared failure status -> the error class's name
    write: bool  # not a GET: takes --dry-run


class BasePaths(TypedDict):
    """A tag's ``x-misaka-base-paths``: the base its paths use, and older bases that answer
    the same operations."""

    current: str
    older: list[str]


class Tag(TypedDict):
    description: str
    base_paths: BasePaths | None


def operations() -> dict[str, Operation]:
    """Every operation by id (the table is imported on first use)."""
    from misaka_io._table import OPERATIONS

    return OPERATIONS


def tags() -> dict[str, Tag]:
    from misaka_io._table import TAGS

    return TAGS


def secret_names() -> frozenset[str]:
    """The wire names of the fields the spec marks ``x-misaka-secret``."""
    from misaka_io._table import SECRET_NAMES

    return SECRET_NAMES


@functools.cache
def commands(tag: str) -> dict[str, Operation]:
    """The command line's commands of ``tag``: command name -> operation."""
    return {
        op["command"]: op
        for op in operations().values()
        if op["tag"] == tag and op["command"] is not None
    }


# The extension of an httpx request that names the operation it was built from.
OPERATION_KEY = "misaka_operation"


def operation_of(request: httpx.Request) -> Operation | None:
    """The operation ``request`` was built from (None: ``client.request()``, beyond the spec)."""
    name = request.extensions.get(OPERATION_KEY)
    return operations().get(name) if isinstance(name, str) else None


@functools.cache
def session_step(step: SessionStep) -> Operation:
    """The operation that is this step of a web session (the spec's ``x-misaka-session``)."""
    found = [op for op in operations().values() if op["session"] == step]
    if len(found) != 1:
        raise LookupError(f"the spec names {len(found)} operations x-misaka-session: {step}")
    return found[0]


@functools.cache
def field_bounds(model: str, name: str) -> tuple[float | None, float | None]:
    """The spec's ``minimum`` and ``maximum`` of the field ``name`` of the request body
    ``model`` (such as ``RecordSetWrite``, ``ttl``); ``KeyError`` when no operation sends it."""
    for op in operations().values():
        body = op["body"]
        for field in body["fields"] if body is not None and body["model"] == model else []:
            if field["name"] == name:
                return field["minimum"], field["maximum"]
    raise KeyError(f"no request body {model} with a field {name} in the spec")


def path_of(operation_id: str) -> str:
    return operations()[operation_id]["path"]


def builder(operation: Operation) -> ModuleType:
    """The generated module whose ``build_request`` makes ``operation``'s request."""
    import importlib

    from misaka_io_generated import api  # imported, not named: a vendored copy renames it

    return importlib.import_module(
        f"{api.__name__}.{operation['attribute']}.{operation['operation_id']}"
    )


def token_places(model: str) -> TokenPlaces:
    """Where answers of ``model`` keep session tokens (nothing: none)."""
    from misaka_io._table import TOKEN_PLACES

    return TOKEN_PLACES.get(model, {})


def known_values(model: str, prop: str) -> list[str]:
    """The spec's ``x-misaka-known-values`` of ``model.prop``."""
    from misaka_io._table import KNOWN_VALUES

    return KNOWN_VALUES.get(f"{model}.{prop}", [])


def guarded(force: Mapping[str, Sequence[str]], given: Mapping[str, str]) -> bool:
    """Whether a call is one its operation's ``x-misaka-cli`` ``force`` guards: ``force``
    names parameters and their guarded values (``{"name": ["@"], "type": ["SOA", "NS"]}``);
    the call is guarded when each of them has one of those values (without case)."""
    return bool(force) and all(
        str(given.get(key, "")).casefold() in {v.casefold() for v in values}
        for key, values in force.items()
    )
