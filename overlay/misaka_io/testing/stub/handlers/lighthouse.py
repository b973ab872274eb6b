"""Network flow analytics: the flow keys and the flow series."""

from __future__ import annotations

from typing import Any

from misaka_io.testing.stub import seed
from misaka_io.testing.stub.answers import Ctx, handles, invalid
from misaka_io.testing.stub.handlers._time import window

KNOWN_KEYS = frozenset(k["key"] for k in seed.FILTER_KEYS)


@handles("get_filter_keys")
def get_filter_keys(ctx: Ctx) -> Any:
    return ctx.page.envelope(seed.FILTER_KEYS)


def _check_keys(group_by: list[str], filters: list[dict[str, Any]]) -> None:
    for i, key in enumerate(group_by):
        if key not in KNOWN_KEYS:
            raise invalid(["body", "group_by", i], f"Unknown flow key {key!r}; see Get Filter Keys")
    for i, flt in enumerate(filters):
        if flt["key"] not in KNOWN_KEYS:
            raise invalid(["body", "filters", i, "key"], f"Unknown flow key {flt['key']!r}")


@handles("get_network_flow_timeseries")
def get_network_flow_timeseries(ctx: Ctx, *, body: dict[str, Any]) -> Any:
    # JSON Schema counts 300.0 as an integer, so a client may send it that way.
    resolution = int(body.get("resolution", 300))
    times = window(body["start"], body["end"], resolution, ctx.state.config.max_points, "body")
    group_by, filters = body.get("group_by", []), body.get("filters", [])
    _check_keys(group_by, filters)
    groups = [{}] if not group_by else [{k: f"{k}-{n}" for k in group_by} for n in range(3)]
    metric = body.get("metric", "bps")
    filt = repr(sorted((f["key"], tuple(f["values"]), f.get("negate", False)) for f in filters))
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
