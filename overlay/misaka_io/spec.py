"""The one model of the spec: a parsed document, its operations, references and validators.

``Spec`` wraps any version of the spec (the working copy, another file, a git revision) and
resolves every ``$ref`` against that version; the generators (``scripts/``), the spec tests,
the stub, the harness and ``scripts/spec_diff.py`` all read the spec through it. The
module-level functions are the same questions asked of the working copy
(``spec/misaka-v3.yaml``, or the copy an installed package carries beside this module).

It needs PyYAML, jsonschema and referencing (development and ``misaka-io[testing]``), which
the client itself never imports: nothing imports this module but those who read the spec.
"""

from __future__ import annotations

import functools
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.protocols import Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parent.parent.parent  # the checkout (overlay/misaka_io/..)
SPEC_REL = "spec/misaka-v3.yaml"
_PACKAGED = Path(__file__).resolve().parent / "misaka-v3.yaml"  # in an installed wheel
SPEC_PATH = _PACKAGED if _PACKAGED.is_file() else ROOT / SPEC_REL
SPEC_URI = "urn:misaka-v3-spec"
METHODS = ("get", "put", "post", "delete", "patch")
MAX_REF_HOPS = 50  # a $ref chain longer than this is a cycle
# libyaml's loader when PyYAML has it: the spec parses in ~60 ms instead of ~400 ms.
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SpecError(ValueError):
    """The spec cannot be read, or a reference in it does not resolve."""


@dataclass(frozen=True)
class Operation:
    path: str
    method: str
    data: dict[str, Any]
    path_item: dict[str, Any]
    spec: Spec = field(repr=False, compare=False)

    @property
    def operation_id(self) -> str:
        return str(self.data.get("operationId", f"{self.method} {self.path}"))

    @property
    def certainty(self) -> str:
        provenance = self.data.get("x-misaka-provenance")
        if not isinstance(provenance, dict) or "certainty" not in provenance:
            raise SpecError(
                f"{self.operation_id} ({self.method.upper()} {self.path}) has no "
                "x-misaka-provenance: give it {certainty: <documented, recorded, corroborated "
                "or inferred>, source: <where the fact comes from>}"
            )
        return str(provenance["certainty"])

    @property
    def secured(self) -> bool:
        return bool(self.data.get("security", self.spec.doc.get("security", [])))

    def parameters(self) -> list[dict[str, Any]]:
        """Path-level and operation-level parameters, references resolved."""
        merged: dict[tuple[str, str], dict[str, Any]] = {}
        for raw in [*self.path_item.get("parameters", []), *self.data.get("parameters", [])]:
            param = self.spec.resolve(raw)
            merged[(param["name"], param["in"])] = param
        return list(merged.values())

    def request_body(self) -> dict[str, Any] | None:
        body = self.data.get("requestBody")
        return self.spec.resolve(body) if body else None

    def responses(self) -> dict[str, dict[str, Any]]:
        return {str(code): self.spec.resolve(r) for code, r in self.data["responses"].items()}

    def success_codes(self) -> list[str]:
        return sorted(code for code in self.responses() if code.startswith("2"))


class Spec:
    """One version of the spec; references resolve inside it."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self._registry: Registry | None = None

    @classmethod
    def read(cls, ref_or_path: str | Path | None = None) -> Spec:
        """The spec in a file, at a git revision, or (None) the working copy."""
        path = SPEC_PATH if ref_or_path is None else Path(ref_or_path)
        if path.is_file():
            return cls(yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER))  # noqa: S506
        shown = subprocess.run(  # noqa: S603  (git, with a revision the caller names)
            ["git", "show", f"{ref_or_path}:{SPEC_REL}"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if shown.returncode != 0:
            raise SpecError(f"{ref_or_path!r} is neither a file nor a git ref with {SPEC_REL}")
        return cls(yaml.load(shown.stdout, Loader=_YAML_LOADER))  # noqa: S506

    @property
    def version(self) -> str:
        return str(self.doc.get("info", {}).get("version", ""))

    def operations(self) -> Iterator[Operation]:
        for path, item in self.doc.get("paths", {}).items():
            for method in METHODS:
                if method in item:
                    yield Operation(path, method, item[method], item, self)

    def by_id(self) -> dict[str, Operation]:
        return {op.operation_id: op for op in self.operations()}

    def operation(self, operation_id: str) -> Operation:
        for op in self.operations():
            if op.operation_id == operation_id:
                return op
        raise KeyError(operation_id)

    def resolve(self, node: Any) -> Any:
        """Follow a local ``$ref`` (repeatedly) to the node it names."""
        for _ in range(MAX_REF_HOPS):
            if not (isinstance(node, dict) and "$ref" in node):
                return node
            node = self._target(node["$ref"])
        raise SpecError(f"a $ref chain longer than {MAX_REF_HOPS} hops: a cycle?")

    def _target(self, pointer: str) -> Any:
        if not pointer.startswith("#/"):
            raise SpecError(f"only local references are used in this spec: {pointer}")
        target: Any = self.doc
        for part in pointer[2:].split("/"):
            try:
                target = target[part.replace("~1", "/").replace("~0", "~")]
            except (KeyError, TypeError):
                raise SpecError(f"{pointer} does not resolve") from None
        return target

    def validator(self, schema: dict[str, Any]) -> Validator:
        """A Draft 2020-12 validator (with format checks) for a schema taken from this spec."""
        if self._registry is None:
            self._registry = Registry().with_resource(
                SPEC_URI, DRAFT202012.create_resource(self.doc)
            )
        return Draft202012Validator(
            _rebase(schema),
            registry=self._registry,
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )


def _rebase(schema: Any) -> Any:
    """Make the spec's local references absolute, so they resolve in the registry."""
    if isinstance(schema, dict):
        return {
            k: (SPEC_URI + v if k == "$ref" and v.startswith("#") else _rebase(v))
            for k, v in schema.items()
        }
    if isinstance(schema, list):
        return [_rebase(v) for v in schema]
    return schema


# ---- the working copy ---------------------------------------------------------------------


@functools.cache
def current() -> Spec:
    return Spec.read()


def load_spec() -> dict[str, Any]:
    return current().doc


def operations() -> Iterator[Operation]:
    return current().operations()


def operation(operation_id: str) -> Operation:
    return current().operation(operation_id)


def resolve(node: Any) -> Any:
    return current().resolve(node)


def validator(schema: dict[str, Any]) -> Validator:
    return current().validator(schema)


@functools.cache
def component_validator(name: str) -> Validator:
    return validator({"$ref": f"#/components/schemas/{name}"})
