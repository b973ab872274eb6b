"""spec_diff: one test per rule, each on a copy of the real spec changed in one place."""

from __future__ import annotations

import copy
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.spec_diff import ROOT, diff, main, summary

SPEC = yaml.safe_load((ROOT / "spec" / "misaka-v3.yaml").read_text())
Doc = dict[str, Any]


def changed(edit: Callable[[Doc], None]) -> list[tuple[bool, str, str, str]]:
    head = copy.deepcopy(SPEC)
    edit(head)
    return [(c.breaking, c.kind, c.operation, c.where) for c in diff(SPEC, head)]


def schema(doc: Doc, name: str) -> Doc:
    found: Doc = doc["components"]["schemas"][name]
    return found


def test_identical_specs_have_no_changes() -> None:
    assert diff(SPEC, copy.deepcopy(SPEC)) == []


def test_operation_removed() -> None:
    assert changed(lambda d: d["paths"].pop("/v3/services")) == [
        (True, "operation removed", "list_services", "GET /v3/services")
    ]


def test_operation_added() -> None:
    def add(d: Doc) -> None:
        d["paths"]["/v3/things"] = {
            "get": {**d["paths"]["/v3/services"]["get"], "operationId": "list_things"}
        }

    assert changed(add) == [(False, "operation added", "list_things", "GET /v3/things")]


def test_operation_renamed_and_moved() -> None:
    def rename(d: Doc) -> None:
        d["paths"]["/v3/services"]["get"]["operationId"] = "get_services"

    assert changed(rename) == [(True, "operation renamed", "list_services", "GET /v3/services")]

    def move(d: Doc) -> None:
        d["paths"]["/v3/service-list"] = d["paths"].pop("/v3/services")

    assert changed(move) == [(True, "operation moved", "list_services", "GET /v3/service-list")]


def test_parameter_removed_added_and_made_required() -> None:
    def remove(d: Doc) -> None:
        d["paths"]["/v3/devices"]["get"]["parameters"].pop()

    assert changed(remove) == [
        (True, "parameter removed", "list_devices", "query parameter location")
    ]

    def add_required(d: Doc) -> None:
        d["paths"]["/v3/devices"]["get"]["parameters"].append(
            {"name": "site", "in": "query", "required": True, "schema": {"type": "string"}}
        )

    assert changed(add_required) == [
        (True, "parameter added", "list_devices", "query parameter site")
    ]

    def add_optional(d: Doc) -> None:
        d["paths"]["/v3/devices"]["get"]["parameters"].append(
            {"name": "site", "in": "query", "schema": {"type": "string"}}
        )

    assert changed(add_optional) == [
        (False, "parameter added", "list_devices", "query parameter site")
    ]

    def require(d: Doc) -> None:
        d["paths"]["/v3/devices"]["get"]["parameters"][-1]["required"] = True

    assert changed(require) == [
        (True, "parameter made required", "list_devices", "query parameter location")
    ]


def test_request_field_made_required_and_added_required() -> None:
    assert changed(
        lambda d: schema(d, "ZoneSettingsUpdate").__setitem__("required", ["email"])
    ) == [(True, "field made required", "update_zone_settings", "body.email")]

    def add(d: Doc) -> None:
        schema(d, "ZoneCreate")["properties"]["kind"] = {"type": "string"}
        schema(d, "ZoneCreate")["required"] = ["name", "kind"]

    assert changed(add) == [(True, "required field added", "create_zone", "body.kind")]


def test_request_body_made_required() -> None:
    def require(d: Doc) -> None:
        d["paths"]["/v3/session/logout"]["post"]["requestBody"]["required"] = True

    assert changed(require) == [(True, "request body made required", "logout", "body")]


def test_type_narrowed_in_request() -> None:
    def narrow(d: Doc) -> None:
        schema(d, "LoginRequest")["properties"]["sliding"] = {"type": "boolean", "default": False}

    assert (True, "type narrowed", "login", "body.sliding") in changed(narrow)


def test_type_widened_in_response() -> None:
    def widen(d: Doc) -> None:
        schema(d, "Port")["properties"]["speed"] = {
            "anyOf": [{"type": "integer"}, {"type": "string"}]
        }

    found = changed(widen)
    assert (True, "type widened", "get_port", "response 200.speed") in found
    assert (True, "type widened", "list_ports", "response 200.results[].speed") in found


