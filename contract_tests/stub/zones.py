"""A DNS zone as the recordings show it: settings, apex NS and SOA recordsets, serials.

Zone settings carry the 18 recorded fields; a new zone gets the protected `@` NS and SOA
recordsets, the SOA value written as recorded (``mname rname serial refresh retry expire
nxdomain_ttl``). Each change of the zone bumps the serial (YYYYMMDDnn) and rewrites the SOA.
"""

from __future__ import annotations

import time
from typing import Any

from contract_tests.stub import seed

NAMESERVERS = ("a.m1ns.moe", "b.m1ns.moe")
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
    """The protected `@` NS and SOA recordsets of a zone."""
    return {
        ("@", "NS"): recordset("@", "NS", 86400, [f"{ns}." for ns in NAMESERVERS], protected=True),
        ("@", "SOA"): recordset("@", "SOA", 86400, [soa_value(settings)], protected=True),
    }


def touch(settings: dict[str, Any], recordsets: dict[tuple[str, str], Any], now: float) -> None:
    """After a change: next serial, new modified time, SOA rewritten."""
    settings["serial"] += 1
    settings["modified"] = seed.iso_micro(now)
    soa = recordsets.get(("@", "SOA"))
    if soa is not None:
        soa["records"] = [{"value": soa_value(settings)}]
