"""DDoS protection rules of the caller's account: list them, or replace them all."""

from __future__ import annotations

import ipaddress
from typing import Any

from misaka_io.testing.stub.answers import Ctx, handles, invalid

RULE_DEFAULTS = {
    "description": "",
    "protocol": "any",
    "source_port": None,
    "destination_port": None,
    "rate_limit_pps": None,
    "enabled": True,
}


def _checked(ctx: Ctx, i: int, rule: dict[str, Any]) -> dict[str, Any]:
    try:
        ipaddress.ip_network(rule["destination"], strict=True)
    except ValueError:
        raise invalid(["body", "rules", i, "destination"], "Not a valid prefix") from None
    if rule["action"] == "rate-limit" and not rule.get("rate_limit_pps"):
        raise invalid(["body", "rules", i, "rate_limit_pps"], "rate-limit needs rate_limit_pps")
    return {**RULE_DEFAULTS, **rule, "id": rule.get("id") or ctx.state.next_id("shr")}


@handles("list_shield_rules")
def list_shield_rules(ctx: Ctx) -> Any:
    with ctx.state.lock:
        return ctx.page.envelope(list(ctx.state.shield_rules.get(ctx.user.user.id, [])))


@handles("update_shield_rules")
def update_shield_rules(ctx: Ctx, *, body: dict[str, Any]) -> Any:
    rules = [_checked(ctx, i, rule) for i, rule in enumerate(body["rules"])]
    with ctx.state.lock:
        ctx.state.shield_rules[ctx.user.user.id] = rules
    return ctx.page.envelope(rules)
