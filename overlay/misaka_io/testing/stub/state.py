"""Everything the stub remembers, one ``State`` per app (``create_app`` makes a new one).

Every object a user creates (a zone, an IP announcement) belongs to that user's account
(shield rules are kept per account too; PTR records are one set for all):
``own`` records it, ``owns`` tells whether an account may see it. Handlers answer 404 for
another account's object and leave it out of listings, as a multi-tenant service would.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from misaka_io.testing.stub import seed, zones
from misaka_io.testing.stub.auth import Sessions
from misaka_io.testing.stub.config import SEEDED_USERS, StubConfig

SEEDED_ZONE = "example.net"
CONFIRM_TOKEN = "confirm-5d41402abc4b2a76b9719d91"


@dataclass
class State:
    config: StubConfig
    sessions: Sessions = field(init=False)
    lock: threading.RLock = field(default_factory=threading.RLock)
    announcements: dict[str, dict[str, Any]] = field(default_factory=dict)
    zones: dict[str, dict[str, Any]] = field(default_factory=dict)
    recordsets: dict[str, dict[tuple[str, str], dict[str, Any]]] = field(default_factory=dict)
    zone_settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    dnssec: dict[str, dict[str, Any]] = field(default_factory=dict)
    ptr: dict[str, str] = field(default_factory=dict)
    shield_rules: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # by account
    confirm_tokens: set[str] = field(default_factory=lambda: {CONFIRM_TOKEN})
    counter: int = 0
    # (kind, key) -> the id of the account that owns it; kinds: "zone", "announcement".
    owners: dict[tuple[str, str], int] = field(default_factory=dict)
    # The ports (read-only through the API; misaka_io.testing adds to them), a copy per State.
    ports: list[dict[str, Any]] = field(default_factory=lambda: [dict(p) for p in seed.PORTS])

    def __post_init__(self) -> None:
        self.sessions = Sessions(self.config)
        self.shield_rules = {SEEDED_USERS[0].id: [dict(rule) for rule in seed.SHIELD_RULES]}
        if not self.config.seed_zone:
            return
        self.add_zone(SEEDED_ZONE)
        self.own("zone", SEEDED_ZONE, SEEDED_USERS[0].id)
        self.recordsets[SEEDED_ZONE][("www", "A")] = zones.recordset(
            "www", "A", 300, ["203.0.113.10"]
        )

    def next_id(self, prefix: str) -> str:
        with self.lock:
            self.counter += 1
            return f"{prefix}-{self.counter:06d}"

    def own(self, kind: str, key: str, account: int) -> None:
        """Record that ``account`` owns the object (call with the lock held)."""
        self.owners[(kind, key)] = account

    def owns(self, account: int, kind: str, key: str) -> bool:
        """Whether the object exists and belongs to ``account`` (call with the lock held)."""
        return self.owners.get((kind, key)) == account

    def disown(self, kind: str, key: str) -> None:
        """Forget the owner of a deleted object (call with the lock held)."""
        self.owners.pop((kind, key), None)

    def now(self) -> str:
        return seed.iso(self.config.clock.now())

    def add_zone(self, name: str) -> dict[str, Any]:
        """A new zone with its settings and apex recordsets (call with the lock held)."""
        self.counter += 1
        settings = zones.new_settings(1900 + self.counter, name, self.config.clock.now())
        zone = {
            "name": name,
            "nameservers": list(zones.NAMESERVERS),
            "dnssec_enabled": False,
            "created_at": self.now(),
        }
        self.zones[name] = zone
        self.zone_settings[name] = settings
        self.recordsets[name] = zones.apex(settings)
        return zone

    def zone_changed(self, name: str) -> None:
        zones.touch(self.zone_settings[name], self.recordsets[name], self.config.clock.now())
