"""The answers the benchmarks parse and serve, built once per run: a port usage series, a
recordset listing (whole, with an unknown key in every record, or cut into pages)."""

from __future__ import annotations

import datetime
import json
from typing import Any

ZONE = "example.com"
RECORDSETS_PATH = f"/v3/dns/zones/{ZONE}/recordsets"


def usage_bytes(points: int) -> bytes:
    start = 1_790_000_000
    return json.dumps(
        {
            "port_id": "port-hkg1-cr1-et-0-0-3",
            "start": "2026-09-22T00:00:00Z",
            "end": "2026-10-26T17:20:00Z",
            "resolution": 300,
            "points": [
                {
                    "time": datetime.datetime.fromtimestamp(start + i * 300, datetime.UTC).strftime(
                        "%Y-%m-%dT%H:%M:%SZ"
                    ),
                    "in_bps": 41_873_920_512 + i * 7919,
                    "out_bps": 18_274_619_392 + i * 104_729,
                }
                for i in range(points)
            ],
        }
    ).encode()


def recordset(i: int) -> dict[str, Any]:
    return {
        "name": f"host-{i:05d}",
        "type": "A" if i % 3 else "TXT",
        "ttl": 300,
        "records": [{"value": f"203.0.113.{i % 250}"}]
        if i % 3
        else [{"value": f'"v=spf1 -all {i}"'}],
        "filters": [],
        "enabled": True,
        "protected": False,
        "alias": None,
    }


def recordsets_bytes(count: int) -> bytes:
    return json.dumps(
        {
            "count": count,
            "next": None,
            "previous": None,
            "results": [recordset(i) for i in range(count)],
        }
    ).encode()


def with_unknown_key(data: bytes) -> bytes:
    """The same listing where every record carries one key the spec does not name."""
    listing = json.loads(data)
    for i, item in enumerate(listing["results"]):
        item["health_check_id"] = f"hc-{i}"
    return json.dumps(listing).encode()


def recordset_pages(total: int, size: int, base_url: str) -> dict[int, bytes]:
    """The listing as the server pages it: offset -> answer, each naming the next page."""
    pages = {}
    for offset in range(0, total, size):
        after = offset + size
        link = f"{base_url}{RECORDSETS_PATH}?limit={size}&offset="
        pages[offset] = json.dumps(
            {
                "count": total,
                "next": f"{link}{after}" if after < total else None,
                "previous": f"{link}{offset - size}" if offset else None,
                "results": [recordset(i) for i in range(offset, min(after, total))],
            }
        ).encode()
    return pages
