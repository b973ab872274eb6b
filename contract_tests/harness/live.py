"""Live mode: check a real server's answers against the spec and write a drift report.

First the credentials are tried (``preflight``): a 401/403 there stops the run, so a wrong
token cannot produce a report full of "conforms". Then the read-only (GET) operations run;
identifiers for paths come from the listings (a port id from List ports, a zone from List
Zones, ...), and an operation whose identifier cannot be found is skipped, with the reason.
With ``write=True`` the mutating operations that can be undone run too, on resources the
run creates and deletes again: each is registered with ``harness/cleanup.py`` before its
create is sent, so an interrupted run (Ctrl-C, SIGTERM, SIGHUP) or a lost answer still
removes it, and what cannot be removed is reported as left behind. Operations that change
the account or replace shared state (change password, logout, shield rules, PTR records)
never run.

``probe_dns_bases`` asks List Zones under each DNS base the spec names (``/v3/dns`` and the
older ``/dns``, from ``x-misaka-base-paths``) and says which answered: the report shows it.

Each answer goes through the one conformance checker (``contract_tests.conformance``).
Outcomes per operation: ``conforms``, ``drift``, ``unauthorized`` (it only ever answered
401/403), ``error`` (no answer), ``skipped``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx

from contract_tests.conformance import Problem, check
from contract_tests.harness.cleanup import Cleanup, unique_name
from contract_tests.harness.record import Recorder
from contract_tests.harness.secrets import Redact, carries_secrets
from misaka_io import APIStatusError, Misaka, MisakaError
from misaka_io._table_types import operations as table_operations
from misaka_io._table_types import tags as table_tags
from misaka_io.spec import Operation, current

NEVER = {
    "change_password": "changes the account's password",
    "logout": "would end the session the run uses",
    "update_shield_rules": "replaces every shield rule of the account",
    "batch_update_ptr_records": "changes reverse DNS of real addresses",
    "login": "needs a password; the run uses an API token",
    "login_with_2fa": "needs a password and a one-time code",
    "refresh_user_token": "needs a session; the run uses an API token",
    "confirm_email": "needs the token of a confirmation email",
}
DENIED = frozenset({401, 403})
PREFLIGHT = ("GET", "/v3/dns/zones", {"limit": 1})
ZONE_WRITES = (
    "update_zone_settings",
    "create_recordset",
    "update_recordset",
    "delete_recordset",
    "import_zone",
    "enable_dnssec",
    "disable_dnssec",
    "delete_zone",
)
ANNOUNCEMENT_WRITES = ("create_ip_announcement", "update_ip_announcement", "delete_ip_announcement")
GONE = frozenset({404, 410})  # a delete that answers these finds nothing left to remove


class CredentialsRefused(Exception):
    """The server refused the credentials (or could not be reached) before the run began."""


@dataclass
class Drift:
    """What live mode found for one operation (a row of the drift report)."""

    operation_id: str
    certainty: str
    request: str = ""
    status: int | None = None  # the last status seen
    statuses: list[int] = field(default_factory=list)
    outcome: str = "skipped"  # conforms | drift | unauthorized | error | skipped
    success_seen: bool = False  # a 2xx answer conformed: its success shape was seen
    reason: str = ""
    problems: list[Problem] = field(default_factory=list)

    def record(self, status: int, found: list[Problem]) -> None:
        """One answer and what the checker found in it."""
        self.status = status
        self.statuses.append(status)
        self.problems += found
        self.success_seen = self.success_seen or (200 <= status < 300 and not found)
        if all(s in DENIED for s in self.statuses):
            # Refused, whatever the shape of the refusal: nothing about the operation is known.
            self.outcome = "unauthorized"
            self.reason = f"answered only {', '.join(map(str, sorted(set(self.statuses))))}"
        elif self.problems:
            self.outcome, self.reason = "drift", ""
        else:
            self.outcome = "conforms"
            self.reason = "" if self.success_seen else f"answered {status}; success shape not seen"


def preflight(client: Misaka) -> None:
    """Raise ``CredentialsRefused`` unless the server accepts the credentials."""
    method, path, params = PREFLIGHT
    try:
        client.request(method, path, params=params)
    except APIStatusError as exc:
        if exc.status_code in DENIED:
            raise CredentialsRefused(
                f"the server refused the credentials: {method} {path} answered "
                f"{exc.status_code}. Check MISAKA_API_TOKEN (and MISAKA_BASE_URL)."
            ) from None
    except MisakaError as exc:
        raise CredentialsRefused(f"the server could not be reached: {exc}") from None


@dataclass(frozen=True)
class BaseProbe:
    """What List Zones (``GET <base>/zones?limit=1``) answered under each DNS base: a status,
    or why nothing answered."""

    answers: dict[str, int | str]

    @property
    def answered(self) -> list[str]:
        """The bases whose listing succeeded (2xx)."""
        return [b for b, a in self.answers.items() if isinstance(a, int) and 200 <= a < 300]

    def line(self) -> str:
        said = "; ".join(
            f"{base}/zones {answer if isinstance(answer, int) else 'no answer: ' + answer}"
            for base, answer in self.answers.items()
        )
        return f"DNS base: {' and '.join(self.answered) or 'neither'} answered ({said})"

    def as_json(self) -> dict[str, Any]:
        return {"answered": self.answered, "probed": dict(self.answers)}


def probe_dns_bases(client: Misaka) -> BaseProbe:
    """List Zones under the spec's DNS base and under each older one; nothing is changed."""
    bases = table_tags()["dns"]["base_paths"]
    assert bases is not None, "the spec's dns tag names its bases (x-misaka-base-paths)"
    answers: dict[str, int | str] = {}
    for base in (bases["current"], *bases["older"]):
        try:
            answers[base] = client.request("GET", f"{base}/zones", params={"limit": 1}).status_code
        except APIStatusError as exc:
            answers[base] = exc.status_code
        except MisakaError as exc:
            answers[base] = str(exc)[:200]
    return BaseProbe(answers)


