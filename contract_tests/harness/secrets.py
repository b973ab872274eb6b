"""What live mode must never write down: the secrets the spec marks, and how it masks them.

The spec marks every credential field ``x-misaka-secret: true``. An answer's secret-named
values are learnt as they arrive; an answer of an operation whose success schema carries a
marked field (Get current user token) may hold a credential in any shape the server chose
(``{"key": ...}``, a list), so every string of it is learnt. The client's ``Redactor`` then
masks them, in every escaped form, before anything is cut short, written or printed.
"""

from __future__ import annotations

import functools
from typing import Any

from misaka_io._redact import Redactor
from misaka_io.spec import Operation, Spec, current

MASK = "[redacted]"
MARK = "x-misaka-secret"


def marked_fields(spec: Spec) -> dict[str, bool]:
    """``"Schema.property"`` -> its mark, for every property of a component schema that
    carries ``x-misaka-secret``."""
    out = {}
    for name, schema in spec.doc.get("components", {}).get("schemas", {}).items():
        for prop, sub in (schema.get("properties") or {}).items():
            if isinstance(sub, dict) and MARK in sub:
                out[f"{name}.{prop}"] = sub[MARK]
    return out


@functools.cache
def secret_names() -> frozenset[str]:
    """The property names the working copy of the spec marks secret."""
    return frozenset(k.split(".", 1)[1] for k, v in marked_fields(current()).items() if v is True)


def _carries(spec: Spec, schema: Any, seen: set[int]) -> bool:
    schema = spec.resolve(schema)
    if not isinstance(schema, dict) or id(schema) in seen:
        return False
    seen.add(id(schema))
    if any(
        isinstance(s, dict) and s.get(MARK) is True for s in schema.get("properties", {}).values()
    ):
        return True
    parts = [
        *schema.get("properties", {}).values(),
        schema.get("items"),
        schema.get("additionalProperties"),
    ]
    for key in ("allOf", "anyOf", "oneOf"):
        parts += schema.get(key, [])
    return any(_carries(spec, part, seen) for part in parts if part is not None)


def carries_secrets(op: Operation) -> bool:
    """True when a success answer of ``op`` holds a field the spec marks secret."""
    for code in op.success_codes():
        media = op.responses()[code].get("content", {}).get("application/json", {})
        if "schema" in media and _carries(op.spec, media["schema"], set()):
            return True
    return False


class Redact:
    """Masks the secrets it was given or has learnt, secret-named fields and JWTs, with
    ``[redacted]``, in every escaped form (the client's ``Redactor``)."""

    def __init__(self, *secrets: str) -> None:
        self.redactor = Redactor(mask=MASK, names=secret_names())
        self.redactor.add(*secrets)

    def learn(self, data: Any, *, everything: bool = False) -> None:
        self.redactor.learn(data, everything=everything)

    def __call__(self, text: str) -> str:
        return self.redactor.scrub(text)
