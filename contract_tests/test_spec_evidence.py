"""The spec holds to the facts reference, as spec/evidence.yaml carries them: section 1's
operation inventory, section 2's documented shapes, section 4b's recorded calls and answers.
The file is in the repository, so these run in any clone; a clone without it fails."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from contract_tests.inventory import (
    EVIDENCE,
    FACTS,
    RECORDED,
    EvidenceError,
    derive,
    inventory,
    load,
    recorded_calls,
    render,
)
from misaka_io.spec import component_validator, load_spec, operation, operations, resolve

SPEC = load_spec()
OPS = list(operations())
# The facts the spec is held to, from the repository (a clone without it fails here).
FACTS_IN_REPO = load()
INVENTORY = inventory(FACTS_IN_REPO)


def test_every_inventory_operation_is_in_the_spec_once() -> None:
    have = sorted((op.data["summary"], op.method) for op in OPS)
    want = sorted((summary, method) for summary, method, _ in INVENTORY)
    fix = "each operation (summary, method) is a row of spec/evidence.yaml (facts section 1)"
    assert have == want, (
        f"{fix}: spec only {sorted(set(have) - set(want))}, "
        f"inventory only {sorted(set(want) - set(have))}"
    )
    assert len(OPS) == 45, "facts section 1 lists 45 operations: a new one changes this count too"


def test_the_evidence_file_holds_section_1_and_section_4b() -> None:
    assert len(INVENTORY) == 45 and len(set(INVENTORY)) == 45
    assert {c for _, _, c in INVENTORY} == {"documented", "corroborated", "inferred"}
    assert len(FACTS_IN_REPO["recorded_samples"]) == 2


def test_the_evidence_file_still_agrees_with_the_facts_reference() -> None:
    """Where the reference sits beside the checkout (CI's clean clone has it; a fork's
    runner may not: the tests above then ran from the committed file alone)."""
    if not FACTS.is_file():
        pytest.skip(f"{FACTS} is not beside this checkout; the evidence file was checked alone")
    fix = "run python -m contract_tests.inventory --write and review the spec against the diff"
    assert EVIDENCE.read_text(encoding="utf-8") == render(
        derive(FACTS.read_text(encoding="utf-8"))
    ), fix


def test_recorded_calls_are_the_evidence_files_calls() -> None:
    assert recorded_calls(FACTS_IN_REPO) == set(RECORDED)
    for (method, path), op_id in RECORDED.items():
        op = operation(op_id)
        assert (op.method, op.path) == (method, "/v3/dns/" + path)


@pytest.mark.parametrize("name", ["ZoneSettings", "RecordSet"])
def test_recorded_shapes_are_the_evidence_files_samples(name: str) -> None:
    schema = SPEC["components"]["schemas"][name]
    samples = FACTS_IN_REPO["recorded_samples"]
    (sample,) = [s for s in samples if set(s) == set(schema["properties"])]
    assert set(schema["required"]) == set(sample)
    assert schema["x-misaka-provenance"]["certainty"] == "recorded"
    assert component_validator(name).is_valid(sample)


def _documented_id(doc: dict[str, Any]) -> str:
    return f"{doc['method']} {doc['path']}"


def _json_schema(node: dict[str, Any]) -> dict[str, Any]:
    node = resolve(node) if "$ref" in node else node
    schema = node["content"]["application/json"]["schema"]
    return resolve(schema) if "$ref" in schema else schema


@pytest.mark.parametrize("doc", FACTS_IN_REPO["documented"], ids=_documented_id)
def test_documented_operations_have_the_documented_shapes(doc: dict[str, Any]) -> None:
    """Facts section 2: each request field, whether it is required and its minLength, and
    the fields of the success answer."""
    (op,) = [o for o in OPS if (o.method, o.path) == (doc["method"], doc["path"])]
    body = _json_schema(op.data["requestBody"])
    fields = {f["name"]: f for f in doc["request"]}
    assert set(body["properties"]) == set(fields), "the documented request fields, no others"
    assert set(body.get("required", [])) == {n for n, f in fields.items() if f["required"]}
    for name, field in fields.items():
        declared = body["properties"][name].get("minLength")
        assert declared == field.get("min_length"), f"{name}: minLength as documented"
    (success,) = [r for code, r in op.data["responses"].items() if code.startswith("2")]
    assert set(_json_schema(success)["properties"]) == set(doc["answer"])


def test_a_clone_without_the_evidence_file_fails_naming_the_command(tmp_path: Path) -> None:
    with pytest.raises(EvidenceError, match=r"contract_tests\.inventory --write"):
        load(tmp_path / "evidence.yaml")
    (tmp_path / "evidence.yaml").write_text("inventory: []\n", encoding="utf-8")
    with pytest.raises(EvidenceError, match="lacks"):
        load(tmp_path / "evidence.yaml")
