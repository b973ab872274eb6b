"""The harness catches what it is there to catch (run with tiny sizes here; `make contract`
runs it in full)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from markdown_it import MarkdownIt

import misaka_io
from contract_tests.harness import client_run, report, stub_run
from contract_tests.harness.__main__ import main
from contract_tests.harness.live import run_live
from contract_tests.harness.results import new_results, summary, write_junit
from misaka_io import Misaka
from misaka_io.models import Port
from misaka_io.spec import SPEC_PATH, load_spec, operation
from misaka_io.testing.stub import DEFAULT_API_TOKEN, create_app
from misaka_io.testing.stub.handlers import HANDLERS, Answer, Ctx, Reply
from misaka_io.testing.stub.server import serve
from misaka_io.testing.stub.transport import SyncASGITransport


def broken(op_id: str, change: Any) -> Any:
    original = HANDLERS[op_id]

    def handler(ctx: Ctx, **arguments: Any) -> Any:
        result = original(ctx, **arguments)
        body = dict(result.body if isinstance(result, Answer) else result)
        change(body)
        return body

    return handler


def test_stub_dropping_a_required_field_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(HANDLERS, "get_port", broken("get_port", lambda b: b.pop("id")))
    results = new_results()
    stub_run.run(
        results,
        "stub",
        token=DEFAULT_API_TOKEN,
        app=create_app(),
        max_examples=3,
        operation_ids={"get_port"},
    )
    failures = results["get_port"].part("stub").failures
    assert failures and any(re.search(r"[\"']id[\"'] is a required property", f) for f in failures)
    assert results["list_ports"].parts == {}


def test_spec_change_the_stub_does_not_follow_is_caught(tmp_path: Path) -> None:
    spec = yaml.safe_load(SPEC_PATH.read_text())
    spec["components"]["schemas"]["Port"]["required"] = ["id", "serial_number"]
    changed = tmp_path / "spec.yaml"
    changed.write_text(yaml.safe_dump(spec, sort_keys=False))
    results = new_results()
    stub_run.run(
        results,
        "stub",
        token=DEFAULT_API_TOKEN,
        app=create_app(),
        spec_path=changed,
        max_examples=3,
        operation_ids={"get_port"},
    )
    assert any(
        re.search(r"[\"']serial_number[\"'] is a required property", f)
        for f in results["get_port"].part("stub").failures
    )


def test_harness_exit_status_summary_and_junit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ok = main(
        [
            "--only",
            "get_port",
            "--parts",
            "stub,client",
            "--examples",
            "2",
            "--client-examples",
            "2",
            "--reports",
            str(tmp_path),
        ]
    )
    out = capsys.readouterr().out
    assert ok == 0 and "contract: 1 operations, 1 passed, 0 failed" in out
    monkeypatch.setitem(HANDLERS, "get_port", broken("get_port", lambda b: b.update(speed="fast")))
    failed = main(
        ["--only", "get_port", "--parts", "stub", "--examples", "2", "--reports", str(tmp_path)]
    )
    out = capsys.readouterr().out
    assert failed == 1 and "contract: 1 operations, 0 passed, 1 failed" in out
    assert "get_port [stub]" in out and re.search(
        r"[\"']fast[\"'] is not of type [\"']integer[\"']", out
    )
    suite = ET.parse(tmp_path / "contract-junit.xml").getroot()
    (case,) = suite.findall("testcase")
    assert case.get("name") == "get_port" and case.find("failure") is not None


def test_junit_marks_parts_not_run_as_skipped(tmp_path: Path) -> None:
    results = {k: v for k, v in new_results().items() if k in {"get_port", "list_ports"}}
    results["get_port"].part("stub").ran = True
    results["list_ports"].part("stub")
    write_junit(results, tmp_path / "j.xml")
    root = ET.parse(tmp_path / "j.xml").getroot()
    assert (root.get("tests"), root.get("skipped"), root.get("failures")) == ("2", "1", "0")
    assert summary(results) == "contract: 2 operations, 1 passed, 1 failed"


# ---- the client checks can fail -------------------------------------------------------------


class FakeCase:
    def __init__(self, path: dict[str, Any], query: dict[str, Any], body: Any = None) -> None:
        self.path_parameters, self.query, self.body = path, query, body


def test_request_check_reports_wrong_requests() -> None:
    op = operation("update_recordset")
    case = FakeCase(
        {"zone": "example.net", "name": "www", "type": "A"},
        {"append": "true"},
        {"records": [{"value": "192.0.2.1"}]},
    )
    good = httpx.Request(
        "PUT",
        "https://x/v3/dns/zones/example.net/recordsets/www/A?append=true",
        json=case.body,
        headers={"Authorization": f"Token {client_run.TOKEN}"},
    )
    assert client_run._request_problems(op, good, case) == []
    bad = httpx.Request(
        "PUT", "https://x/v3/dns/zones/example.net/recordsets/web/A", json={"records": []}
    )
    problems = [p.message for p in client_run._request_problems(op, bad, case)]
    assert "path parameter name: sent 'web', asked 'www'" in problems
    assert "query parameter append was dropped" in problems
    assert "Authorization header is missing" in problems
    assert any("request does not validate: ['body', 'records']" in p for p in problems)
    assert "body sent differs from the one asked for" in problems


def test_response_check_reports_lost_data() -> None:
    op = operation("get_port")
    with Misaka(api_token=client_run.TOKEN, base_url=client_run.BASE, max_retries=0) as client:
        call = lambda: client.ports.get_port("p1")  # noqa: E731
        assert client_run._expect(client, op, call, 200, {"id": "p1", "speed": 10}) == []
        assert client_run._expect(client, op, call, 404, {"detail": "x"}) == []
        # A client that hands back something other than what was served is caught.
        wrong = lambda: Port(id="another")  # noqa: E731
        assert [str(p) for p in client_run._expect(client, op, wrong, 200, {"id": "p1"})] == [
            "$: client 200: 200: to_dict() differs from the JSON it came from"
        ]
        assert client_run._expect(client, op, call, 404, {"detail": "x"}) == []
        assert [p.message for p in client_run._expect(client, op, wrong, 404, {"detail": "x"})] == [
            "404: no error was raised"
        ]
        # A body that breaks the schema is not served: it would prove nothing about the client.
        (refused,) = client_run._expect(client, op, call, 200, {"speed": 1})
        assert "the served body does not conform" in refused.message
        # 403 raises PermissionDeniedError, like every status the overlay knows.
        forbidden = lambda: client.ports.get_port("p1")  # noqa: E731
        assert client_run._expect(client, op, forbidden, 403, {"detail": "no"})[0].rule == "status"


def test_client_conformance_of_a_few_operations() -> None:
    results = new_results()
    client_run.run(
        results, examples=3, operation_ids={"create_recordset", "get_port_usage_metrics", "login"}
    )
    for op_id in ("create_recordset", "get_port_usage_metrics", "login"):
        part = results[op_id].part("client")
        assert part.passed, part.failures
        assert part.cases >= 10


# ---- live mode, against the stub --------------------------------------------------------------


def live_report(drifts: list[Any], tmp_path: Path, token: str) -> tuple[dict[str, Any], str]:
    info = report.RunInfo.now("http://127.0.0.1:1/", write=False)
    json_path, md_path = report.write_report(drifts, info, tmp_path, report.Redact(token))
    return json.loads(json_path.read_text()), md_path.read_text()


def test_live_mode_against_the_stub(tmp_path: Path) -> None:
    app = create_app()
    with serve(app) as url:
        drifts = {
            d.operation_id: d
            for d in run_live(url, app.config.api_token, write=True, prefix="198.51.100.0/24")
        }
    checked = [d for d in drifts.values() if d.outcome != "skipped"]
    assert len(checked) >= 30
    assert [d.operation_id for d in checked if d.outcome != "conforms"] == []
    assert drifts["change_password"].outcome == "skipped"
    assert all(d.reason for d in drifts.values() if d.outcome == "skipped")
    assert drifts["delete_zone"].status == 204 and drifts["delete_ip_announcement"].status == 204
    assert drifts["delete_recordset"].status == 202 and drifts["create_recordset"].status == 200
    assert drifts["get_zone_settings"].success_seen
    assert list(app.stub_state.zones) == ["example.net"]  # what the run created is gone
    assert app.stub_state.announcements == {}
    assert report.verdict(list(drifts.values()))[0] == 0


def test_live_mode_names_two_broken_shapes_and_redacts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app()
    token = app.config.api_token
    jwt_like = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMDQyIn0.c2lnbmF0dXJlLXBhcnQ"

    def break_zones(body: dict[str, Any]) -> None:
        body["results"] = [{k: v for k, v in z.items() if k != "name"} for z in body["results"]]

    monkeypatch.setitem(
        HANDLERS,
        "get_port",
        broken("get_port", lambda b: b.update(speed="100G | a token from " + token, jwt=jwt_like)),
    )
    monkeypatch.setitem(HANDLERS, "list_zones", broken("list_zones", break_zones))
    with serve(app) as url:
        drifts = run_live(url, token)
    drifted = {d.operation_id: d for d in drifts if d.outcome == "drift"}
    assert set(drifted) == {"get_port", "list_zones"}
    assert [(p.path, p.rule) for p in drifted["get_port"].problems] == [("$.speed", "speed/type")]
    assert drifted["list_zones"].problems[0].path == "$.results[0]"
    assert "'name' is a required property" in drifted["list_zones"].problems[0].message
    data, markdown = live_report(drifts, tmp_path, token)
    assert token not in json.dumps(data) + markdown and jwt_like not in markdown
    # Only the secret goes: ordinary words (token, from) and the table's pipes stay.
    assert "100G \\| a token from [redacted]" in markdown
    assert "needs the token of a confirmation email" in markdown
    assert report.verdict(drifts)[0] == 1


def test_live_report_is_valid_markdown_in_certainty_order(tmp_path: Path) -> None:
    app = create_app()
    with serve(app) as url:
        drifts = run_live(url, app.config.api_token)
    data, markdown = live_report(drifts, tmp_path, app.config.api_token)
    assert (data["host"], data["spec_version"]) == ("127.0.0.1:1", load_spec()["info"]["version"])
    assert data["client_version"] == misaka_io.__version__ and data["checked_at"].endswith("+00:00")
    assert "- host: `127.0.0.1:1`" in markdown and data["checked_at"] in markdown
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    rows = [t for t in tokens if t.type == "tr_open"]
    cells_per_row = [
        sum(1 for t in tokens[tokens.index(r) :] if t.type in ("td_open", "th_open"))
        - sum(1 for t in tokens[tokens.index(n) :] if t.type in ("td_open", "th_open"))
        for r, n in zip(rows, [*rows[1:], tokens[-1]], strict=True)
    ][:-1]
    assert len(rows) - 1 == len(data["operations"]) == 45  # a header row, then one per operation
    assert set(cells_per_row) == {6}
    order = [op["certainty"] for op in data["operations"]]
    ranks = [report.CERTAINTY_ORDER.index(c) for c in order]
    assert ranks == sorted(ranks) and order[0] == "inferred" and order[-1] == "documented"
    recorded = [op["operation_id"] for op in data["operations"] if op["certainty"] == "recorded"]
    assert recorded == sorted(recorded) and len(recorded) == 6


def test_an_operation_answering_only_401_is_unauthorized(tmp_path: Path) -> None:
    app = create_app()
    denied = {"/v3/ports", "/v3/dns/zones/example.net/settings"}

    stub = SyncASGITransport(app)

    def serve_or_deny(request: httpx.Request) -> httpx.Response:
        if request.url.path in denied:
            return httpx.Response(403 if "dns" in request.url.path else 401, json={"detail": "no"})
        return stub.handle_request(request)

    transport = httpx.MockTransport(serve_or_deny)
    drifts = {
        d.operation_id: d
        for d in run_live("http://127.0.0.1", app.config.api_token, transport=transport)
    }
    stub.close()
    assert drifts["list_ports"].outcome == "unauthorized" and not drifts["list_ports"].success_seen
    assert drifts["get_zone_settings"].outcome == "unauthorized"
    assert drifts["get_port"].outcome == "skipped"
    assert drifts["list_zones"].outcome == "conforms"


def test_a_run_that_saw_no_success_shape_fails() -> None:
    def not_found(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, json={"detail": "Not found."})

    drifts = run_live(
        "http://127.0.0.1", "some-valid-token", transport=httpx.MockTransport(not_found)
    )
    assert not any(d.success_seen for d in drifts)
    status, line = report.verdict(drifts)
    assert status == 1 and "no operation's success shape was seen" in line


@pytest.mark.parametrize("status", [401, 403])
def test_live_mode_with_refused_credentials_exits_2(
    status: int,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    app = create_app()
    with serve(app) as url:
        monkeypatch.setenv("MISAKA_BASE_URL", url)
        monkeypatch.setenv("MISAKA_API_TOKEN", "wrong")
        if status == 403:
            monkeypatch.setitem(HANDLERS, "list_zones", forbidden)
            monkeypatch.setenv("MISAKA_API_TOKEN", app.config.api_token)
        assert main(["--live", "--reports", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"the server refused the credentials: GET /v3/dns/zones answered {status}" in err
    assert not (tmp_path / "live-drift.json").exists()


def forbidden(ctx: Ctx, **arguments: Any) -> Any:
    raise Reply(403, {"detail": "You do not have permission to perform this action."})


def test_redaction_masks_only_secrets() -> None:
    redact = report.Redact("s3cret-token-value", "from")
    text = "a token from s3cret-token-value | eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl |"
    assert redact(text) == "a token from [redacted] | [redacted] |"


def test_live_mode_needs_credentials(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("MISAKA_BASE_URL", raising=False)
    monkeypatch.delenv("MISAKA_API_TOKEN", raising=False)
    assert main(["--live"]) == 2
    assert "MISAKA_BASE_URL and MISAKA_API_TOKEN" in capsys.readouterr().err


def test_tolerance_bodies_extend_objects_but_not_typed_maps() -> None:
    op = operation("get_network_flow_timeseries")
    media = client_run.success(op)[1]["content"]["application/json"]
    body = client_run._with_unknowns(media["example"], media["schema"])
    assert "x_added_by_a_newer_api" in body and "x_added_by_a_newer_api" in body["series"][0]
    # labels maps names to strings: an object there would break the spec, not extend it
    assert body["series"][0]["labels"] == media["example"]["series"][0]["labels"]
