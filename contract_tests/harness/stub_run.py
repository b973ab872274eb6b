"""Stub conformance: schemathesis runs every operation against the stub, with every
built-in check, positive and negative data, and the stateful phase over the spec's links."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events, from_schema

from contract_tests.harness.results import OperationResult, by_label
from misaka_io.spec import SPEC_PATH

CONFIG = Path(__file__).resolve().parent.parent / "schemathesis.toml"


def load_config(
    token: str, *, max_examples: int | None = None, seed: int | None = None, explore: bool = False
) -> SchemathesisConfig:
    """The harness settings; ``explore`` drops the fixed seed and determinism, so that each
    run tries new data (what CI must not do, and what a developer hunting bugs wants)."""
    data: dict[str, Any] = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    if explore:
        data.pop("seed", None)
        data.setdefault("generation", {})["deterministic"] = False
    data["auth"] = {"openapi": {"ApiToken": {"api_key": f"Token {token}"}}}
    if max_examples is not None:
        data.setdefault("generation", {})["max-examples"] = max_examples
    if seed is not None:
        data["seed"] = seed
    return SchemathesisConfig.from_dict(data)


def run(
    results: dict[str, OperationResult],
    part: str,
    *,
    token: str,
    app: Any = None,
    base_url: str | None = None,
    spec_path: Path = SPEC_PATH,
    max_examples: int | None = None,
    operation_ids: set[str] | None = None,
    explore: bool = False,
) -> None:
    """Run schemathesis against an ASGI ``app`` (in process) or a ``base_url`` (over HTTP) and
    record, per operation, the test cases tried and every failed check."""
    config = load_config(token, max_examples=max_examples, explore=explore)
    schema = schemathesis.openapi.from_path(spec_path, config=config)
    if operation_ids is not None:
        schema = schema.include(operation_id=sorted(operation_ids))
    if app is not None:
        schema.app = app
    if base_url is not None:
        schema.config.update(base_url=base_url)
    labels = {
        label: result
        for label, result in by_label(results).items()
        if operation_ids is None or result.operation_id in operation_ids
    }
    for result in labels.values():
        result.part(part).ran = True
    seen: set[tuple[str, str]] = set()
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            recorder = event.recorder
            for case_id, node in recorder.cases.items():
                label = node.value.operation.label
                if label in labels:
                    labels[label].part(part).cases += 1
                for check in recorder.checks.get(case_id, []):
                    if check.status == Status.FAILURE and check.failure_info is not None:
                        failure = check.failure_info.failure
                        op_label = failure.operation or label
                        key = (op_label, f"{check.name}: {failure.title}: {failure.message}")
                        if key in seen or op_label not in labels:
                            continue
                        seen.add(key)
                        labels[op_label].part(part).failures.append(
                            f"{check.name}: {failure.title}. {failure.message.strip()[:600]}\n"
                            f"    reproduce: {check.failure_info.code_sample.strip()[:400]}"
                        )
        elif isinstance(event, events.NonFatalError) and event.label in labels:
            labels[event.label].part(part).failures.append(f"error: {str(event.value)[:400]}")
        elif isinstance(event, events.FatalError):
            raise RuntimeError(
                f"schemathesis could not run: {event.exception}"
            ) from event.exception