def _path(op: Operation, values: dict[str, Any]) -> str:
    path = op.path
    for name, value in values.items():
        path = path.replace("{" + name + "}", quote(str(value), safe=""))
    return path


def first(data: Any, key: str) -> Any:
    """``key`` of the first item of a listing answer, or None."""
    try:
        return data["results"][0][key]
    except (TypeError, KeyError, IndexError):
        return None


def last_hour() -> dict[str, str]:
    """The time window of the series operations: the last hour."""
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    return {"start": (now - datetime.timedelta(hours=1)).isoformat(), "end": now.isoformat()}


class LiveRun:
    def __init__(
        self,
        client: Misaka,
        redact: Redact,
        cleanup: Cleanup | None = None,
        recorder: Recorder | None = None,
    ) -> None:
        self.client = client
        self.recorder = recorder  # record mode: keeps every interaction
        self.redact = redact  # learns the secrets of the answers; masks before any cutting
        self.cleanup = cleanup if cleanup is not None else Cleanup()
        # Which operations there are, and how sure we are of each, is the operation table's;
        # the schemas an answer is checked against are the spec's.
        spec_ops = current().by_id()
        self.ops = {op_id: spec_ops[op_id] for op_id in table_operations()}
        self.results = {
            op_id: Drift(op_id, row["certainty"])
            for op_id, row in sorted(table_operations().items())
        }

    # ---- calling and skipping ----------------------------------------------------------------

    def call(
        self,
        op_id: str,
        path_params: dict[str, Any] | None = None,
        *,
        params: dict[str, Any] | None = None,
        body: Any = None,
    ) -> Any:
        """Call the operation, check its answer; the JSON body of a 2xx answer, else None."""
        op, drift = self.ops[op_id], self.results[op_id]
        path = _path(op, path_params or {})
        drift.request = f"{op.method.upper()} {path}"
        try:
            response = self.client.request(op.method.upper(), path, params=params, json=body)
        except APIStatusError as exc:
            response = exc.response
        except MisakaError as exc:
            drift.outcome, drift.reason = "error", self.redact(str(exc))[:300]
            return None
        data = self._learn(op, response)
        if self.recorder is not None:
            self.recorder.add(op, path_params or {}, response)
        content_type = response.headers.get("content-type", "")
        found = check(op, response.status_code, content_type, response.content, self.redact)
        drift.record(response.status_code, found)
        if not 200 <= response.status_code < 300 or not response.content:
            return None
        return data

    def _learn(self, op: Operation, response: httpx.Response) -> Any:
        """The answer's JSON (None when it is not JSON), its secrets learnt first: the values
        of secret fields, or all of its strings when the operation's answer carries a secret
        (whatever shape it came in)."""
        try:
            data = response.json() if response.content else None
        except (ValueError, RecursionError):
            self.redact.learn(response.text, everything=carries_secrets(op))
            return None
        self.redact.learn(data, everything=carries_secrets(op))
        return data

    def removed(self, op_id: str, path_params: dict[str, Any]) -> bool:
        """Call a delete; True when the object is gone (2xx, or it was not found)."""
        seen = len(self.results[op_id].statuses)
        self.call(op_id, path_params)
        statuses = self.results[op_id].statuses[seen:]
        return bool(statuses) and (200 <= statuses[-1] < 300 or statuses[-1] in GONE)

    def skip(self, op_id: str, reason: str) -> None:
        self.results[op_id].outcome, self.results[op_id].reason = "skipped", reason

    def call_with(
        self, op_id: str, path: dict[str, Any], reason: str, params: dict[str, Any] | None = None
    ) -> Any:
        """Call when every path value was found; otherwise skip with ``reason``."""
        if any(v is None for v in path.values()):
            self.skip(op_id, reason)
            return None
        return self.call(op_id, path, params=params)

    # ---- the read-only operations ------------------------------------------------------------

    def read_only(self) -> None:
        window = last_hour()
        self._plain_reads(window)
        self._team_and_port_reads(window)
        self._event_reads()
        self._dns_reads()

    def _plain_reads(self, window: dict[str, str]) -> None:
        for op_id in (
            "get_current_user_token",
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

    def _team_and_port_reads(self, window: dict[str, str]) -> None:
        teams, ports = self.call("list_teams"), self.call("list_ports")
        self.call_with(
            "list_team_members", {"team_id": first(teams, "id")}, "no team in List teams"
        )
        port = {"port_id": first(ports, "id")}
        for op_id in ("get_port", "get_port_transceiver_metrics"):
            self.call_with(op_id, port, "no port in List ports")
        self.call_with("get_port_usage_metrics", port, "no port in List ports", params=window)
        location = {"location": first(ports, "location")}
        self.call_with("get_location_timezone", location, "no port location found")

    def _event_reads(self) -> None:
        event = {"event_id": first(self.call("list_events"), "id")}
        for op_id in ("get_event_related", "list_event_attachments"):
            self.call_with(op_id, event, "no event in Event List All")

    def _dns_reads(self) -> None:
        zone = {"zone": first(self.call("list_zones"), "name")}
        for op_id in ("get_zone_settings", "get_dnssec_configuration"):
            self.call_with(op_id, zone, "no zone in List Zones")
        recordsets = self.call_with("list_recordsets", zone, "no zone in List Zones")
        named = {**zone, "name": first(recordsets, "name"), "type": first(recordsets, "type")}
        self.call_with("get_recordset", named, "no recordset in List Recordsets")

    # ---- the writes that can be undone -----------------------------------------------------------

    def writes(self, prefix: str | None) -> None:
        # A query sent as a POST: it changes nothing, but runs with the writes as every POST does.
        self.call("get_network_flow_timeseries", body=last_hour())
        zone = f"{unique_name()}.example"
        # Registered first: if the answer to the create is lost, the zone is still removed.
        self.cleanup.add("zone", zone, lambda: self.removed("delete_zone", {"zone": zone}))
        try:
            if self.call("create_zone", body={"name": zone}) is None:
                for op_id in ZONE_WRITES[:-1]:
                    self.skip(op_id, "Create Zone failed")
            else:
                self._zone_writes(zone)
        finally:
            self.cleanup.settle(zone)
        if prefix:
            self._announcement_writes(prefix)
        else:
            for op_id in ANNOUNCEMENT_WRITES:
                self.skip(op_id, "set LIVE_TEST_PREFIX to a prefix of yours that may be announced")

    def _zone_writes(self, zone: str) -> None:
        at = {"zone": zone}
        settings = self.call("get_zone_settings", at) or {}
        self.call(
            "update_zone_settings", at, body={"default_ttl": settings.get("default_ttl", 300)}
        )
        rs = {**at, "name": "contract", "type": "TXT"}
        self.call("create_recordset", rs, body={"records": [{"value": "misaka-io"}], "ttl": 60})
        appended = {"records": [{"value": "appended"}]}
        self.call("update_recordset", rs, params={"append": "true"}, body=appended)
        self.call("delete_recordset", rs)
        self.call("import_zone", at, body={"zone_file": 'imported 60 IN TXT "misaka-io"\n'})
        self.call("enable_dnssec", at)
        self.call("disable_dnssec", at)

    def _announcement_writes(self, prefix: str) -> None:
        marker = unique_name()  # in the description: how a lost create is found again
        body = {"prefix": prefix, "origin_asn": 64496, "description": f"{marker} (misaka-io)"}
        ids: list[str] = []
        label = f"{marker} ({prefix})"
        self.cleanup.add(
            "IP announcement", label, lambda: self._remove_announcements(ids, prefix, marker)
        )
        try:
            created = self.call("create_ip_announcement", body=body)
            if isinstance(created, dict) and isinstance(created.get("id"), str):
                ids.append(created["id"])
                update = {"description": f"{marker} (misaka-io, updated)"}
                self.call("update_ip_announcement", {"announcement_id": ids[0]}, body=update)
        finally:
            self.cleanup.settle(label)

    def _remove_announcements(self, ids: list[str], prefix: str, marker: str) -> bool:
        """Delete the run's announcement; without its id (the create's answer was lost),
        find it first by its prefix and the marker in its description."""
        if not ids:
            found = self.call("list_ip_announcements", params={"prefix": prefix, "limit": 100})
            if not isinstance(found, dict) or not isinstance(found.get("results"), list):
                return False
            ids += [
                a["id"]
                for a in found["results"]
                if isinstance(a, dict)
                and isinstance(a.get("id"), str)
                and marker in str(a.get("description", ""))
            ]
        gone = [self.removed("delete_ip_announcement", {"announcement_id": i}) for i in ids]
        return all(gone)

    def skip_the_rest(self, write: bool) -> None:
        for op_id, reason in NEVER.items():
            self.skip(op_id, reason)
        for op_id, op in self.ops.items():
            if not write and op.method != "get" and op_id not in NEVER:
                self.skip(op_id, "mutating: runs with LIVE_WRITE=1")
            elif not self.results[op_id].statuses and not self.results[op_id].reason:
                stopped = self.cleanup.interrupted
                self.skip(
                    op_id,
                    f"not reached: {stopped} stopped the run"
                    if stopped
                    else "live mode has no call for it yet",
                )


def run_live(
    base_url: str,
    token: str,
    *,
    write: bool = False,
    prefix: str | None = None,
    transport: httpx.BaseTransport | None = None,
    redact: Redact | None = None,
    cleanup: Cleanup | None = None,
    recorder: Recorder | None = None,
) -> list[Drift]:
    """Check the server; ``CredentialsRefused`` when it does not take the token. ``redact``
    learns the secrets seen in the answers (pass the one the report is written with).
    Ctrl-C, SIGTERM and SIGHUP stop the checks, not the cleanup: ``cleanup`` then tells which
    signal (``interrupted``) and what could not be removed (``left_behind``). ``recorder``
    (record mode) keeps every interaction."""
    redact = redact if redact is not None else Redact(token)
    cleanup = cleanup if cleanup is not None else Cleanup()
    with (
        cleanup.signals(),
        Misaka(api_token=token, base_url=base_url, max_retries=2, transport=transport) as client,
    ):
        run = LiveRun(client, redact, cleanup, recorder)
        try:
            preflight(client)
            run.read_only()
            if write:
                run.writes(prefix)
        except KeyboardInterrupt:  # cleanup.interrupted names the signal (Ctrl-C if none)
            cleanup.interrupted = cleanup.interrupted or "SIGINT"
        finally:
            cleanup.finish()
    run.skip_the_rest(write)
    return list(run.results.values())
