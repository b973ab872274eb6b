"""Seeded read-only data and deterministic time series."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

TEAMS: list[dict[str, Any]] = [
    {"id": 17, "name": "Example Networks NOC", "is_admin": True},
    {"id": 23, "name": "Example Networks Billing", "is_admin": False},
]

TEAM_MEMBERS: dict[int, list[dict[str, Any]]] = {
    17: [
        {
            "id": 1042,
            "email": "noc@example.net",
            "display_name": "Kei Tanaka",
            "is_admin": True,
            "joined_at": "2024-05-14T02:11:09Z",
        },
        {
            "id": 1043,
            "email": "secure@example.net",
            "display_name": "Aiko Mori",
            "is_admin": False,
            "joined_at": "2025-02-03T07:45:00Z",
        },
    ],
    23: [
        {
            "id": 1042,
            "email": "noc@example.net",
            "display_name": "Kei Tanaka",
            "is_admin": False,
            "joined_at": "2024-06-01T00:00:00Z",
        },
    ],
}

LOCATIONS = {
    "HKG1": "Asia/Hong_Kong",
    "TYO1": "Asia/Tokyo",
    "LAX1": "America/Los_Angeles",
    "FRA1": "Europe/Berlin",
    "SIN1": "Asia/Singapore",
}

DEVICES: list[dict[str, Any]] = [
    {
        "id": "dev-hkg1-cr1",
        "name": "cr1.hkg1",
        "role": "core-router",
        "location": "HKG1",
        "model": "Juniper MX480",
        "status": "active",
    },
    {
        "id": "dev-hkg1-sw1",
        "name": "sw1.hkg1",
        "role": "switch",
        "location": "HKG1",
        "model": "Arista 7280R3",
        "status": "active",
    },
    {
        "id": "dev-tyo1-cr1",
        "name": "cr1.tyo1",
        "role": "core-router",
        "location": "TYO1",
        "model": "Juniper MX10003",
        "status": "maintenance",
    },
]

PORTS: list[dict[str, Any]] = [
    {
        "id": "port-hkg1-cr1-et-0-0-3",
        "name": "et-0/0/3",
        "device": "dev-hkg1-cr1",
        "location": "HKG1",
        "speed": 100000,
        "state": "up",
        "media": "100GBASE-LR4",
        "mtu": 9192,
        "description": "Example Networks uplink",
        "service": "svc-ipt-0193",
    },
    {
        "id": "port-hkg1-sw1-eth-12",
        "name": "Ethernet12",
        "device": "dev-hkg1-sw1",
        "location": "HKG1",
        "speed": 10000,
        "state": "up",
        "media": "10GBASE-LR",
        "mtu": 1500,
        "description": "Example Networks DNS anycast",
        "service": "svc-dns-0007",
    },
    {
        "id": "port-tyo1-cr1-et-0-1-0",
        "name": "et-0/1/0",
        "device": "dev-tyo1-cr1",
        "location": "TYO1",
        "speed": 400000,
        "state": "provisioning",
        "media": "400GBASE-FR4",
        "mtu": 9192,
        "description": "Tokyo expansion",
        "service": None,
    },
]

SERVICES: list[dict[str, Any]] = [
    {
        "id": "svc-ipt-0193",
        "name": "IP Transit HKG1 100G",
        "kind": "ip-transit",
        "status": "active",
        "location": "HKG1",
        "port_ids": ["port-hkg1-cr1-et-0-0-3"],
        "started_at": "2025-01-06T00:00:00Z",
    },
    {
        "id": "svc-dns-0007",
        "name": "Authoritative DNS",
        "kind": "dns",
        "status": "active",
        "location": "HKG1",
        "port_ids": [],
        "started_at": "2024-05-14T00:00:00Z",
    },
    {
        "id": "svc-shd-0031",
        "name": "Shield for 203.0.113.0/24",
        "kind": "shield",
        "status": "provisioning",
        "location": "HKG1",
        "port_ids": [],
        "started_at": "2026-11-01T00:00:00Z",
    },
]

CROSS_CONNECTS: list[dict[str, Any]] = [
    {
        "id": "xc-hkg1-2291",
        "name": "Example Networks to HKIX",
        "status": "active",
        "media": "single-mode fiber",
        "a_side": {
            "port_id": "port-hkg1-cr1-et-0-0-3",
            "location": "HKG1",
            "panel": "MMR-2 PP-14 port 7",
        },
        "z_side": {"location": "HKG1", "party": "HKIX", "panel": "MMR-2 PP-02 port 19"},
    },
]

EVENTS: list[dict[str, Any]] = [
    {
        "id": "evt-20261126-0042",
        "title": "Scheduled maintenance on cr1.hkg1",
        "severity": "warning",
        "category": "maintenance",
        "status": "scheduled",
        "started_at": "2026-12-02T18:00:00Z",
        "ended_at": None,
        "description": "Line card replacement, expected impact under 5 minutes.",
        "related": [
            {"type": "device", "id": "dev-hkg1-cr1", "name": "cr1.hkg1"},
            {"type": "port", "id": "port-hkg1-cr1-et-0-0-3", "name": "et-0/0/3"},
        ],
    },
    {
        "id": "evt-20261120-0031",
        "title": "Packet loss towards AS4134 from TYO1",
        "severity": "critical",
        "category": "incident",
        "status": "resolved",
        "started_at": "2026-11-20T03:12:00Z",
        "ended_at": "2026-11-20T03:58:00Z",
        "description": "Upstream congestion; traffic rerouted.",
        "related": [{"type": "device", "id": "dev-tyo1-cr1", "name": "cr1.tyo1"}],
    },
    {
        "id": "evt-20261115-0007",
        "title": "New DNS anycast node in SIN1",
        "severity": "info",
        "category": "notice",
        "status": "resolved",
        "started_at": "2026-11-15T00:00:00Z",
        "ended_at": "2026-11-15T00:00:00Z",
        "description": "No action needed.",
        "related": [{"type": "service", "id": "svc-dns-0007", "name": "Authoritative DNS"}],
    },
    {
        "id": "evt-20261101-0001",
        "title": "BGP session flap with HKIX route servers",
        "severity": "warning",
        "category": "incident",
        "status": "resolved",
        "started_at": "2026-11-01T09:30:00Z",
        "ended_at": "2026-11-01T09:41:00Z",
        "description": "Route servers restarted by the IX.",
        "related": [],
    },
]

ATTACHMENTS: dict[str, list[dict[str, Any]]] = {
    "evt-20261120-0031": [
        {
            "id": "att-5521",
            "filename": "rfo-evt-20261120-0031.pdf",
            "content_type": "application/pdf",
            "size": 184320,
            "url": "https://files.misaka.io/events/evt-20261120-0031/rfo.pdf",
            "created_at": "2026-11-21T12:00:00Z",
        },
    ],
}

SHIELD_RULES: list[dict[str, Any]] = [
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

FILTER_KEYS: list[dict[str, Any]] = [
    {"key": "src_asn", "description": "Source autonomous system number", "value_type": "integer"},
    {
        "key": "dst_asn",
        "description": "Destination autonomous system number",
        "value_type": "integer",
    },
    {"key": "src_prefix", "description": "Source prefix", "value_type": "prefix"},
    {"key": "dst_prefix", "description": "Destination prefix", "value_type": "prefix"},
    {"key": "protocol", "description": "IP protocol", "value_type": "string"},
    {"key": "dst_port", "description": "Destination transport port", "value_type": "integer"},
    {"key": "port_id", "description": "Misaka port the flow crossed", "value_type": "string"},
]


def transceiver(port: dict[str, Any], measured_at: str) -> dict[str, Any]:
    lanes = 4 if port["speed"] >= 100000 else 1
    h = mix(text_seed(port["id"]))
    return {
        "port_id": port["id"],
        "measured_at": measured_at,
        "vendor": "FINISAR CORP.",
        "part_number": "FTLC1154RDPL" if lanes == 4 else "FTLX1471D3BCL",
        "serial_number": f"X{h % 10**7:07d}",
        "form_factor": "QSFP28" if lanes == 4 else "SFP+",
        "temperature_c": round(30 + (h % 100) / 10, 1),
        "voltage_v": 3.29,
        "lanes": [
            {
                "lane": i,
                "tx_power_dbm": round(0.5 + ((h >> i) % 10) / 20, 2),
                "rx_power_dbm": round(-2.5 + ((h >> (i + 8)) % 10) / 20, 2),
                "bias_ma": round(38 + ((h >> (i + 16)) % 20) / 10, 1),
            }
            for i in range(lanes)
        ],
    }


# ---- deterministic series ------------------------------------------------------------------

_MASK = (1 << 64) - 1


def mix(x: int) -> int:
    """splitmix64: a cheap, well-spread integer hash."""
    x = (x + 0x9E3779B97F4A7C15) & _MASK
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK
    return x ^ (x >> 31)


def text_seed(text: str) -> int:
    value = 1469598103934665603
    for byte in text.encode():
        value = ((value ^ byte) * 1099511628211) & _MASK
    return value


def iso(ts: float) -> str:
    """RFC 3339, the year in four digits (strftime's ``%Y`` writes year 105 as ``105``)."""
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def bucket_times(start: float, end: float, resolution: int) -> range:
    first = int(math.ceil(start / resolution) * resolution)
    return range(first, int(end), resolution)


def rate_series(seed: int, key: str, times: range, peak: float) -> list[tuple[int, int]]:
    """(timestamp, value) pairs: a daily wave with noise, the same for the same inputs."""
    base = text_seed(key) ^ seed
    out = []
    two_pi_day = 2 * math.pi / 86_400
    for t in times:
        noise = (mix(base ^ t) & 0xFFFF) / 0xFFFF  # 0..1
        wave = 0.55 + 0.35 * math.sin(t * two_pi_day)
        out.append((t, int(peak * wave * (0.9 + 0.2 * noise))))
    return out


def iso_micro(ts: float) -> str:
    """A time as the DNS API writes it: microseconds and ``Z``."""
    moment = datetime.fromtimestamp(ts, UTC)
    return moment.isoformat(timespec="microseconds").replace("+00:00", "Z")
