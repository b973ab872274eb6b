"""Recorded traffic, replayed through the client (``contract_tests/recorded/*.json``, or the
folder ``RECORDED=<dir>`` names: what ``make contract LIVE=1 RECORD=<dir>`` saved).

Each interaction names the client call that should make its request. The call goes through
``Misaka`` with a transport that captures the request and answers with the recorded status,
headers and body. Checked: the request is the recorded one (method, path, with the recorded
base replaced by the v3 one when a file says so, query, JSON body); the recorded answer
conforms to the spec; a 2xx answer parses into its model, every field lands in a typed
attribute (nothing in ``additional_properties``) and ``to_dict()`` gives the JSON back; an
error answer raises the overlay's error with the recorded detail. Pointed at a recording of
a drifted API, these tests fail where the spec no longer holds.
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from contract_tests.conformance import check
from contract_tests.harness.client_run import normalize
from misaka_io import APIStatusError, Misaka, SyncPage, models
from misaka_io._table_types import operations as table_operations
from misaka_io.spec import operation

DEFAULT_FOLDER = Path(__file__).parent / "recorded"
FOLDER = Path(os.environ.get("RECORDED") or DEFAULT_FOLDER)
TOKEN = "replay-t0ken-0123456789abcdef"


def load(folder: Path) -> list[dict[str, Any]]:
    """Every interaction of every ``*.json`` recording in ``folder``, each with its file's
    bases (``recorded_base`` is replaced by ``v3_base`` in its path) and a unique name."""
    found = []
    for path in sorted(folder.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for interaction in doc["interactions"]:
            found.append(
                {
                    **interaction,
                    "id": f"{path.stem}: {interaction['name']}",
                    "bases": (doc.get("recorded_base", ""), doc.get("v3_base", "")),
                }
            )
    return found


INTERACTIONS = load(FOLDER)
IDS = [i["id"] for i in INTERACTIONS]


def v3_path(interaction: dict[str, Any]) -> str:
    recorded, v3 = interaction["bases"]
    return v3 + interaction["request"]["path"].removeprefix(recorded)


def content_of(answer: dict[str, Any]) -> bytes:
    if answer.get("text") is not None:
        return str(answer["text"]).encode()
    return b"" if answer["body"] is None else json.dumps(answer["body"]).encode()


def arguments(op_id: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    """The recorded keyword arguments, a date-time parameter's text made a ``datetime``."""
    kinds = {p["python"]: p["kind"] for p in table_operations()[op_id]["params"]}
    return {
        k: datetime.datetime.fromisoformat(v)
        if kinds.get(k) == "date-time" and isinstance(v, str)
        else v
        for k, v in kwargs.items()
    }


def instants(node: Any) -> Any:
    """``node`` with every RFC 3339 time written one way (``Z`` and ``+00:00`` are the same
    instant: the client writes one in bodies, the other in queries)."""
    if isinstance(node, dict):
        return {k: instants(v) for k, v in node.items()}
    if isinstance(node, list):
        return [instants(v) for v in node]
    if isinstance(node, str) and len(node) >= 20 and node[10:11] == "T":
        try:
            moment = datetime.datetime.fromisoformat(node.replace("Z", "+00:00"))
        except ValueError:
            return node
        if moment.tzinfo is not None:
            return moment.astimezone(datetime.UTC).isoformat()
    return node


def replay(interaction: dict[str, Any]) -> tuple[list[httpx.Request], Any]:
    """Make the interaction's client call against its recorded answer: (requests, result)."""
    answer, seen = interaction["response"], []

    def server(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            answer["status"], headers=answer["headers"], content=content_of(answer)
        )

    call = interaction["call"]
    kwargs = arguments(call["operation"], dict(call.get("kwargs", {})))
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
        method = getattr(getattr(client, call.get("attribute", "dns")), call["operation"])
        try:
            return seen, method(*call["args"], **kwargs)
        except APIStatusError as exc:
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
    if isinstance(model, dict):  # a map (additionalProperties): typed per value
        assert set(model) == set(data), where
        for key, value in data.items():
            assert_typed(value, model[key], f"{where}.{key}")
        return
    assert model.additional_properties == {}, f"{where}: {sorted(model.additional_properties)}"
    for key, value in data.items():
        name = key if hasattr(model, key) and key != "type" else f"{key}_"
        assert hasattr(model, name), f"{where}.{key} has no typed attribute"
        assert_typed(value, getattr(model, name), f"{where}.{key}")


@pytest.mark.parametrize("interaction", INTERACTIONS, ids=IDS)
def test_the_client_makes_the_recorded_request(interaction: dict[str, Any]) -> None:
    (request,), _ = replay(interaction)
    recorded = interaction["request"]
    assert request.method == recorded["method"]
    assert request.url.path == v3_path(interaction)
    sent = dict(request.url.params.multi_items())
    got = {k: sent.pop(k, None) for k in recorded["query"]}
    assert instants(got) == instants(recorded["query"])
    extra_defaults = defaults(interaction["call"]["operation"])
    assert {k: extra_defaults.get(k) for k in sent} == sent, "only defaults may be added"
    if recorded["body"] is None:
        assert request.content == b""
    else:
        assert request.headers["content-type"] == "application/json"
        assert instants(json.loads(request.content)) == instants(recorded["body"])
    assert request.headers["authorization"] == f"Token {TOKEN}"


@pytest.mark.parametrize("interaction", INTERACTIONS, ids=IDS)
def test_the_recorded_answer_conforms_and_parses(interaction: dict[str, Any]) -> None:
    answer = interaction["response"]
    op = operation(interaction["call"]["operation"])
    content_type = httpx.Headers(answer["headers"]).get("content-type", "")
    assert check(op, answer["status"], content_type, content_of(answer)) == []
    _, result = replay(interaction)
    if answer["status"] >= 400:
        assert isinstance(result, APIStatusError) and result.status_code == answer["status"]
        detail = (answer["body"] or {}).get("detail") if isinstance(answer["body"], dict) else None
        if isinstance(detail, str):
            assert result.detail == detail
        return
    if answer["body"] is None:  # 204: nothing to parse
        assert result is None
        return
    if isinstance(result, SyncPage):  # a listing: the page holds the whole answer
        result = result.listing
    assert normalize(result.to_dict()) == normalize(answer["body"])
    assert type(result).from_dict(result.to_dict()).to_dict() == result.to_dict()
    assert_typed(answer["body"], result)


@pytest.mark.skipif(FOLDER != DEFAULT_FOLDER, reason="RECORDED names another folder")
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
    (created,) = [i for i in load(DEFAULT_FOLDER) if i["name"] == "create recordset"]
    as_201 = {**created, "response": {**created["response"], "status": 201}}
    _, result = replay(as_201)
    assert normalize(result.to_dict()) == normalize(created["response"]["body"])
