"""``make propose-spec``: recorded answers turn into a proposed spec, and with APPLY=1 into a
regenerated client, a classified diff, a CHANGELOG entry and a version."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

from contract_tests.drifted import ADDED, GONE, NEW_STATUS, NEW_VALUE, Drifted
from contract_tests.harness.__main__ import main as harness
from misaka_io.spec import ROOT, SPEC_PATH
from misaka_io.testing.stub import create_app
from misaka_io.testing.stub.server import serve
from scripts import release
from scripts.propose_spec import main, propose
from scripts.spec_proposal import MIN_ANSWERS

SETTINGS = json.loads((ROOT / "contract_tests" / "recorded" / "dns.json").read_text())[
    "interactions"
][0]["response"]["body"]
SPEC_TEXT = SPEC_PATH.read_text(encoding="utf-8")


def answer(op: str, status: int, body: Any, name: str = "") -> dict[str, Any]:
    return {
        "name": name or op,
        "call": {"operation": op, "args": []},
        "response": {"status": status, "headers": {}, "body": body},
    }


def recording(*interactions: dict[str, Any], dns_base: Any = None) -> dict[str, Any]:
    return {
        "host": "api.misaka.test",
        "recorded_at": "2026-12-06T03:17:00+00:00",
        "dns_base": dns_base,
        "interactions": list(interactions),
    }


def proposed(*docs: dict[str, Any]) -> tuple[dict[str, Any], list[Any]]:
    text, findings = propose(SPEC_TEXT, [(f"rec{i}", d) for i, d in enumerate(docs)])
    return yaml.safe_load(text), findings


def zone_settings(doc: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = doc["components"]["schemas"]["ZoneSettings"]
    return schema


def test_a_field_the_spec_lacks_is_added_with_its_observed_type_and_marked_recorded() -> None:
    body = {**SETTINGS, "last_transfer": "2026-12-01T04:00:00Z", "signers": ["a", "b"]}
    doc, findings = proposed(recording(answer("get_zone_settings", 200, body)))
    props = zone_settings(doc)["properties"]
    assert props["last_transfer"]["type"] == "string"
    assert props["last_transfer"]["format"] == "date-time"
    assert props["last_transfer"]["x-misaka-provenance"]["certainty"] == "recorded"
    assert props["signers"]["type"] == "array" and props["signers"]["items"] == {"type": "string"}
    assert {f.where for f in findings if f.kind == "field seen"} == {
        "ZoneSettings.last_transfer",
        "ZoneSettings.signers",
    }
    (seen,) = [f for f in findings if f.where == "ZoneSettings.last_transfer"]
    assert seen.sources == ["rec0: get_zone_settings"]


def test_a_required_field_is_made_optional_only_from_enough_answers() -> None:
    lacking = {k: v for k, v in SETTINGS.items() if k != "dirty"}
    few = [answer("get_zone_settings", 200, lacking, f"n{i}") for i in range(MIN_ANSWERS - 1)]
    doc, findings = proposed(recording(*few))
    assert "dirty" in zone_settings(doc)["required"]
    (left,) = [f for f in findings if f.kind == "required field missing"]
    assert not left.applied and f"at least {MIN_ANSWERS} answers" in left.why
    enough = [*few, answer("get_zone_settings", 200, lacking, "last")]
    doc, findings = proposed(recording(*enough))
    assert "dirty" not in zone_settings(doc)["required"]
    assert [f.applied for f in findings if f.kind == "required field missing"] == [True]


def test_items_of_one_listing_count_as_one_answer() -> None:
    listing = {"results": [{"name": f"r{i}"} for i in range(MIN_ANSWERS + 2)]}  # no id
    doc, findings = proposed(recording(answer("list_devices", 200, listing)))
    missing = [f for f in findings if f.kind == "required field missing"]
    assert [(f.where, f.applied) for f in missing] == [("Device.id", False)]
    assert doc["components"]["schemas"]["Device"]["required"] == ["id"]


def test_an_undeclared_status_is_declared_with_the_response_others_use() -> None:
    body = {"detail": "DNSSEC is being set up."}
    doc, findings = proposed(recording(answer("enable_dnssec", 409, body)))
    responses = doc["paths"]["/v3/dns/zones/{zone}/dnssec"]["post"]["responses"]
    assert responses["409"] == {"$ref": "#/components/responses/Conflict"}
    assert [f.kind for f in findings] == ["status seen"]


def test_a_new_value_of_an_open_string_is_listed() -> None:
    device = {"id": "dev-1", "name": "r1", "status": "retired"}
    doc, findings = proposed(recording(answer("list_devices", 200, {"results": [device]})))
    status = doc["components"]["schemas"]["Device"]["properties"]["status"]
    assert status["x-misaka-known-values"][-1] == "retired"
    assert status["description"] == (
        "Known values `active`, `maintenance`, `decommissioned`, `retired`."
    )
    assert [(f.kind, f.where) for f in findings] == [("new value", "Device.status")]


def test_the_dns_base_that_answered_is_reported_and_a_new_one_named() -> None:
    probe = {"answered": ["/dns", "/api/dns"], "probed": {}}
    doc, findings = proposed(recording(dns_base=probe))
    (tag,) = [t for t in doc["tags"] if "x-misaka-base-paths" in t]
    assert tag["x-misaka-base-paths"] == {"current": "/v3/dns", "older": ["/dns", "/api/dns"]}
    said = [f.why for f in findings]
    assert "answered: /api/dns and /dns" in said
    assert any("did not answer" in why and "a person" in why for why in said)


def test_answers_that_agree_with_the_spec_propose_nothing_and_keep_the_spec_as_written() -> None:
    text, findings = propose(
        SPEC_TEXT, [("rec", recording(answer("get_zone_settings", 200, SETTINGS)))]
    )
    assert findings == []
    assert yaml.safe_load(text) == yaml.safe_load(SPEC_TEXT)
    assert "x-auth: &auth" in text and "# " in text  # anchors and comments kept


def test_an_empty_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path), "--root", str(tmp_path)]) == 2
    assert "no recording" in capsys.readouterr().err


# ---- end to end: a drifted API, recorded, proposed, applied, released -------------------------


def copy_of_the_repository(target: Path) -> Path:
    files = subprocess.run(
        ["git", "ls-files", "-z", "-co", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, files):
        source = ROOT / name.decode()
        if source.is_file() and not name.startswith(b"reports/"):
            (target / name.decode()).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name.decode())
    return target


def digest(*paths: Path) -> str:
    return hashlib.sha256(b"".join(p.read_bytes() for p in paths)).hexdigest()


def test_a_drifted_api_becomes_a_proposed_spec_a_client_a_diff_an_entry_and_a_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    untouched = digest(SPEC_PATH, ROOT / "CHANGELOG.md", ROOT / "pyproject.toml")
    app = create_app()
    with serve(Drifted(app)) as url:
        monkeypatch.setenv("MISAKA_BASE_URL", url)
        monkeypatch.setenv("MISAKA_API_TOKEN", app.config.api_token)
        for _ in range(2):  # two nightly runs: Get Zone Settings answers four times
            args = ["--live", "--write", "--reports", str(tmp_path / "live")]
            assert harness([*args, "--record", str(tmp_path / "rec")]) == 1  # drift
    repo = copy_of_the_repository(tmp_path / "repo")
    old = release.current_version(repo)
    run = subprocess.run(
        [sys.executable, "-m", "scripts.propose_spec", str(tmp_path / "rec"), "--apply"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    spec = yaml.safe_load((repo / "spec" / "misaka-v3.yaml").read_text())
    validate(spec)  # still a valid OpenAPI 3.1 document
    settings = zone_settings(spec)
    assert settings["properties"][ADDED[0]]["format"] == "date-time"
    assert GONE not in settings["required"]
    dnssec = spec["paths"]["/v3/dns/zones/{zone}/dnssec"]["post"]["responses"]
    assert str(NEW_STATUS) in dnssec
    status = spec["components"]["schemas"]["Device"]["properties"]["status"]
    assert NEW_VALUE in status["x-misaka-known-values"]
    report = (repo / "reports" / "spec-proposal.md").read_text()
    assert "get_zone_settings #1" in report and "threshold 3" in report
    assert f"| `enable_dnssec` | {NEW_STATUS} (2) |" in report  # the statuses seen
    assert (repo / "reports" / "spec-proposal.yaml").read_text() != SPEC_TEXT
    model = repo / "generated" / "misaka_io_generated" / "models" / "zone_settings.py"
    assert ADDED[0] in model.read_text()  # regenerated
    new = release.bump(old, "breaking")  # a response field no longer required breaks
    assert f"version {old} -> {new}" in run.stdout
    assert release.current_version(repo) == new
    changelog = (repo / "CHANGELOG.md").read_text()
    assert f"## [{new}]" in changelog and "field no longer required" in changelog
    assert digest(SPEC_PATH, ROOT / "CHANGELOG.md", ROOT / "pyproject.toml") == untouched


def test_make_propose_spec_passes_FROM_and_APPLY() -> None:
    run = subprocess.run(
        ["make", "-n", "propose-spec", "FROM=recs", "APPLY=1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert "-m scripts.propose_spec recs --apply" in run.stdout
