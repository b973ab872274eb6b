"""What each operation does. Requests reach these already routed, authenticated and
validated against the spec (``spec_router.py``); a handler only adds the domain rules the
schema cannot say (a valid CIDR, a unique prefix, an existing zone) and the state changes.
"""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from contract_tests.stub import seed
from contract_tests.stub.auth import AuthFailed, Principal, Sessions
from contract_tests.stub.config import STUB_OTP, StubConfig


class Reply(Exception):
    """An answer other than the handler's normal one (raised to stop the handler)."""

    def __init__(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        super().__init__(status)
        self.status, self.body, self.headers = status, body, headers or {}


def not_found(what: str = "Not found") -> Reply:
    return Reply(404, {"detail": what})


def invalid(loc: list[str | int], msg: str, kind: str = "value_error") -> Reply:
    return Reply(422, {"detail": [{"type": kind, "loc": loc, "msg": msg}]})


@dataclass
class Ctx:
    state: State
    principal: Principal | None
    params: dict[str, Any]
    body: Any
    url: str  # the request URL without its query, for paging links
    query: list[tuple[str, str]]


@dataclass
class State:
    """Everything the stub remembers; one instance per app (``create_app`` makes a new one)."""

    config: StubConfig
    sessions: Sessions = field(init=False)
    lock: threading.RLock = field(default_factory=threading.RLock)
    announcements: dict[str, dict[str, Any]] = field(default_factory=dict)
    zones: dict[str, dict[str, Any]] = field(default_factory=dict)
    recordsets: dict[str, dict[tuple[str, str], dict[str, Any]]] = field(default_factory=dict)
    zone_settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    dnssec: dict[str, dict[str, Any]] = field(default_factory=dict)
    ptr: dict[str, str] = field(default_factory=dict)
    shield_rules: list[dict[str, Any]] = field(default_factory=list)
    confirm_tokens: set[str] = field(default_factory=lambda: {"confirm-5d41402abc4b2a76b9719d91"})
    counter: int = 0

    def __post_init__(self) -> None:
        self.sessions = Sessions(self.config)
        self._add_zone("example.net")
        self.recordsets["example.net"][("www", "A")] = {
            "name": "www",
            "type": "A",
            "ttl": 300,
            "records": [{"value": "203.0.113.10"}],
            "filters": [],
        }
        self.shield_rules = [
            {
                "id": "shr-001",
                "description": "Drop NTP amplification",
                "destination": "203.0.113.0/24",
                "protocol": "udp",
                "source_port": 123,
                "destination_port": None,
                "action": "drop",
                "rate_limit_pps": None,
                "enabled": True,
            },
        ]

    def next_id(self, prefix: str) -> str:
        with self.lock:
            self.counter += 1
            return f"{prefix}-{self.counter:06d}"

    def now(self) -> str:
        return seed.iso(self.config.clock.now())

    def _add_zone(self, name: str) -> dict[str, Any]:
        zone = {
            "name": name,
            "nameservers": ["ns1.m1ns.com", "ns2.m1ns.net"],
            "dnssec_enabled": False,
            "created_at": self.now(),
        }
        self.zones[name] = zone
        self.recordsets[name] = {}
        self.counter += 1
        self.zone_settings[name] = {
            "id": 88000 + self.counter,
            "zone": name,
            "default_ttl": 300,
            "soa_email": f"hostmaster@{name}",
            "refresh": 3600,
            "retry": 600,
            "expire": 1209600,
            "minimum_ttl": 60,
        }
        return zone


Handler = Callable[[Ctx], Any]
HANDLERS: dict[str, Handler] = {}
CREATED = 201


def handles(operation_id: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        HANDLERS[operation_id] = fn
        return fn

    return register


def page(ctx: Ctx, items: list[Any]) -> dict[str, Any]:
    """The listing envelope of the spec: limit/offset over ``items``."""
    limit, offset = ctx.params.get("limit", 100), min(ctx.params.get("offset", 0), len(items))
    chunk = items[offset : offset + limit]
    others = [(k, v) for k, v in ctx.query if k not in {"limit", "offset"}]

    def link(at: int) -> str:
        return f"{ctx.url}?{urlencode([*others, ('limit', limit), ('offset', at)])}"

    return {
        "count": len(items),
        "next": link(offset + limit) if offset + limit < len(items) else None,
        "previous": link(max(offset - limit, 0)) if offset > 0 else None,
        "results": chunk,
    }


def user_of(ctx: Ctx) -> Principal:
    assert ctx.principal is not None  # the router authenticates secured operations
    return ctx.principal


# ---- session and account ------------------------------------------------------------------


def _user_body(ctx: Ctx, user_id: int, *, with_services: bool) -> dict[str, Any]:
    user = ctx.state.sessions.users[user_id]
    teams = [
        {**t, "id": str(t["id"]) if with_services else t["id"]}
        for t in seed.TEAMS
        if any(m["id"] == user_id for m in seed.TEAM_MEMBERS[t["id"]])
    ]
    body: dict[str, Any] = {
        "id": user.id,
        "email": user.email,
        "avatar_url": f"https://www.gravatar.com/avatar/{user.id:x}",
        "username": user.email.split("@")[0],
        "first_name": user.first_name,
        "last_name": user.last_name,
        "display_name": f"{user.first_name} {user.last_name}",
        "country": "JP",
        "is_staff": False,
        "whmcs_uuid": f"8d2f6a0c-3b7e-4f51-9a1d-{user.id:012d}",
        "teams": teams,
    }
    if with_services:
        body["services"] = [s["kind"] for s in seed.SERVICES]
        body["modules"] = [{"name": "lighthouse", "tier": "standard"}]
    return body


def _login(ctx: Ctx, otp: str | None) -> dict[str, Any]:
    body = ctx.body
    email = body.get("email") or body.get("username")
    user = ctx.state.sessions.check_password(email, body["password"])
    if user is None:
        raise Reply(401, {"detail": "Unable to log in with provided credentials"})
    if user.two_factor and otp is None:
        return {"detail": "Two-factor authentication required: call login with 2FA"}
    if user.two_factor and otp != STUB_OTP:
        raise Reply(401, {"detail": "Invalid two-factor code"})
    tokens = ctx.state.sessions.open_session(user, bool(body.get("sliding")))
    out = {
        "detail": "Login successful",
        "user": _user_body(ctx, user.id, with_services=True),
        "access": tokens["access"],
        "refresh": tokens["refresh"],
        "access_token": tokens["access"],
        "refresh_token": tokens["refresh"],
    }
    if "sliding" in tokens:
        out["sliding_token"] = tokens["sliding"]
    return out


@handles("login")
def login(ctx: Ctx) -> Any:
    return _login(ctx, None)


@handles("login_with_2fa")
def login_with_2fa(ctx: Ctx) -> Any:
    return _login(ctx, ctx.body["otp"])


@handles("refresh_user_token")
def refresh_user_token(ctx: Ctx) -> Any:
    try:
        user, tokens = ctx.state.sessions.refresh(ctx.body["refresh"])
    except AuthFailed as exc:
        raise Reply(401, {"detail": exc.detail}) from None
    user_body = _user_body(ctx, user.id, with_services=False)
    etag = f'W/"{abs(hash(repr(sorted(user_body.items())))) % 16**6:06x}"'
    return {**tokens, "user_etag": etag, "user": user_body}


@handles("logout")
def logout(ctx: Ctx) -> Any:
    refresh = (ctx.body or {}).get("refresh")
    ctx.state.sessions.logout(user_of(ctx), refresh)
    return {"success": True}


@handles("get_current_user_token")
def get_current_user_token(ctx: Ctx) -> Any:
    user = user_of(ctx).user
    tokens = [t for t, uid in ctx.state.sessions.api_tokens.items() if uid == user.id]
    token = tokens[0] if tokens else f"stub-user-token-{user.id}"
    return {"token": token, "created_at": "2026-03-02T09:15:00Z"}


@handles("change_password")
def change_password(ctx: Ctx) -> Any:
    principal = user_of(ctx)
    sessions = ctx.state.sessions
    if sessions.check_password(principal.user.email, ctx.body["current_password"]) is None:
        raise Reply(400, {"detail": "Current password is incorrect"})
    sessions.set_password(principal.user.id, ctx.body["new_password"])
    if ctx.body.get("logout_all_sessions"):
        sessions.revoke_all(principal.user.id, keep=principal.session_id)
    return {"success": True}


@handles("confirm_email")
def confirm_email(ctx: Ctx) -> Any:
    with ctx.state.lock:
        if ctx.body["token"] not in ctx.state.confirm_tokens:
            raise Reply(400, {"detail": "The confirmation token is invalid or was used"})
        ctx.state.confirm_tokens.discard(ctx.body["token"])
    return {"success": True}


# ---- read-only resources ------------------------------------------------------------------


@handles("list_teams")
def list_teams(ctx: Ctx) -> Any:
    return page(ctx, seed.TEAMS)


@handles("list_team_members")
def list_team_members(ctx: Ctx) -> Any:
    members = seed.TEAM_MEMBERS.get(ctx.params["team_id"])
    if members is None:
        raise not_found("Team not found")
    return page(ctx, members)


@handles("list_devices")
def list_devices(ctx: Ctx) -> Any:
    loc = ctx.params.get("location")
    return page(ctx, [d for d in seed.DEVICES if loc is None or d["location"] == loc])


@handles("list_ports")
def list_ports(ctx: Ctx) -> Any:
    dev = ctx.params.get("device")
    return page(ctx, [p for p in seed.PORTS if dev is None or p["device"] == dev])


def _find(items: list[dict[str, Any]], wanted: Any, what: str) -> dict[str, Any]:
    for item in items:
        if item["id"] == wanted:
            return item
    raise not_found(f"{what} not found")


def _port(ctx: Ctx) -> dict[str, Any]:
    return _find(seed.PORTS, ctx.params["port_id"], "Port")


@handles("get_port")
def get_port(ctx: Ctx) -> Any:
    return _port(ctx)


@handles("get_port_transceiver_metrics")
def get_port_transceiver_metrics(ctx: Ctx) -> Any:
    now = ctx.state.config.clock.now()
    return seed.transceiver(_port(ctx), seed.iso(now - now % 300))


def _window(ctx: Ctx, resolution: int) -> range:
    start, end = ctx.params["start"], ctx.params["end"]
    try:
        t0, t1 = (datetime.fromisoformat(v.replace("Z", "+00:00")) for v in (start, end))
        if t0.tzinfo is None or t1.tzinfo is None:
            raise ValueError
        begin, finish = t0.timestamp(), t1.timestamp()
    except (ValueError, OverflowError, OSError):
        raise invalid(
            ["query", "start"], "start and end must be RFC 3339 times with an offset"
        ) from None
    if finish <= begin:
        raise invalid(["query", "end"], "end must be after start")
    if (finish - begin) / resolution > ctx.state.config.max_points:
        raise invalid(
            ["query", "resolution"],
            f"The window holds more than {ctx.state.config.max_points} points at this resolution",
        )
    return seed.bucket_times(begin, finish, resolution)


@handles("get_port_usage_metrics")
def get_port_usage_metrics(ctx: Ctx) -> Any:
    port = _port(ctx)
    resolution = ctx.params["resolution"]
    times = _window(ctx, resolution)
    peak = port["speed"] * 1_000_000 * 0.6
    seed_ = ctx.state.config.series_seed
    inbound = seed.rate_series(seed_, port["id"] + "/in", times, peak)
    outbound = seed.rate_series(seed_, port["id"] + "/out", times, peak * 0.45)
    return {
        "port_id": port["id"],
        "start": ctx.params["start"],
        "end": ctx.params["end"],
        "resolution": resolution,
        "points": [
            {"time": seed.iso(t), "in_bps": i, "out_bps": o}
            for (t, i), (_, o) in zip(inbound, outbound, strict=True)
        ],
    }


@handles("list_services")
def list_services(ctx: Ctx) -> Any:
    return page(ctx, seed.SERVICES)


@handles("list_cross_connects")
def list_cross_connects(ctx: Ctx) -> Any:
    return page(ctx, seed.CROSS_CONNECTS)


@handles("get_filter_keys")
def get_filter_keys(ctx: Ctx) -> Any:
    return page(ctx, seed.FILTER_KEYS)


@handles("get_location_timezone")
def get_location_timezone(ctx: Ctx) -> Any:
    code = ctx.params["location"].upper()
    if code not in seed.LOCATIONS:
        raise not_found("Unknown location")
    zone = ZoneInfo(seed.LOCATIONS[code])
    offset = datetime.fromtimestamp(ctx.state.config.clock.now(), zone).strftime("%z")
    return {
        "location": code,
        "timezone": seed.LOCATIONS[code],
        "utc_offset": f"{offset[:3]}:{offset[3:]}",
    }


@handles("get_network_flow_timeseries")
def get_network_flow_timeseries(ctx: Ctx) -> Any:
    body = ctx.body
    # JSON Schema counts 300.0 as an integer, so a client may send it that way.
    resolution = int(body.get("resolution", 300))
    ctx.params.update(start=body["start"], end=body["end"])
    try:
        times = _window(ctx, resolution)
    except Reply as reply:
        for item in reply.body["detail"]:
            item["loc"] = ["body", item["loc"][1]]
        raise
    known = {k["key"] for k in seed.FILTER_KEYS}
    for i, key in enumerate(body.get("group_by", [])):
        if key not in known:
            raise invalid(["body", "group_by", i], f"Unknown flow key {key!r}; see Get Filter Keys")
    for i, flt in enumerate(body.get("filters", [])):
        if flt["key"] not in known:
            raise invalid(["body", "filters", i, "key"], f"Unknown flow key {flt['key']!r}")
    group_by = body.get("group_by", [])
    groups = [{}] if not group_by else [{k: f"{k}-{n}" for k in group_by} for n in range(3)]
    metric = body.get("metric", "bps")
    filt = repr(
        sorted(
            (f["key"], tuple(f["values"]), f.get("negate", False)) for f in body.get("filters", [])
        )
    )
    series = []
    for labels in groups:
        key = f"{metric}|{sorted(labels.items())}|{filt}"
        points = seed.rate_series(
            ctx.state.config.series_seed, key, times, 2e9 if metric == "bps" else 2e5
        )
        series.append(
            {"labels": labels, "points": [{"time": seed.iso(t), "value": v} for t, v in points]}
        )
    return {
        "start": body["start"],
        "end": body["end"],
        "resolution": resolution,
        "metric": metric,
        "series": series,
    }


# ---- events ------------------------------------------------------------------------------------


def _events(ctx: Ctx, related_only: bool) -> list[dict[str, Any]]:
    def ts(text: str) -> float:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()

    def bound(name: str) -> float | None:
        value = ctx.params.get(name)
        if value is None:
            return None
        try:
            return ts(value)
        except ValueError:
            raise invalid(["query", name], "Not an RFC 3339 time") from None

    start, end = bound("start"), bound("end")
    rtype, rid = ctx.params.get("resource_type"), ctx.params.get("resource_id")
    out = []
    for event in seed.EVENTS:
        if related_only and not event["related"]:
            continue
        if ctx.params.get("severity") not in (None, event["severity"]):
            continue
        if start is not None and ts(event["started_at"]) < start:
            continue
        if end is not None and ts(event["started_at"]) >= end:
            continue
        if rtype and not any(r["type"] == rtype for r in event["related"]):
            continue
        if rid and not any(r["id"] == rid for r in event["related"]):
            continue
        out.append(event)
    return sorted(out, key=lambda e: e["started_at"], reverse=True)


@handles("list_events")
def list_events(ctx: Ctx) -> Any:
    return page(ctx, _events(ctx, related_only=False))


@handles("list_related_events")
def list_related_events(ctx: Ctx) -> Any:
    return page(ctx, _events(ctx, related_only=True))


@handles("get_related_events_timeseries")
def get_related_events_timeseries(ctx: Ctx) -> Any:
    resolution = ctx.params["resolution"]
    times = _window(ctx, resolution)
    start, end = ctx.params.pop("start"), ctx.params.pop("end")
    events = _events(ctx, related_only=True)
    starts = [
        (datetime.fromisoformat(e["started_at"].replace("Z", "+00:00")).timestamp(), e["severity"])
        for e in events
    ]
    points = []
    for t in times:
        counts: dict[str, int] = {}
        for when, severity in starts:
            if t <= when < t + resolution:
                counts[severity] = counts.get(severity, 0) + 1
        points.append({"time": seed.iso(t), "count": sum(counts.values()), "by_severity": counts})
    return {"start": start, "end": end, "resolution": resolution, "points": points}


@handles("get_event_related")
def get_event_related(ctx: Ctx) -> Any:
    return _find(seed.EVENTS, ctx.params["event_id"], "Event")


@handles("list_event_attachments")
def list_event_attachments(ctx: Ctx) -> Any:
    get_event_related(ctx)
    return page(ctx, seed.ATTACHMENTS.get(ctx.params["event_id"], []))


# ---- IP announcements --------------------------------------------------------------------------


def _check_prefix(text: str) -> str:
    try:
        return str(ipaddress.ip_network(text, strict=True))
    except ValueError as exc:
        raise invalid(["body", "prefix"], f"Not a valid IPv4 or IPv6 prefix: {exc}") from None


@handles("list_ip_announcements")
def list_ip_announcements(ctx: Ctx) -> Any:
    prefix, asn = ctx.params.get("prefix"), ctx.params.get("origin_asn")
    with ctx.state.lock:
        items = list(ctx.state.announcements.values())
    return page(
        ctx, [a for a in items if prefix in (None, a["prefix"]) and asn in (None, a["origin_asn"])]
    )


@handles("create_ip_announcement")
def create_ip_announcement(ctx: Ctx) -> Any:
    prefix = _check_prefix(ctx.body["prefix"])
    now = ctx.state.now()
    with ctx.state.lock:
        if any(a["prefix"] == prefix for a in ctx.state.announcements.values()):
            raise Reply(409, {"detail": f"An announcement of {prefix} exists already"})
        item = {
            "id": ctx.state.next_id("ann"),
            "prefix": prefix,
            "origin_asn": ctx.body["origin_asn"],
            "communities": ctx.body.get("communities", []),
            "description": ctx.body.get("description", ""),
            "status": "pending",
            "created_at": now,
            "updated_at": now,
        }
        ctx.state.announcements[item["id"]] = item
    return CREATED, item


@handles("update_ip_announcement")
def update_ip_announcement(ctx: Ctx) -> Any:
    with ctx.state.lock:
        item = ctx.state.announcements.get(ctx.params["announcement_id"])
        if item is None:
            raise not_found("Announcement not found")
        for key in ("origin_asn", "communities", "description"):
            if key in ctx.body:
                item[key] = ctx.body[key]
        item["status"] = "active"
        item["updated_at"] = ctx.state.now()
        return dict(item)


@handles("delete_ip_announcement")
def delete_ip_announcement(ctx: Ctx) -> Any:
    with ctx.state.lock:
        if ctx.state.announcements.pop(ctx.params["announcement_id"], None) is None:
            raise not_found("Announcement not found")
    return 204, None


# ---- shield ----------------------------------------------------------------------------------


@handles("list_shield_rules")
def list_shield_rules(ctx: Ctx) -> Any:
    with ctx.state.lock:
        return page(ctx, list(ctx.state.shield_rules))


@handles("update_shield_rules")
def update_shield_rules(ctx: Ctx) -> Any:
    rules = []
    for i, rule in enumerate(ctx.body["rules"]):
        try:
            ipaddress.ip_network(rule["destination"], strict=True)
        except ValueError:
            raise invalid(["body", "rules", i, "destination"], "Not a valid prefix") from None
        if rule["action"] == "rate-limit" and not rule.get("rate_limit_pps"):
            raise invalid(["body", "rules", i, "rate_limit_pps"], "rate-limit needs rate_limit_pps")
        rules.append(
            {
                "description": "",
                "protocol": "any",
                "source_port": None,
                "destination_port": None,
                "rate_limit_pps": None,
                "enabled": True,
                **rule,
                "id": rule.get("id") or ctx.state.next_id("shr"),
            }
        )
    with ctx.state.lock:
        ctx.state.shield_rules = rules
    return {"count": len(rules), "next": None, "previous": None, "results": rules}


# ---- DNS ----------------------------------------------------------------------------------------


def _zone(ctx: Ctx) -> str:
    name = ctx.params["zone"].lower()
    if name not in ctx.state.zones:
        raise not_found("Zone not found")
    return name


@handles("batch_update_ptr_records")
def batch_update_ptr_records(ctx: Ctx) -> Any:
    parsed = []
    for i, rec in enumerate(ctx.body["records"]):
        try:
            parsed.append((str(ipaddress.ip_address(rec["ip"])), rec["ptr"]))
        except ValueError:
            raise invalid(["body", "records", i, "ip"], "Not an IP address") from None
    with ctx.state.lock:
        for ip, ptr in parsed:
            if ptr is None:
                ctx.state.ptr.pop(ip, None)
            else:
                ctx.state.ptr[ip] = ptr.rstrip(".")
        records = [{"ip": ip, "ptr": ctx.state.ptr.get(ip)} for ip, _ in parsed]
    return {"updated": len(parsed), "records": records}


@handles("list_zones")
def list_zones(ctx: Ctx) -> Any:
    with ctx.state.lock:
        return page(ctx, [dict(z) for z in ctx.state.zones.values()])


@handles("create_zone")
def create_zone(ctx: Ctx) -> Any:
    name = ctx.body["name"].lower()
    with ctx.state.lock:
        if name in ctx.state.zones:
            raise Reply(409, {"detail": f"Zone {name} exists already"})
        return CREATED, dict(ctx.state._add_zone(name))


@handles("delete_zone")
def delete_zone(ctx: Ctx) -> Any:
    with ctx.state.lock:
        name = _zone(ctx)
        for table in (
            ctx.state.zones,
            ctx.state.recordsets,
            ctx.state.zone_settings,
            ctx.state.dnssec,
        ):
            table.pop(name, None)
    return 204, None


KNOWN_TYPES = {"A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV", "CAA", "PTR", "ALIAS", "SOA"}


@handles("import_zone")
def import_zone(ctx: Ctx) -> Any:
    with ctx.state.lock:
        zone = _zone(ctx)
        default_ttl = ctx.state.zone_settings[zone]["default_ttl"]
    parsed: dict[tuple[str, str], dict[str, Any]] = {}
    ttl = default_ttl
    for number, raw in enumerate(ctx.body["zone_file"].splitlines(), start=1):
        line = raw.split(";", 1)[0].rstrip()
        if not line.strip():
            continue
        words = line.split()
        if words[0].upper() == "$TTL" and len(words) == 2 and words[1].isdigit():
            ttl = int(words[1])
            continue
        if words[0].upper() == "$ORIGIN":
            continue
        name = words.pop(0) if not raw[0].isspace() else "@"
        record_ttl = ttl
        if words and words[0].isdigit():
            record_ttl = int(words.pop(0))
        if words and words[0].upper() == "IN":
            words.pop(0)
        if len(words) < 2 or words[0].upper() not in KNOWN_TYPES:
            raise invalid(
                ["body", "zone_file", number], f"Cannot read line {number}: {raw.strip()[:80]!r}"
            )
        rtype, value = words[0].upper(), " ".join(words[1:])
        if name.endswith("."):
            name = name[:-1]
            name = "@" if name.lower() == zone else name.lower().removesuffix("." + zone)
        key = (name, rtype)
        entry = parsed.setdefault(
            key, {"name": name, "type": rtype, "ttl": record_ttl, "records": [], "filters": []}
        )
        entry["records"].append({"value": value})
    with ctx.state.lock:
        if zone not in ctx.state.zones:
            raise not_found("Zone not found")
        table = ctx.state.recordsets[zone]
        if ctx.body.get("replace"):
            table.clear()
        table.update(parsed)
    return {
        "imported": sum(len(r["records"]) for r in parsed.values()),
        "recordsets": list(parsed.values()),
    }


@handles("get_zone_settings")
def get_zone_settings(ctx: Ctx) -> Any:
    with ctx.state.lock:
        return dict(ctx.state.zone_settings[_zone(ctx)])


@handles("update_zone_settings")
def update_zone_settings(ctx: Ctx) -> Any:
    with ctx.state.lock:
        settings = ctx.state.zone_settings[_zone(ctx)]
        settings.update(
            {k: v for k, v in ctx.body.items() if k in settings and k not in {"id", "zone"}}
        )
        return dict(settings)


@handles("get_dnssec_configuration")
def get_dnssec_configuration(ctx: Ctx) -> Any:
    with ctx.state.lock:
        config = ctx.state.dnssec.get(_zone(ctx))
    if config is None:
        raise not_found("DNSSEC is not enabled for this zone")
    return config


@handles("enable_dnssec")
def enable_dnssec(ctx: Ctx) -> Any:
    with ctx.state.lock:
        zone = _zone(ctx)
        tag = seed._text_seed(zone) % 65535
        digest = f"{seed._mix(tag):016X}" * 4
        state = {
            "enabled": True,
            "algorithm": "ECDSAP256SHA256",
            "keys": [
                {
                    "key_tag": tag,
                    "flags": 257,
                    "algorithm": 13,
                    "public_key": f"stub{seed._mix(tag + 1):x}{seed._mix(tag + 2):x}==",
                    "ds": f"{tag} 13 2 {digest}",
                }
            ],
        }
        ctx.state.dnssec[zone] = state
        ctx.state.zones[zone]["dnssec_enabled"] = True
        return state


@handles("disable_dnssec")
def disable_dnssec(ctx: Ctx) -> Any:
    with ctx.state.lock:
        zone = _zone(ctx)
        ctx.state.dnssec.pop(zone, None)
        ctx.state.zones[zone]["dnssec_enabled"] = False
    return 204, None


@handles("list_recordsets")
def list_recordsets(ctx: Ctx) -> Any:
    search, name = ctx.params.get("search"), ctx.params.get("name")
    with ctx.state.lock:
        items = list(ctx.state.recordsets[_zone(ctx)].values())
    items = [
        r
        for r in items
        if (search is None or search.lower() in r["name"].lower())
        and (name is None or r["name"].lower() == name.lower())
    ]
    return page(ctx, sorted(items, key=lambda r: (r["name"], r["type"])))


def _rs_key(ctx: Ctx) -> tuple[str, tuple[str, str]]:
    return _zone(ctx), (ctx.params["name"].lower(), ctx.params["type"].upper())


def _recordset(ctx: Ctx) -> dict[str, Any]:
    """The recordset the path names (call with the state lock held)."""
    zone, key = _rs_key(ctx)
    found = ctx.state.recordsets[zone].get(key)
    if found is None:
        raise not_found("Recordset not found")
    return found


@handles("get_recordset")
def get_recordset(ctx: Ctx) -> Any:
    with ctx.state.lock:
        return _recordset(ctx)


@handles("create_recordset")
def create_recordset(ctx: Ctx) -> Any:
    with ctx.state.lock:
        zone, key = _rs_key(ctx)
        table = ctx.state.recordsets[zone]
        if key in table:
            raise Reply(409, {"detail": f"Recordset {key[0]} {key[1]} exists already"})
        item = {
            "name": key[0],
            "type": key[1],
            "ttl": ctx.body.get("ttl", ctx.state.zone_settings[zone]["default_ttl"]),
            "records": ctx.body["records"],
            "filters": ctx.body.get("filters", []),
        }
        table[key] = item
        return CREATED, item


@handles("update_recordset")
def update_recordset(ctx: Ctx) -> Any:
    with ctx.state.lock:
        item = _recordset(ctx)
        if ctx.params.get("append"):
            have = {r["value"] for r in item["records"]}
            item["records"] = item["records"] + [
                r for r in ctx.body["records"] if r["value"] not in have
            ]
        else:
            item["records"] = ctx.body["records"]
        for key_ in ("ttl", "filters"):
            if key_ in ctx.body:
                item[key_] = ctx.body[key_]
        return dict(item)


@handles("delete_recordset")
def delete_recordset(ctx: Ctx) -> Any:
    with ctx.state.lock:
        zone, key = _rs_key(ctx)
        if ctx.state.recordsets[zone].pop(key, None) is None:
            raise not_found("Recordset not found")
    return 204, None
