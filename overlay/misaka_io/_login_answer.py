"""Reading a session answer (login, refresh): its model, and the tokens in it.

The answer is read as every call's is (``_parse.parse_answer`` with the operation's own
models; any 2xx is success). Where the model keeps each token is the spec's
``x-misaka-tokens`` of that model (the table's ``TOKEN_PLACES``): for a login the top level
(``access``/``refresh``), the older names (``access_token``/``refresh_token``) and inside
``user``; each is taken from the first place that holds it. An answer with no token in any
place asks for the second factor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import msgspec

from misaka_io._parse import parse_answer
from misaka_io._table_types import SessionStep, builder, session_step, token_places


@dataclass(frozen=True, repr=False)
class SessionTokens:
    """The tokens found in a session answer; ``found`` says whether it held any token at all
    (a login answer without one asks for the second factor)."""

    access: str | None
    refresh: str | None
    sliding: str | None
    found: bool


def read_answer(step: SessionStep, response: httpx.Response) -> SessionTokens:
    """The tokens of a 2xx answer to a session step, read through the step operation's model
    (``ResponseValidationError`` when the body does not fit it)."""
    operation = builder(session_step(step)).OPERATION
    model = parse_answer(operation, response)
    if model is None:
        return SessionTokens(None, None, None, found=False)
    places = token_places(type(model).__name__)
    access = _first(model, places.get("access", []))
    refresh = _first(model, places.get("refresh", []))
    sliding = _first(model, places.get("sliding", []))
    return SessionTokens(access, refresh, sliding, found=any((access, refresh, sliding)))


def _first(model: Any, paths: list[str]) -> str | None:
    """The first non-empty string at one of ``paths`` (JSON names, ``user.access_token``)."""
    for path in paths:
        value = model
        for name in path.split("."):
            value = _field(value, name)
        if isinstance(value, str) and value:
            return value
    return None


def _field(model: Any, json_name: str) -> Any:
    """The value of the field whose JSON name is ``json_name`` (None when unset or absent)."""
    if not isinstance(model, msgspec.Struct):
        return None
    for info in msgspec.structs.fields(model):
        if info.encode_name == json_name:
            return getattr(model, info.name)
    return None
