"""The read-only network resources: teams, devices, ports (and their optics and usage),
services, cross connects, location time zones."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from misaka_io.testing.stub import seed
from misaka_io.testing.stub.answers import Ctx, handles, not_found
from misaka_io.testing.stub.handlers._time import window


def find(items: list[dict[str, Any]], wanted: Any, what: str) -> dict[str, Any]:
    for item in items:
        if item["id"] == wanted:
            return item
    raise not_found()


@handles("list_teams")
def list_teams(ctx: Ctx) -> Any:
    return ctx.page.envelope(seed.TEAMS)


@handles("list_team_members")
def list_team_members(ctx: Ctx, *, team_id: int) -> Any:
    members = seed.TEAM_MEMBERS.get(team_id)
    if members is None:
        raise not_found()
    return ctx.page.envelope(members)


@handles("list_devices")
def list_devices(ctx: Ctx, *, location: str | None = None) -> Any:
    return ctx.page.envelope(
        [d for d in seed.DEVICES if location is None or d["location"] == location]
    )


@handles("list_ports")
def list_ports(ctx: Ctx, *, device: str | None = None) -> Any:
    return ctx.page.envelope(
        [p for p in ctx.state.ports if device is None or p["device"] == device]
    )


@handles("get_port")
def get_port(ctx: Ctx, *, port_id: str) -> Any:
    return find(ctx.state.ports, port_id, "Port")


@handles("get_port_transceiver_metrics")
def get_port_transceiver_metrics(ctx: Ctx, *, port_id: str) -> Any:
    now = ctx.state.config.clock.now()
    return seed.transceiver(find(ctx.state.ports, port_id, "Port"), seed.iso(now - now % 300))


@handles("get_port_usage_metrics")
def get_port_usage_metrics(ctx: Ctx, *, port_id: str, start: str, end: str, resolution: int) -> Any:
    port = find(ctx.state.ports, port_id, "Port")
    times = window(start, end, resolution, ctx.state.config.max_points)
    peak = port["speed"] * 1_000_000 * 0.6
    seed_ = ctx.state.config.series_seed
    inbound = seed.rate_series(seed_, port["id"] + "/in", times, peak)
    outbound = seed.rate_series(seed_, port["id"] + "/out", times, peak * 0.45)
    return {
        "port_id": port["id"],
        "start": start,
        "end": end,
        "resolution": resolution,
        "points": [
            {"time": seed.iso(t), "in_bps": i, "out_bps": o}
            for (t, i), (_, o) in zip(inbound, outbound, strict=True)
        ],
    }


@handles("list_services")
def list_services(ctx: Ctx) -> Any:
    return ctx.page.envelope(seed.SERVICES)


@handles("list_cross_connects")
def list_cross_connects(ctx: Ctx) -> Any:
    return ctx.page.envelope(seed.CROSS_CONNECTS)


@handles("get_location_timezone")
def get_location_timezone(ctx: Ctx, *, location: str) -> Any:
    code = location.upper()
    if code not in seed.LOCATIONS:
        raise not_found("Unknown location")
    zone = ZoneInfo(seed.LOCATIONS[code])
    offset = datetime.fromtimestamp(ctx.state.config.clock.now(), zone).strftime("%z")
    return {
        "location": code,
        "timezone": seed.LOCATIONS[code],
        "utc_offset": f"{offset[:3]}:{offset[3:]}",
    }
