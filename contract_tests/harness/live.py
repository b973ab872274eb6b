"""Live mode: check a real server's answers against the spec and write a drift report.

Read-only (GET) operations run by default. Identifiers for paths come from the listings
(a port id from List ports, a zone from List Zones, ...); an operation whose identifier
cannot be found is reported as skipped, with the reason. With ``write=True`` the mutating
operations that can be undone run too, on resources the run creates and deletes again.
Operations that change the account or replace shared state (change password, logout,
shield rules, PTR records) never run.
"""

from __future__ import annotations

import datetime
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from contract_tests.spec import Operation, operations, validator
from misaka_io import APIStatusError, Misaka, MisakaError
from misaka_io._redact import Redactor

NEVER = {
    "change_password": "changes the account's password",
    "logout": "would end the session the run uses",
    "update_shield_rules": "replaces every shield rule of the account",
    "batch_update_ptr_records": "changes reverse DNS of real addresses",
    "login": "needs a password; the run uses an API token",
    "login_with_2fa": "needs a password and a one-time code",
    "refresh_user_token": "needs a session; the run uses an API token",
    "confirm_email": "needs a token from a confirmation email",
}


@dataclass
class Drift:
    operation_id: str
    certainty: str
    request: str = ""
    status: int | None = None
    outcome: str = "skipped"  # conforms | drift | skipped | error
    reason: str = ""
    problems: list[dict[str, str]] = field(default_factory=list)


