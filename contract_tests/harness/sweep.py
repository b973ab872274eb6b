"""``make contract LIVE=1 SWEEP=1``: remove what earlier live runs left on the account.

Zones whose name, and IP announcements whose description, carry the harness's prefix
(``misaka-io-contract-``) and are older than an hour (by the time stamped in the name, else
``created_at``) are deleted; younger ones may belong to a run still going, and are kept. Each
is listed: removed, kept (too young, or of unknown age), or left behind (the delete failed).
A listing that fails is named (``unlisted``) and the other one is still swept. Listings are
walked at most ``MAX_PAGES`` pages deep.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from contract_tests.harness.cleanup import PREFIX, aged
from misaka_io import APIStatusError, Misaka, MisakaError

MIN_AGE = 3600.0  # seconds: younger objects may belong to a run still going
MAX_PAGES = 100
PAGE = 100


@dataclass
class Swept:
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    left_behind: list[str] = field(default_factory=list)
    unlisted: list[str] = field(default_factory=list)  # listings that could not be read

    def lines(self) -> list[str]:
        return [
            *(f"sweep: could not list {x}" for x in self.unlisted),
            *(f"sweep: removed {x}" for x in self.removed),
            *(f"sweep: kept {x}" for x in self.kept),
            *(f"sweep: left behind {x}" for x in self.left_behind),
            f"sweep: {len(self.removed)} removed, {len(self.kept)} kept, "
            f"{len(self.left_behind)} left behind",
        ]


def _items(client: Misaka, path: str) -> Iterator[dict[str, Any]]:
    for page in range(MAX_PAGES):
        answer = client.request("GET", path, params={"limit": PAGE, "offset": page * PAGE})
        data = answer.json()
        results = data.get("results") if isinstance(data, dict) else None
        if not isinstance(results, list):
            return
        yield from (item for item in results if isinstance(item, dict))
        if not data.get("next") or not results:
            return


def _delete(client: Misaka, path: str) -> bool:
    try:
        client.request("DELETE", path)
    except APIStatusError as exc:
        return exc.status_code in (404, 410)
    except MisakaError:
        return False
    return True


Candidate = tuple[str, str, Any, str]  # what, name carrying the prefix, created_at, path


def _zones(client: Misaka) -> Iterator[Candidate]:
    for zone in _items(client, "/v3/dns/zones"):
        name = str(zone.get("name", ""))
        if name.startswith(PREFIX):
            path = f"/v3/dns/zones/{quote(name, safe='')}"
            yield f"zone {name}", name, zone.get("created_at"), path


def _announcements(client: Misaka) -> Iterator[Candidate]:
    for ann in _items(client, "/v3/ip-announcements"):
        description, ident = str(ann.get("description", "")), ann.get("id")
        if PREFIX in description and isinstance(ident, str):
            label = f"IP announcement {ident} ({ann.get('prefix')}, {description})"
            path = f"/v3/ip-announcements/{quote(ident, safe='')}"
            yield label, description, ann.get("created_at"), path


def sweep(
    client: Misaka, *, min_age: float = MIN_AGE, clock: Callable[[], float] = time.time
) -> Swept:
    """Delete the harness's objects older than ``min_age`` seconds; see the module."""
    swept, now = Swept(), clock()
    found: list[Candidate] = []
    for what, listing in (("zones", _zones), ("IP announcements", _announcements)):
        try:
            found += listing(client)
        except (MisakaError, ValueError) as exc:  # no answer, a refusal, or not JSON
            swept.unlisted.append(f"{what}: {str(exc)[:200]}")
    for label, name, created_at, path in found:
        age = aged(name, created_at, now)
        if age is None:
            swept.kept.append(f"{label} (age unknown)")
        elif age < min_age:
            swept.kept.append(f"{label} (younger than {min_age / 60:.0f} minutes)")
        elif _delete(client, path):
            swept.removed.append(label)
        else:
            swept.left_behind.append(label)
    return swept
