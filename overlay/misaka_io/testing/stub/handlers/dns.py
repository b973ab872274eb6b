"""DNS: zones, their settings, import, DNSSEC, recordsets, and reverse DNS (PTR).

The recorded operations answer as recorded: settings and recordsets in their exact shapes,
200 on create, 202 with ``{"detail": "Object deleted."}`` on delete, ``Not found.`` for
what does not exist, and a listing that ignores ``name`` (the recorded answers did). A
zone or recordset name, TTL or record value the API refuses, or a CNAME that breaks the CNAME
rules, answers 400 with a field error (422 for Import Zone, whose spec lists no 400;
inferred: no recording shows one), decided by the stub's ``rules`` (the client's own
checks) so that the two cannot drift apart; an import stores nothing when one of its
recordsets breaks them.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from misaka_io.testing.stub import rules, seed, zonefile, zones
from misaka_io.testing.stub.answers import Answer, Ctx, Reply, handles, invalid, not_found

DELETED = {"detail": "Object deleted."}


def _zone(ctx: Ctx, zone: str) -> str:
    """The zone's key (call with the state lock held); 404 when the account has none."""
    name = zone.lower()
    if name not in ctx.state.zones or not ctx.state.owns(ctx.user.user.id, "zone", name):
        raise not_found()
    return name


def _key(name: str, type: str) -> tuple[str, str]:
    return name.lower(), type.upper()


def _rejected(exc: rules.RuleBroken) -> Reply:
    """A name, TTL, value or CNAME rule the request breaks: 400 with one field error
    (inferred)."""
    return Reply(400, {"detail": [{"type": "value_error", "loc": exc.loc, "msg": str(exc)}]})


def _check_records(zone: str, name: str, type: str, body: dict[str, Any]) -> None:
    try:
        rules.recordset_name(name, zone.lower())
        rules.ttl(body.get("ttl"))
        rules.values(type, [record["value"] for record in body["records"]])
    except rules.RuleBroken as exc:
        raise _rejected(exc) from None


def _check_placement(table: dict[Any, Any], key: tuple[str, str], records: list[Any]) -> None:
    """The CNAME rules for the recordset ``key`` holding ``records``, among the zone's
    recordsets ``table`` (call with the state lock held)."""
    beside = [t for (n, t) in table if n == key[0] and t != key[1]]
    try:
        rules.placement(key[1], key[0], [r["value"] for r in records], beside)
    except rules.RuleBroken as exc:
        raise _rejected(exc) from None


@handles("batch_update_ptr_records")
def batch_update_ptr_records(ctx: Ctx, *, body: dict[str, Any]) -> Any:
    parsed = []
    for i, rec in enumerate(body["records"]):
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


# ---- zones ----------------------------------------------------------------------------------


@handles("list_zones")
def list_zones(ctx: Ctx) -> Any:
    with ctx.state.lock:
        mine = [n for n in ctx.state.zones if ctx.state.owns(ctx.user.user.id, "zone", n)]
        return ctx.page.envelope([dict(ctx.state.zones[n]) for n in mine])


@handles("create_zone")
def create_zone(ctx: Ctx, *, body: dict[str, Any]) -> Any:
    name = body["name"].lower()  # the spec's schema checked it, as rules.zone_name does
    with ctx.state.lock:
        if name in ctx.state.zones:
            raise Reply(409, {"detail": f"Zone {name} exists already"})
        ctx.state.own("zone", name, ctx.user.user.id)
        return Answer(201, dict(ctx.state.add_zone(name)))


@handles("delete_zone")
def delete_zone(ctx: Ctx, *, zone: str) -> Any:
    with ctx.state.lock:
        name = _zone(ctx, zone)
        for table in (
            ctx.state.zones,
            ctx.state.recordsets,
            ctx.state.zone_settings,
            ctx.state.dnssec,
        ):
            table.pop(name, None)
        ctx.state.disown("zone", name)
    return Answer(204)


@handles("import_zone")
def import_zone(ctx: Ctx, *, zone: str, body: dict[str, Any]) -> Any:
    with ctx.state.lock:
        name = _zone(ctx, zone)
        default_ttl = ctx.state.zone_settings[name]["default_ttl"]
    try:
        parsed = zonefile.parse(body["zone_file"], name, default_ttl)
    except zonefile.ZoneFileError as exc:
        raise invalid(["body", "zone_file", exc.line], str(exc)) from None
    except rules.RuleBroken as exc:  # the spec lists 422, not 400, for Import Zone
        raise invalid(exc.loc, str(exc)) from None
    with ctx.state.lock:
        name = _zone(ctx, zone)
        table = ctx.state.recordsets[name]
        kept = table
        if body.get("replace"):
            kept = {k: v for k, v in table.items() if zones.is_apex_zone_record(k)}
        after = {**kept, **parsed}
        try:
            zonefile.check_placements(after)
        except rules.RuleBroken as exc:  # nothing is stored
            raise invalid(["body", "zone_file"], str(exc)) from None
        table.clear()
        table.update(after)
        ctx.state.zone_changed(name)
    return {
        "imported": sum(len(r["records"]) for r in parsed.values()),
        "recordsets": list(parsed.values()),
    }


