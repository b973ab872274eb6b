"""BGP announcements of the user's prefixes: list, create (unique prefix), update, delete.

An announcement belongs to the account that created it; another account gets 404.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from misaka_io.testing.stub.answers import Answer, Ctx, Reply, handles, invalid, not_found


def _check_prefix(text: str) -> str:
    try:
        return str(ipaddress.ip_network(text, strict=True))
    except ValueError as exc:
        raise invalid(["body", "prefix"], f"Not a valid IPv4 or IPv6 prefix: {exc}") from None


@handles("list_ip_announcements")
def list_ip_announcements(
    ctx: Ctx, *, prefix: str | None = None, origin_asn: int | None = None
) -> Any:
    account = ctx.user.user.id
    with ctx.state.lock:
        items = [
            a
            for key, a in ctx.state.announcements.items()
            if ctx.state.owns(account, "announcement", key)
        ]
    return ctx.page.envelope(
        [
            a
            for a in items
            if prefix in (None, a["prefix"]) and origin_asn in (None, a["origin_asn"])
        ]
    )


@handles("create_ip_announcement")
def create_ip_announcement(ctx: Ctx, *, body: dict[str, Any]) -> Any:
    prefix = _check_prefix(body["prefix"])
    now = ctx.state.now()
    with ctx.state.lock:
        if any(a["prefix"] == prefix for a in ctx.state.announcements.values()):
            raise Reply(409, {"detail": f"An announcement of {prefix} exists already"})
        item = {
            "id": ctx.state.next_id("ann"),
            "prefix": prefix,
            "origin_asn": body["origin_asn"],
            "communities": body.get("communities", []),
            "description": body.get("description", ""),
            "status": "pending",
            "created_at": now,
            "updated_at": now,
        }
        ctx.state.announcements[item["id"]] = item
        ctx.state.own("announcement", item["id"], ctx.user.user.id)
    return Answer(201, item)


@handles("update_ip_announcement")
def update_ip_announcement(ctx: Ctx, *, announcement_id: str, body: dict[str, Any]) -> Any:
    with ctx.state.lock:
        item = ctx.state.announcements.get(announcement_id)
        if item is None or not ctx.state.owns(ctx.user.user.id, "announcement", announcement_id):
            raise not_found()
        item.update({k: body[k] for k in ("origin_asn", "communities", "description") if k in body})
        item["status"] = "active"
        item["updated_at"] = ctx.state.now()
        return dict(item)


@handles("delete_ip_announcement")
def delete_ip_announcement(ctx: Ctx, *, announcement_id: str) -> Any:
    with ctx.state.lock:
        if not ctx.state.owns(ctx.user.user.id, "announcement", announcement_id):
            raise not_found()
        ctx.state.announcements.pop(announcement_id, None)
        ctx.state.disown("announcement", announcement_id)
    return Answer(204)