def test_enum_value_removed_from_input_and_added_to_output() -> None:
    base = copy.deepcopy(SPEC)
    schema(base, "FlowQuery")["properties"]["metric"]["enum"] = ["bps", "pps"]
    schema(base, "Zone")["properties"]["state"] = {"type": "string", "enum": ["active"]}
    head = copy.deepcopy(base)
    schema(head, "FlowQuery")["properties"]["metric"]["enum"] = ["bps"]
    schema(head, "Zone")["properties"]["state"]["enum"] = ["active", "frozen"]
    found = [(c.breaking, c.kind, c.operation, c.where) for c in diff(base, head)]
    assert (True, "enum value removed", "get_network_flow_timeseries", "body.metric") in found
    assert (True, "enum value added", "create_zone", "response 201.state") in found


def test_response_field_removed_and_no_longer_required() -> None:
    assert (True, "response field removed", "get_port", "response 200.mtu") in changed(
        lambda d: schema(d, "Port")["properties"].pop("mtu")
    )
    assert (True, "field no longer required", "get_port", "response 200.id") in changed(
        lambda d: schema(d, "Port").pop("required")
    )


def test_response_field_added_is_not_breaking() -> None:
    found = changed(
        lambda d: schema(d, "Port")["properties"].__setitem__("vlan", {"type": "integer"})
    )
    assert (False, "field added", "get_port", "response 200.vlan") in found
    assert all(not breaking for breaking, *_ in found)


def test_auth_requirement_added() -> None:
    def secure(d: Doc) -> None:
        d["paths"]["/v3/account/confirm-email"]["post"]["security"] = [{"ApiToken": []}]

    assert changed(secure) == [(True, "auth requirement added", "confirm_email", "security")]


def test_constraints_tightened_and_relaxed() -> None:
    assert changed(
        lambda d: schema(d, "LoginRequest")["properties"]["password"].__setitem__("minLength", 8)
    ) == [(True, "constraint tightened", "login", "body.password")]
    assert changed(
        lambda d: schema(d, "LoginRequest")["properties"]["password"].__setitem__("minLength", 4)
    ) == [(False, "constraint relaxed", "login", "body.password")]


def test_documentation_changes_are_not_breaking() -> None:
    found = changed(lambda d: d["paths"]["/v3/ports"]["get"].__setitem__("description", "Ports."))
    assert found == [(False, "documentation", "list_ports", "summary/description")]


def test_success_status_changed() -> None:
    def status(d: Doc) -> None:
        responses = d["paths"]["/v3/dns/zones"]["post"]["responses"]
        responses["200"] = responses.pop("201")

    assert (True, "success status changed", "create_zone", "responses") in changed(status)


def test_summary_counts_operations() -> None:
    head = copy.deepcopy(SPEC)
    head["paths"].pop("/v3/services")
    schema(head, "Port")["properties"].pop("mtu")
    text = summary(diff(SPEC, head), SPEC, head)
    assert "operations removed: list_services" in text
    assert "operations changed: get_port, list_ports" in text
    assert "operations added: none" in text


def test_cli_exit_status_json_and_allow_breaking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    head = copy.deepcopy(SPEC)
    head["paths"].pop("/v3/services")
    schema(head, "IpAnnouncementCreate")["required"].append("description")
    base_file, head_file = tmp_path / "base.yaml", tmp_path / "head.yaml"
    base_file.write_text(yaml.safe_dump(SPEC))
    head_file.write_text(yaml.safe_dump(head))
    monkeypatch.delenv("ALLOW_BREAKING", raising=False)
    assert main([str(base_file), str(head_file), "--json", str(tmp_path / "d.json")]) == 1
    out = capsys.readouterr().out
    assert "2 breaking" in out and "operation removed: list_services" in out
    assert "field made required: create_ip_announcement body.description" in out
    assert '"kind": "operation removed"' in (tmp_path / "d.json").read_text()
    monkeypatch.setenv("ALLOW_BREAKING", "1")
    assert main([str(base_file), str(head_file)]) == 0


def test_git_refs_are_read(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "scripts/spec_diff.py", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode in (0, 1) and result.stdout.startswith(
        "spec diff HEAD -> working copy"
    )
    bad = subprocess.run(
        [sys.executable, "scripts/spec_diff.py", "no-such-ref-xyz"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert bad.returncode != 0 and "neither a file nor a git ref" in bad.stderr
