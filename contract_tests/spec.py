"""Loading the curated spec and validating instances against its schemas.

One place for what the spec tests, the stub and the harness all need: the parsed document,
its operations, and JSON Schema validators whose ``$ref``s resolve inside the spec.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.protocols import Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = ROOT / "spec" / "misaka-v3.yaml"
SPEC_URI = "urn:misaka-v3-spec"
METHODS = ("get", "put", "post", "delete", "patch")


@dataclass(frozen=True)
class Operation:
    path: str
    method: str
    data: dict[str, Any]
    path_item: dict[str, Any]

    @property
    def operation_id(self) -> str:
        return str(self.data["operationId"])

    @property
    def certainty(self) -> str:
        return str(self.data["x-misaka-provenance"]["certainty"])

    @property
    def secured(self) -> bool:
        return bool(self.data.get("security", load_spec().get("security", [])))

    def parameters(self) -> list[dict[str, Any]]:
        """Path-level and operation-level parameters, references resolved."""
        merged: dict[tuple[str, str], dict[str, Any]] = {}
        for raw in [*self.path_item.get("parameters", []), *self.data.get("parameters", [])]:
            param = resolve(raw)
            merged[(param["name"], param["in"])] = param
        return list(merged.values())

    def request_body(self) -> dict[str, Any] | None:
        body = self.data.get("requestBody")
        return resolve(body) if body else None

    def responses(self) -> dict[str, dict[str, Any]]:
        return {code: resolve(r) for code, r in self.data["responses"].items()}


@functools.cache
def load_spec(path: Path = SPEC_PATH) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        spec: dict[str, Any] = yaml.safe_load(fh)
    return spec


def operations(spec: dict[str, Any] | None = None) -> Iterator[Operation]:
    spec = spec or load_spec()
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                yield Operation(path, method, item[method], item)


def operation(operation_id: str) -> Operation:
    for op in operations():
        if op.operation_id == operation_id:
            return op
    raise KeyError(operation_id)


def resolve(node: Any, spec: dict[str, Any] | None = None) -> Any:
    """Follow a local ``$ref`` (repeatedly) to the node it names."""
    spec = spec or load_spec()
    while isinstance(node, dict) and "$ref" in node:
        pointer = node["$ref"]
        if not pointer.startswith("#/"):
            raise ValueError(f"only local references are used in this spec: {pointer}")
        target: Any = spec
        for part in pointer[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


@functools.cache
def _registry() -> Registry:
    return Registry().with_resource(SPEC_URI, Resource(load_spec(), DRAFT202012))


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


def validator(schema: dict[str, Any]) -> Validator:
    """A Draft 2020-12 validator (with format checks) for a schema taken from the spec."""
    return Draft202012Validator(
        _rebase(schema),
        registry=_registry(),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


@functools.cache
def component_validator(name: str) -> Validator:
    return validator({"$ref": f"#/components/schemas/{name}"})
