"""Network events: listings with filters, one event, its attachments, the count series."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from misaka_io.testing.stub import seed
from misaka_io.testing.stub.answers import Ctx, handles, invalid
from misaka_io.testing.stub.handlers._time import timestamp, window
from misaka_io.testing.stub.handlers.network import find


@dataclass(frozen=True)
class EventFilter:
    related_only: bool
    start: str | None = None
    end: str | None = None
    severity: str | None = None
    resource_type: str | None = None
    resource_id: str | None = None

    def _bound(self, name: str) -> float | None:
        value = getattr(self, name)
        if value is None:
            return None
        try:
            return timestamp(value)
        except ValueError:
            raise invalid(["query", name], "Not an RFC 3339 time") from None

    def _keeps(self, event: dict[str, Any], start: float | None, end: float | None) -> bool:
        began = timestamp(event["started_at"])
        related = event["related"]
        return (
            (not self.related_only or bool(related))
            and self.severity in (None, event["severity"])
            and (start is None or began >= start)
            and (end is None or began < end)
            and (not self.resource_type or any(r["type"] == self.resource_type for r in related))
            and (not self.resource_id or any(r["id"] == self.resource_id for r in related))
        )

    def apply(self) -> list[dict[str, Any]]:
        """The matching events, newest first."""
        start, end = self._bound("start"), self._bound("end")
        kept = [e for e in seed.EVENTS if self._keeps(e, start, end)]
        return sorted(kept, key=lambda e: e["started_at"], reverse=True)


@handles("list_events")
def list_events(
    ctx: Ctx, *, start: str | None = None, end: str | None = None, severity: str | None = None
) -> Any:
    return ctx.page.envelope(EventFilter(False, start, end, severity).apply())


@handles("list_related_events")
def list_related_events(ctx: Ctx, **filters: Any) -> Any:
    return ctx.page.envelope(EventFilter(True, **filters).apply())


@handles("get_related_events_timeseries")
def get_related_events_timeseries(
    ctx: Ctx, *, start: str, end: str, resolution: int, **filters: Any
) -> Any:
    times = window(start, end, resolution, ctx.state.config.max_points)
    starts = [
        (timestamp(e["started_at"]), e["severity"]) for e in EventFilter(True, **filters).apply()
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
def get_event_related(ctx: Ctx, *, event_id: str) -> Any:
    return find(seed.EVENTS, event_id, "Event")


@handles("list_event_attachments")
def list_event_attachments(ctx: Ctx, *, event_id: str) -> Any:
    find(seed.EVENTS, event_id, "Event")
    return ctx.page.envelope(seed.ATTACHMENTS.get(event_id, []))
