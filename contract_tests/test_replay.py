"""Recorded traffic, replayed through the client (``contract_tests/recorded/dns.json``).

Each interaction of section 4b names the client call that should make its request. The
call goes through ``Misaka`` with a transport that captures the request and answers with
the recorded status, headers and body. Checked: the request is the recorded one (method,
path under ``/v3/dns`` instead of the recorded ``/dns``, query, JSON body); the recorded
answer conforms to the spec; a 2xx answer parses into its model, every field lands in a
typed attribute (nothing in ``additional_properties``) and ``to_dict()`` gives the JSON
back; an error answer raises the overlay's error with the recorded detail.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from contract_tests.conformance import check
from contract_tests.harness.client_run import normalize
from misaka_io import Misaka, NotFoundError, SyncPage, models
from misaka_io.spec import operation

RECORDED = json.loads((Path(__file__).parent / "recorded" / "dns.json").read_text())
INTERACTIONS = RECORDED["interactions"]
TOKEN = "replay-t0ken-0123456789abcdef"


def v3_path(recorded: str) -> str:
    return RECORDED["v3_base"] + recorded.removeprefix(RECORDED["recorded_base"])


def replay(interaction: dict[str, Any]) -> tuple[list[httpx.Request], Any]:
    """Make the interaction's client call against its recorded answer: (requests, result)."""
    answer, seen = interaction["response"], []

    def server(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        content = json.dumps(answer["body"]).encode()
        return httpx.Response(answer["status"], headers=answer["headers"], content=content)

    call = interaction["call"]
    kwargs = dict(call.get("kwargs", {}))
    if "body_model" in call:
        model = getattr(models, call["body_model"])
        kwargs["body"] = model.from_dict(interaction["request"]["body"])
    with Misaka(
        api_token=TOKEN,
        base_url="http://replay.misaka.test",
        transport=httpx.MockTransport(server),
        allow_insecure_http=True,
        max_retries=0,
    ) as client:
        method = getattr(client.dns, call["operation"])
        try:
            return seen, method(*call["args"], **kwargs)
        except NotFoundError as exc:
            return seen, exc


def defaults(op_id: str) -> dict[str, str]:
    """The query parameters whose spec default a client may send without changing the call."""
    return {
        p["name"]: str(p["schema"]["default"]).lower()
        for p in operation(op_id).parameters()
        if p["in"] == "query" and "default" in p.get("schema", {})
    }


def assert_typed(data: Any, model: Any, where: str = "$") -> None:
    """Every key of ``data`` is a typed attribute of ``model``, all the way down."""
    if isinstance(data, list):
        assert isinstance(model, list) and len(model) == len(data), where
        for i, (item, sub) in enumerate(zip(data, model, strict=True)):
            assert_typed(item, sub, f"{where}[{i}]")
        return
    if not isinstance(data, dict):
        return
    assert model.additional_properties == {}, f"{where}: {sorted(model.additional_properties)}"
    for key, value in data.items():
        name = key if hasattr(model, key) and key != "type" else f"{key}_"
        assert hasattr(model, name), f"{where}.{key} has no typed attribute"
        assert_typed(value, getattr(model, name), f"{where}.{key}")


@pytest.mark.parametrize("interaction", INTERACTIONS, ids=[i["name"] for i in INTERACTIONS])
def test_the_client_makes_the_recorded_request(interaction: dict[str, Any]) -> None:
    (request,), _ = replay(interaction)
    recorded = interaction["request"]
    assert request.method == recorded["method"]
    assert request.url.path == v3_path(recorded["path"])
    sent = dict(request.url.params.multi_items())
    assert {k: sent.pop(k, None) for k in recorded["query"]} == recorded["query"]
    extra_defaults = defaults(interaction["call"]["operation"])
    assert {k: extra_defaults.get(k) for k in sent} == sent, "only defaults may be added"
    if recorded["body"] is None:
        assert request.content == b""
    else:
        assert request.headers["content-type"] == "application/json"
        assert json.loads(request.content) == recorded["body"]
    assert request.headers["authorization"] == f"Token {TOKEN}"


@pytest.mark.parametrize("interaction", INTERACTIONS, ids=[i["name"] for i in INTERACTIONS])
def test_the_recorded_answer_conforms_and_parses(interaction: dict[str, Any]) -> None:
    answer = interaction["response"]
    op = operation(interaction["call"]["operation"])
    content = json.dumps(answer["body"]).encode()
    assert check(op, answer["status"], answer["headers"]["Content-Type"], content) == []
    _, result = replay(interaction)
    if answer["status"] >= 400:
        assert isinstance(result, NotFoundError) and result.detail == answer["body"]["detail"]
        return
    if isinstance(result, SyncPage):  # a listing: the page holds the whole answer
        result = result.listing
    assert normalize(result.to_dict()) == normalize(answer["body"])
    assert type(result).from_dict(result.to_dict()).to_dict() == result.to_dict()
    assert_typed(answer["body"], result)


def test_the_recordings_cover_every_recorded_operation() -> None:
    covered = {i["call"]["operation"] for i in INTERACTIONS}
    recorded = {
        op.operation_id
        for op in map(operation, covered | {"list_zones"})
        if op.certainty == "recorded"
    }
    assert covered == recorded, (
        "each operation whose provenance is recorded has an interaction in "
        "contract_tests/recorded/dns.json, and each interaction's operation is recorded"
    )
    assert covered == {
        "get_zone_settings",
        "list_recordsets",
        "get_recordset",
        "create_recordset",
        "update_recordset",
        "delete_recordset",
    }


RECORDED_FIELDS_SCRIPT = """
from misaka_io import Misaka

def values(client: Misaka) -> list[str]:
    found = [r.value for r in client.dns.get_recordset("example.net", "www", "TXT").records]
    settings = client.dns.get_zone_settings("example.net")
    page = client.dns.list_recordsets("example.net").listing
    count: int = page.count
    flags: list[bool] = [settings.managed_soa, *(rs.protected for rs in page.results)]
    return found + [settings.email, str(settings.serial + count), str(flags)]
"""


def test_recorded_fields_are_plain_types_for_mypy(tmp_path: Path) -> None:
    # Before spec 0.2.0 these were `X | Unset`: iterating `.records` failed mypy --strict.
    script = tmp_path / "recorded_fields.py"
    script.write_text(RECORDED_FIELDS_SCRIPT)
    root = Path(__file__).resolve().parent.parent
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file", "pyproject.toml", str(script)],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout


def test_create_answering_201_still_parses() -> None:
    # The spec declares the recorded 200; a server answering 201 (as spec 0.1.0 said) must
    # still give the created recordset.
    (created,) = [i for i in INTERACTIONS if i["name"] == "create recordset"]
    as_201 = {**created, "response": {**created["response"], "status": 201}}
    _, result = replay(as_201)
    assert normalize(result.to_dict()) == normalize(created["response"]["body"])