def _truncate(value: Any, limit: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def schema_problems(op: Operation, status: int, body: Any) -> list[dict[str, str]]:
    """What the answer breaks: JSON path, schema rule and offending value, per failure."""
    response = op.responses().get(str(status))
    if response is None:
        return [
            {
                "path": "$",
                "rule": "status",
                "message": f"status {status} is not declared",
                "value": "",
            }
        ]
    media = response.get("content", {}).get("application/json")
    if media is None:
        return (
            []
            if body is None
            else [
                {
                    "path": "$",
                    "rule": "no content",
                    "message": "a body was sent",
                    "value": _truncate(body),
                }
            ]
        )
    out = []
    for error in sorted(
        validator(media["schema"]).iter_errors(body), key=lambda e: list(e.absolute_path)
    ):
        path = "$" + "".join(
            f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path
        )
        rule = "/".join(str(p) for p in list(error.absolute_schema_path)[-2:])
        out.append(
            {
                "path": path,
                "rule": rule,
                "message": error.message[:200],
                "value": _truncate(error.instance),
            }
        )
    return out


class LiveRun:
    def __init__(self, client: Misaka, redactor: Redactor) -> None:
        self.client = client
        self.redactor = redactor
        self.found: dict[str, Any] = {}
        self.results: dict[str, Drift] = {
            op.operation_id: Drift(op.operation_id, op.certainty) for op in operations()
        }
        self.ops = {op.operation_id: op for op in operations()}

    def call(
        self,
        op_id: str,
        path_params: dict[str, Any] | None = None,
        *,
        params: dict[str, Any] | None = None,
        body: Any = None,
    ) -> Any:
        op = self.ops[op_id]
        path = op.path
        for name, value in (path_params or {}).items():
            path = path.replace("{" + name + "}", quote(str(value), safe=""))
        drift = self.results[op_id]
        drift.request = f"{op.method.upper()} {path}"
        try:
            response = self.client.request(op.method.upper(), path, params=params, json=body)
        except APIStatusError as exc:
            response = exc.response
        except MisakaError as exc:
            drift.outcome, drift.reason = "error", self.redactor.scrub(str(exc))[:300]
            return None
        drift.status = response.status_code
        try:
            data = response.json() if response.content else None
        except ValueError:
            drift.outcome, drift.reason = "drift", "the body is not JSON"
            drift.problems = [
                {
                    "path": "$",
                    "rule": "json",
                    "message": "not JSON",
                    "value": _truncate(response.text),
                }
            ]
            return None
        drift.problems = schema_problems(op, response.status_code, data)
        drift.outcome = "drift" if drift.problems else "conforms"
        if not drift.problems and not 200 <= response.status_code < 300:
            drift.reason = f"answered {response.status_code}; the success shape was not seen"
        return data if 200 <= response.status_code < 300 else None

    def first(self, data: Any, key: str) -> Any:
        try:
            return data["results"][0][key]
        except (TypeError, KeyError, IndexError):
            return None

    def skip(self, op_id: str, reason: str) -> None:
        self.results[op_id].outcome, self.results[op_id].reason = "skipped", reason

    def read_only(self) -> None:
        now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
        window = {"start": (now - datetime.timedelta(hours=1)).isoformat(), "end": now.isoformat()}
        self.call("get_current_user_token")
        for op_id in (
            "list_devices",
            "list_services",
            "list_cross_connects",
            "get_filter_keys",
            "list_shield_rules",
            "list_ip_announcements",
            "list_related_events",
        ):
            self.call(op_id)
        self.call("get_related_events_timeseries", params=window)
        teams = self.call("list_teams")
        ports = self.call("list_ports")
        events = self.call("list_events")
        zones = self.call("list_zones")
        self._with(
            "list_team_members", {"team_id": self.first(teams, "id")}, "no team in List teams"
        )
        port = self.first(ports, "id")
        for op_id in ("get_port", "get_port_transceiver_metrics"):
            self._with(op_id, {"port_id": port}, "no port in List ports")
        self._with(
            "get_port_usage_metrics", {"port_id": port}, "no port in List ports", params=window
        )
        self._with(
            "get_location_timezone",
            {"location": self.first(ports, "location")},
            "no port location found",
        )
        event = self.first(events, "id")
        for op_id in ("get_event_related", "list_event_attachments"):
            self._with(op_id, {"event_id": event}, "no event in Event List All")
        zone = self.first(zones, "name")
        for op_id in ("get_zone_settings", "get_dnssec_configuration", "list_recordsets"):
            self._with(op_id, {"zone": zone}, "no zone in List Zones")
        recordsets = self.call("list_recordsets", {"zone": zone}) if zone else None
        name, rtype = self.first(recordsets, "name"), self.first(recordsets, "type")
        if zone and name and rtype:
            self.call("get_recordset", {"zone": zone, "name": name, "type": rtype})
        else:
            self.skip("get_recordset", "no recordset in List Recordsets")

    def _with(
        self, op_id: str, path: dict[str, Any], reason: str, params: dict[str, Any] | None = None
    ) -> Any:
        if any(v is None for v in path.values()):
            self.skip(op_id, reason)
            return None
        return self.call(op_id, path, params=params)

    def writes(self, prefix: str | None) -> None:
        zone = f"misaka-io-contract-{secrets.token_hex(4)}.example"
        created = self.call("create_zone", body={"name": zone})
        if created is not None:
            try:
                settings = self.call("get_zone_settings", {"zone": zone}) or {}
                self.call(
                    "update_zone_settings",
                    {"zone": zone},
                    body={k: settings[k] for k in ("default_ttl",) if k in settings}
                    or {"default_ttl": 300},
                )
                rs = {"zone": zone, "name": "contract", "type": "TXT"}
                self.call(
                    "create_recordset",
                    rs,
                    body={"records": [{"value": '"misaka-io contract"'}], "ttl": 60},
                )
                self.call(
                    "update_recordset",
                    rs,
                    params={"append": "true"},
                    body={"records": [{"value": '"appended"'}]},
                )
                self.call("delete_recordset", rs)
                self.call(
                    "import_zone",
                    {"zone": zone},
                    body={"zone_file": 'imported 60 IN TXT "misaka-io"\n'},
                )
                self.call("enable_dnssec", {"zone": zone})
                self.call("disable_dnssec", {"zone": zone})
            finally:
                self.call("delete_zone", {"zone": zone})
        else:
            for op_id in (
                "update_zone_settings",
                "create_recordset",
                "update_recordset",
                "delete_recordset",
                "import_zone",
                "enable_dnssec",
                "disable_dnssec",
                "delete_zone",
            ):
                self.skip(op_id, "Create Zone failed")
        if not prefix:
            for op_id in (
                "create_ip_announcement",
                "update_ip_announcement",
                "delete_ip_announcement",
            ):
                self.skip(op_id, "set LIVE_TEST_PREFIX to a prefix of yours that may be announced")
            return
        announcement = self.call(
            "create_ip_announcement",
            body={"prefix": prefix, "origin_asn": 64496, "description": "misaka-io contract test"},
        )
        if isinstance(announcement, dict) and announcement.get("id"):
            try:
                self.call(
                    "update_ip_announcement",
                    {"announcement_id": announcement["id"]},
                    body={"description": "misaka-io contract test (updated)"},
                )
            finally:
                self.call("delete_ip_announcement", {"announcement_id": announcement["id"]})


def run_live(
    base_url: str,
    token: str,
    *,
    write: bool = False,
    prefix: str | None = None,
    transport: httpx.BaseTransport | None = None,
) -> list[Drift]:
    redactor = Redactor()
    redactor.add(token)
    with Misaka(api_token=token, base_url=base_url, max_retries=2, transport=transport) as client:
        run = LiveRun(client, redactor)
        run.read_only()
        if write:
            run.writes(prefix)
    for op_id, reason in NEVER.items():
        run.skip(op_id, reason)
    if not write:
        for op in operations():
            if op.method != "get" and op.operation_id not in NEVER:
                run.skip(op.operation_id, "mutating: runs with LIVE_WRITE=1")
    return list(run.results.values())


def write_report(
    drifts: list[Drift], folder: Path, redact: Callable[[str], str]
) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    data = [d.__dict__ for d in sorted(drifts, key=lambda d: d.operation_id)]
    json_path = folder / "live-drift.json"
    json_path.write_text(redact(json.dumps(data, indent=2, ensure_ascii=False)), encoding="utf-8")
    lines = [
        "# Live drift report",
        "",
        "| operation | certainty | request | status | outcome |",
        "| --- | --- | --- | --- | --- |",
    ]
    for d in sorted(drifts, key=lambda d: d.operation_id):
        status = d.status or ""
        outcome = f"{d.outcome} {d.reason}".strip()
        lines.append(f"| {d.operation_id} | {d.certainty} | `{d.request}` | {status} | {outcome} |")
    for d in sorted(drifts, key=lambda d: d.operation_id):
        if d.problems:
            lines += ["", f"## {d.operation_id} ({d.certainty}): {d.request} -> {d.status}", ""]
            lines += [
                f"- `{p['path']}` breaks `{p['rule']}`: {p['message']} (value: `{p['value']}`)"
                for p in d.problems
            ]
    md_path = folder / "live-drift.md"
    md_path.write_text(redact("\n".join(lines) + "\n"), encoding="utf-8")
    return json_path, md_path
