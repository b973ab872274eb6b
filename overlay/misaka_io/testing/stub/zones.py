"""A DNS zone as the recordings show it: settings, apex NS and SOA recordsets, serials.

Zone settings carry the 18 recorded fields; a new zone gets the `@` NS and SOA recordsets
as recorded: the NS lists Misaka's six name servers without a trailing dot, ttl 86400, and
like every recorded recordset neither is ``protected`` (its meaning is unknown: the stub
protects nothing). The SOA value is written as recorded (``mname rname serial refresh retry
expire nxdomain_ttl``). Each change of the zone bumps the serial (YYYYMMDDnn) and rewrites the
SOA.
"""

from __future__ import annotations

import time
from typing import Any

from misaka_io.testing.stub import seed

# The recorded apex NS values, in the recorded order (no trailing dot).
NAMESERVERS = ("a.m1ns.moe", "b.m1ns.uk", "c.m1ns.us", "d.m1ns.com", "e.m1ns.net", "f.m1ns.org")
APEX_TTL = 86400
OWNER = 1042  # the seeded user
# The settings a user may change (ZoneSettingsUpdate).
WRITABLE = frozenset(
    {
        "friendly_name",
        "comment",
        "email",
        "expiry",
        "nxdomain_ttl",
        "default_ttl",
        "refresh",
        "retry",
        "managed_acme",
        "enabled",
    }
)


def recordset(name: str, rtype: str, ttl: int, values: list[str], **extra: Any) -> dict[str, Any]:
    """A recordset in the recorded shape (every field present)."""
    return {
        "name": name,
        "type": rtype,
        "ttl": ttl,
        "enabled": extra.get("enabled", True),
        "protected": extra.get("protected", False),
        "alias": None,
        "records": [{"value": v} for v in values],
        "filters": extra.get("filters", []),
    }


def new_settings(zone_id: int, name: str, now: float) -> dict[str, Any]:
    stamp = seed.iso_micro(now)
    return {
        "id": zone_id,
        "name": name,
        "friendly_name": name,
        "comment": "",
        "email": f"hostmaster@{name}",
        "expiry": 604800,
        "nxdomain_ttl": 180,
        "default_ttl": 600,
        "refresh": 3600,
        "retry": 600,
        "serial": int(time.strftime("%Y%m%d", time.gmtime(now))) * 100 + 1,
        "managed_soa": True,
        "managed_acme": False,
        "enabled": True,
        "dirty": False,
        "created": stamp,
        "modified": stamp,
        "owner": OWNER,
    }


def soa_value(settings: dict[str, Any]) -> str:
    """``a.m1ns.moe. hostmaster.example.net. 2026112801 3600 600 604800 180``"""
    mailbox = settings["email"].replace("@", ".")
    numbers = (settings[k] for k in ("serial", "refresh", "retry", "expiry", "nxdomain_ttl"))
    return f"{NAMESERVERS[0]}. {mailbox}. " + " ".join(str(n) for n in numbers)


def apex(settings: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """The `@` NS and SOA recordsets of a new zone, as recorded (``protected`` false)."""
    return {
        ("@", "NS"): recordset("@", "NS", APEX_TTL, list(NAMESERVERS)),
        ("@", "SOA"): recordset("@", "SOA", APEX_TTL, [soa_value(settings)]),
    }


def is_apex_zone_record(key: tuple[str, str]) -> bool:
    """The apex NS or SOA: what the service creates with the zone (a replacing import keeps
    them, as it cannot have made them)."""
    return key in (("@", "NS"), ("@", "SOA"))


def touch(settings: dict[str, Any], recordsets: dict[tuple[str, str], Any], now: float) -> None:
    """After a change: next serial, new modified time, SOA rewritten."""
    settings["serial"] += 1
    settings["modified"] = seed.iso_micro(now)
    soa = recordsets.get(("@", "SOA"))
    if soa is not None:
        soa["records"] = [{"value": soa_value(settings)}]