# ---- settings and DNSSEC ----------------------------------------------------------------------


@handles("get_zone_settings")
def get_zone_settings(ctx: Ctx, *, zone: str) -> Any:
    with ctx.state.lock:
        return dict(ctx.state.zone_settings[_zone(ctx, zone)])


@handles("update_zone_settings")
def update_zone_settings(ctx: Ctx, *, zone: str, body: dict[str, Any]) -> Any:
    with ctx.state.lock:
        name = _zone(ctx, zone)
        settings = ctx.state.zone_settings[name]
        settings.update({k: v for k, v in body.items() if k in zones.WRITABLE})
        ctx.state.zone_changed(name)
        return dict(settings)


@handles("get_dnssec_configuration")
def get_dnssec_configuration(ctx: Ctx, *, zone: str) -> Any:
    with ctx.state.lock:
        config = ctx.state.dnssec.get(_zone(ctx, zone))
    if config is None:
        raise not_found("DNSSEC is not enabled for this zone")
    return config


def _signing(zone: str) -> dict[str, Any]:
    tag = seed.text_seed(zone) % 65535
    digest = f"{seed.mix(tag):016X}" * 4
    key = {
        "key_tag": tag,
        "flags": 257,
        "algorithm": 13,
        "public_key": f"stub{seed.mix(tag + 1):x}{seed.mix(tag + 2):x}==",
        "ds": f"{tag} 13 2 {digest}",
    }
    return {"enabled": True, "algorithm": "ECDSAP256SHA256", "keys": [key]}


@handles("enable_dnssec")
def enable_dnssec(ctx: Ctx, *, zone: str) -> Any:
    with ctx.state.lock:
        name = _zone(ctx, zone)
        ctx.state.dnssec[name] = _signing(name)
        ctx.state.zones[name]["dnssec_enabled"] = True
        return ctx.state.dnssec[name]


@handles("disable_dnssec")
def disable_dnssec(ctx: Ctx, *, zone: str) -> Any:
    with ctx.state.lock:
        name = _zone(ctx, zone)
        ctx.state.dnssec.pop(name, None)
        ctx.state.zones[name]["dnssec_enabled"] = False
    return Answer(204)


# ---- recordsets (recorded) --------------------------------------------------------------------


@handles("list_recordsets")
def list_recordsets(
    ctx: Ctx, *, zone: str, search: str | None = None, name: str | None = None
) -> Any:
    del name  # recorded: the API did not filter by it
    with ctx.state.lock:
        items = list(ctx.state.recordsets[_zone(ctx, zone)].values())
    wanted = [r for r in items if search is None or search.lower() in r["name"].lower()]
    return ctx.page.envelope(sorted(wanted, key=lambda r: (r["name"], r["type"])))


@handles("get_recordset")
def get_recordset(ctx: Ctx, *, zone: str, name: str, type: str) -> Any:
    with ctx.state.lock:
        found = ctx.state.recordsets[_zone(ctx, zone)].get(_key(name, type))
        if found is None:
            raise not_found()
        return dict(found)


@handles("create_recordset")
def create_recordset(ctx: Ctx, *, zone: str, name: str, type: str, body: dict[str, Any]) -> Any:
    _check_records(zone, name, type, body)
    with ctx.state.lock:
        zone_name, key = _zone(ctx, zone), _key(name, type)
        table = ctx.state.recordsets[zone_name]
        if key in table:
            raise Reply(409, {"detail": f"Recordset {key[0]} {key[1]} exists already"})
        _check_placement(table, key, body["records"])
        ttl = body.get("ttl", ctx.state.zone_settings[zone_name]["default_ttl"])
        item = zones.recordset(*key, ttl, [], filters=body.get("filters", []))
        item["records"] = body["records"]
        table[key] = item
        ctx.state.zone_changed(zone_name)
        return dict(item)


@handles("update_recordset")
def update_recordset(
    ctx: Ctx, *, zone: str, name: str, type: str, body: dict[str, Any], append: bool = False
) -> Any:
    _check_records(zone, name, type, body)
    with ctx.state.lock:
        zone_name, key = _zone(ctx, zone), _key(name, type)
        table = ctx.state.recordsets[zone_name]
        item = table.get(key)
        if item is None:
            raise not_found()
        if append:
            have = {r["value"] for r in item["records"]}
            records = item["records"] + [r for r in body["records"] if r["value"] not in have]
        else:
            records = body["records"]
        _check_placement(table, key, records)
        item["records"] = records
        item.update({k: body[k] for k in ("ttl", "filters") if k in body})
        ctx.state.zone_changed(zone_name)
        return dict(item)


@handles("delete_recordset")
def delete_recordset(ctx: Ctx, *, zone: str, name: str, type: str) -> Any:
    with ctx.state.lock:
        zone_name = _zone(ctx, zone)
        if ctx.state.recordsets[zone_name].pop(_key(name, type), None) is None:
            raise not_found()
        ctx.state.zone_changed(zone_name)
    return Answer(202, DELETED)
