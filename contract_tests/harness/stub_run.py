"""Stub conformance: schemathesis runs every operation against the stub, with every
built-in check, positive and negative data, and the stateful phase over the spec's links.

Given the second seeded account's token (``peer_token``), the run authenticates from a Web
Fuzzing Commons document naming both accounts as peers, so that schemathesis' object-level
authorization check replays each account's reads of its own objects as the other account: a
zone one account made must not be reachable by the other. The stateful phase's steps are
counted per link (``Links``) and printed, with the zone's life over the spec's links (create
it, then read, change and delete it through Create Zone's links): how often each step was
answered 2xx. Which steps the phase takes is schemathesis' draw, so a step it did not take is
reported, not failed; a created zone that cannot be read back fails its check
(``ensure_resource_availability``).
"""

from __future__ import annotations

import json
import re
import tempfile
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events, from_schema

from contract_tests.harness.results import OperationResult, by_label
from misaka_io.spec import SPEC_PATH

CONFIG = Path(__file__).resolve().parent.parent / "schemathesis.toml"
# The zone's life over the links: Create Zone, then these through its links (read, change,
# delete). Which link leads where is the spec's; the harness names only the operations.
LIFECYCLE = ("create_zone", ("get_zone_settings", "update_zone_settings", "delete_zone"))
PEERS = ("first", "second")  # the two seeded accounts, in the WFC document
TRANSITION = re.compile(
    r"^(?P<source>.+?) -> \[(?P<status>\d{3})\] (?P<link>\S+) -> (?P<target>.+)$"
)

# A followed link: (source operation, link name, target operation) -> steps answered 2xx.
Links = Counter[tuple[str, str, str]]


def wfc_document(folder: Path, token: str, peer_token: str) -> Path:
    """The two accounts as a Web Fuzzing Commons auth document (what schemathesis reads)."""
    users = [
        {"name": name, "fixedHeaders": [{"name": "Authorization", "value": f"Token {t}"}]}
        for name, t in zip(PEERS, (token, peer_token), strict=True)
    ]
    path = folder / "accounts.json"
    path.write_text(json.dumps({"auth": users}), encoding="utf-8")
    return path


def load_config(
    token: str,
    *,
    max_examples: int | None = None,
    seed: int | None = None,
    explore: bool = False,
    accounts: Path | None = None,
    phases: set[str] | None = None,
) -> SchemathesisConfig:
    """The harness settings; ``explore`` drops the fixed seed and determinism, so that each
    run tries new data (what CI must not do, and what a developer hunting bugs wants).
    ``accounts`` (a WFC document, ``wfc_document``): both accounts, as peers. ``phases``: run
    only these of examples, coverage, fuzzing and stateful (default: all)."""
    data: dict[str, Any] = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    if explore:
        data.pop("seed", None)
        data.setdefault("generation", {})["deterministic"] = False
    if phases is not None:
        for phase in ("examples", "coverage", "fuzzing", "stateful"):
            data.setdefault("phases", {}).setdefault(phase, {})["enabled"] = phase in phases
    if accounts is not None:
        data["auth"] = {"wfc": {"path": str(accounts), "peers": list(PEERS)}}
    else:
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
    peer_token: str | None = None,
    phases: set[str] | None = None,
) -> Links:
    """Run schemathesis against an ASGI ``app`` (in process) or a ``base_url`` (over HTTP) and
    record, per operation, the test cases tried and every failed check; with ``peer_token``,
    as both accounts (peers). The links the stateful phase followed to a 2xx answer."""
    with tempfile.TemporaryDirectory(prefix="misaka-contract-") as folder:
        accounts = wfc_document(Path(folder), token, peer_token) if peer_token else None
        config = load_config(
            token, max_examples=max_examples, explore=explore, accounts=accounts, phases=phases
        )
        schema = schemathesis.openapi.from_path(spec_path, config=config)
        return _run(results, part, schema, app, base_url, operation_ids)


def _run(
    results: dict[str, OperationResult],
    part: str,
    schema: Any,
    app: Any,
    base_url: str | None,
    operation_ids: set[str] | None,
) -> Links:
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
    links: Links = Counter()
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            recorder = event.recorder
            links.update(followed(recorder, by_label(results)))
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
    return links


def followed(recorder: Any, labels: dict[str, OperationResult]) -> Links:
    """The link steps of one scenario that were answered 2xx, by operation id."""
    out: Links = Counter()
    for case_id, node in recorder.cases.items():
        step = TRANSITION.match(getattr(node.transition, "id", None) or "")
        interaction = recorder.interactions.get(case_id)
        response = getattr(interaction, "response", None)
        if step is None or response is None or not 200 <= response.status_code < 300:
            continue
        source, target = labels.get(step["source"]), labels.get(step["target"])
        if source is not None and target is not None:
            out[(source.operation_id, step["link"], target.operation_id)] += 1
    return out


def lifecycle_text(links: Links) -> str:
    """How often the zone's life went over Create Zone's links to a 2xx answer, per step."""
    create, steps = LIFECYCLE
    counts: Counter[str] = Counter()
    for (source, _, target), steps_taken in links.items():
        if source == create:
            counts[target] += steps_taken
    said = ", ".join(f"{t} {counts[t] or 'not reached this run'}" for t in steps)
    return f"the zone's life over {create}'s links (2xx answers): {said}"


def links_text(links: Links) -> str:
    """One line per link followed: ``create_zone -[GetSettings]-> get_zone_settings: 5``."""
    return "\n".join(
        f"  {source} -[{link}]-> {target}: {count}"
        for (source, link, target), count in sorted(links.items())
    )
