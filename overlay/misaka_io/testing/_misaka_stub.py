"""``MisakaStub``: the stateful stub of the API in process, for tests of code that uses the client.

Each instance is a fresh stub (requests checked against the spec, as the contract harness's
stub does) with clients bound to it without sockets, faults to queue, a record of the
requests it received, helpers that seed zones, recordsets and ports into the account of its
API token, and ``serve()`` for code that needs a URL.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Iterator, Sequence
from typing import Any

from misaka_io import AsyncMisaka, Misaka
from misaka_io.dns_values import check_placement, check_value
from misaka_io.testing._front import AsyncTransport, Fault, Front, RecordedRequest, SyncTransport
from misaka_io.testing.stub import SEEDED_USERS, StubConfig, create_app
from misaka_io.testing.stub.config import Clock
from misaka_io.testing.stub.zones import recordset

# Where in-process clients point: never resolved (.invalid), https so that the client takes it.
BASE_URL = "https://misaka.stub.invalid"
_OWNER = SEEDED_USERS[0]


class MisakaStub:
    """A fresh in-memory Misaka API. Close it (or use ``with``) to stop its clients' threads."""

    def __init__(self, *, clock: Clock | None = None, example_zone: bool = False) -> None:
        """``clock``: where the stub reads the time (``ManualClock`` to expire tokens without
        sleeping); ``example_zone``: start with the zone ``example.net`` (``www`` A) seeded."""
        config = StubConfig(seed_zone=example_zone)
        if clock is not None:
            config.clock = clock
        self._app = create_app(config)
        self._front = Front(self._app)
        self._transports: list[SyncTransport] = []

    # ---- credentials -------------------------------------------------------------------------

    @property
    def api_token(self) -> str:
        """The API token of the account everything is seeded into."""
        return self._app.config.api_token

    @property
    def other_api_token(self) -> str:
        """The API token of a second account, which sees none of the first one's objects."""
        return self._app.config.other_api_token

    @property
    def email(self) -> str:
        """The login (email) of the account of ``api_token``."""
        return _OWNER.email

    @property
    def password(self) -> str:
        """The password of that account (for ``email=``/``password=`` sessions)."""
        return _OWNER.password

    def __repr__(self) -> str:
        return f"MisakaStub(requests={len(self.requests)}, faults={len(self._front.faults)})"

    # ---- clients -----------------------------------------------------------------------------

    def _client_options(self, options: dict[str, Any]) -> dict[str, Any]:
        options.setdefault("base_url", BASE_URL)
        if "email" not in options and "api_token" not in options:
            options["api_token"] = self.api_token
        return options

    def client(self, **options: Any) -> Misaka:
        """A ``Misaka`` bound to this stub (no socket); ``options`` go to ``Misaka(...)``.
        Without credentials it uses ``api_token``."""
        transport = SyncTransport(self._front)
        self._transports.append(transport)
        return Misaka(transport=transport, **self._client_options(options))

    def async_client(self, **options: Any) -> AsyncMisaka:
        """An ``AsyncMisaka`` bound to this stub (no socket); as ``client()``."""
        return AsyncMisaka(transport=AsyncTransport(self._front), **self._client_options(options))

    @contextlib.contextmanager
    def serve(self) -> Iterator[str]:
        """Serve this stub over HTTP on 127.0.0.1 (a free port) until the block ends; yields
        the base URL (``http://127.0.0.1:PORT``), for code that builds its own client or runs
        the ``misaka`` command (``MISAKA_BASE_URL``, ``MISAKA_API_TOKEN``)."""
        from misaka_io.testing.stub.server import serve  # uvicorn: only when serving

        with serve(self._front.served_copy(), log_level="critical") as url:
            yield url

    def close(self) -> None:
        """Stop the threads of the sync clients made by ``client()``."""
        for transport in self._transports:
            transport.close()
        self._transports.clear()

    def __enter__(self) -> MisakaStub:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ---- faults and the record ------------------------------------------------------------

    def fail_next(
        self,
        status: int = 503,
        times: int = 1,
        retry_after: float | None = None,
        *,
        timeout: bool = False,
    ) -> None:
        """The next ``times`` requests get ``status`` (with ``Retry-After`` when given)
        instead of their answer; ``timeout=True``: they time out instead (in process,
        ``httpx.ReadTimeout``; served, no answer until the client gives up)."""
        if times < 1:
            raise ValueError("times must be at least 1")
        if not timeout and not 400 <= status <= 599:
            raise ValueError(f"a failure status is 400-599, not {status}")
        fault = Fault(timeout=True) if timeout else Fault(status=status, retry_after=retry_after)
        with self._front.lock:
            self._front.faults.extend([fault] * times)

    def drop_next(self, times: int = 1) -> None:
        """The next ``times`` requests lose their connection before an answer (in process,
        ``httpx.RemoteProtocolError``; served, the connection closes mid-answer)."""
        if times < 1:
            raise ValueError("times must be at least 1")
        with self._front.lock:
            self._front.faults.extend([Fault(drop=True)] * times)

    @property
    def requests(self) -> list[RecordedRequest]:
        """What the stub received, oldest first (faulted ones too), credentials masked."""
        with self._front.lock:
            return list(self._front.requests)

    # ---- seeding ---------------------------------------------------------------------------

    def add_zone(self, name: str) -> dict[str, Any]:
        """A new DNS zone (with its apex NS and SOA) in the account of ``api_token``."""
        state = self._app.stub_state
        key = name.lower().rstrip(".")
        with state.lock:
            if key in state.zones:
                raise ValueError(f"the zone {key} exists already")
            zone = state.add_zone(key)
            state.own("zone", key, _OWNER.id)
            return copy.deepcopy(zone)

    def add_recordset(
        self, zone: str, name: str, type: str, values: Sequence[str], ttl: int = 300
    ) -> dict[str, Any]:
        """A recordset (replacing one of the same name and type) in a zone of
        ``add_zone``; values are checked as the API checks them (``InvalidValueError``)."""
        state = self._app.stub_state
        key, rtype, zone_key = name.lower(), type.upper(), zone.lower().rstrip(".")
        if isinstance(values, str):
            raise TypeError("values is a list of strings, not one string")
        for value in values:
            check_value(rtype, value)
        with state.lock:
            if zone_key not in state.zones:
                raise ValueError(f"no zone {zone_key}: add_zone() it first")
            table = state.recordsets[zone_key]
            beside = [t for (n, t) in table if n == key and t != rtype]
            check_placement(rtype, key, list(values), beside)
            table[(key, rtype)] = recordset(key, rtype, ttl, list(values))
            state.zone_changed(zone_key)
            return copy.deepcopy(table[(key, rtype)])

    def add_port(self, port_id: str, **fields: Any) -> dict[str, Any]:
        """A port (``list_ports``/``get_port``); ``fields`` replace the defaults (``name``,
        ``device``, ``location``, ``speed`` in Mbit/s, ``state``, ``media``, ``mtu``,
        ``description``, ``service``)."""
        port: dict[str, Any] = {
            "id": port_id,
            "name": port_id,
            "device": "dev-hkg1-cr1",
            "location": "HKG1",
            "speed": 10000,
            "state": "up",
            "media": "10GBASE-LR",
            "mtu": 1500,
            "description": "",
            "service": None,
            **fields,
        }
        state = self._app.stub_state
        with state.lock:
            if any(p["id"] == port_id for p in state.ports):
                raise ValueError(f"the port {port_id} exists already")
            state.ports.append(port)
        return dict(port)
