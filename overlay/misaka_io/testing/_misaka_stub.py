"""``MisakaStub``: the stateful stub of the API in process, for tests of code that uses the client.

Each instance is a fresh stub (requests checked against the spec, as the contract harness's
stub does) with clients bound to it without sockets, faults aimed at operations, a record of
the requests it received, helpers that seed zones, recordsets and ports into the account of
its API token (checked by the same ``stub.rules`` as the API's handlers), ``reset()`` and
``serve()`` for code that needs a URL.

Isolation: each stub's clients get a base URL of their own (``https://<random>.misaka.stub
.invalid``), so that what the client keys on its base URL (the DNS write locks: one per API
and zone, in this process and in files between processes) is never shared by two stubs, in
one process or in two pytest-xdist workers.
"""

from __future__ import annotations

import contextlib
import copy
import secrets
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from misaka_io import AsyncMisaka, Misaka
from misaka_io.testing._faults import Fault, UnmetFaultsError, check_fault
from misaka_io.testing._front import AsyncTransport, Front, SyncTransport
from misaka_io.testing._log import RequestLog
from misaka_io.testing.stub import SEEDED_USERS, StubConfig, create_app, rules
from misaka_io.testing.stub.config import Clock
from misaka_io.testing.stub.zones import recordset

# Where in-process clients point: a host under this one per stub, never resolved (.invalid),
# https so that the client takes it.
BASE_URL = "https://misaka.stub.invalid"
_OWNER = SEEDED_USERS[0]
# A recordset to seed: (zone, name, type, values) or (zone, name, type, values, ttl), or a
# mapping with those keys.
RecordsetSeed = Sequence[Any] | Mapping[str, Any]


class MisakaStub:
    """A fresh in-memory Misaka API. Close it (or use ``with``) to stop its clients' threads;
    leaving a ``with`` block without an error checks that every fault was met."""

    def __init__(
        self,
        *,
        clock: Clock | None = None,
        example_zone: bool = False,
        zones: Iterable[str] = (),
        recordsets: Iterable[RecordsetSeed] = (),
        assert_all_met: bool = True,
    ) -> None:
        """``clock``: where the stub reads the time (``ManualClock`` to expire tokens without
        sleeping); ``example_zone``: start with the zone ``example.net`` (``www`` A) seeded;
        ``zones``, ``recordsets``: seeded as ``add_zone``/``add_recordset`` do (again after
        ``reset()``); ``assert_all_met``: whether a fault never met fails the test."""
        self._clock, self._example_zone = clock, example_zone
        self._zones, self._recordsets = list(zones), list(recordsets)
        self.assert_all_met = assert_all_met
        self.base_url = f"https://{secrets.token_hex(6)}.misaka.stub.invalid"
        self._front = Front(self._new_app())
        self._transports: list[SyncTransport] = []
        self._seed()

    def _new_app(self) -> Any:
        config = StubConfig(seed_zone=self._example_zone)
        if self._clock is not None:
            config.clock = self._clock
        return create_app(config)

    def _seed(self) -> None:
        for zone in self._zones:
            self.add_zone(zone)
        for seed in self._recordsets:
            if isinstance(seed, Mapping):
                self.add_recordset(**seed)
            else:
                self.add_recordset(*seed)

    @property
    def _app(self) -> Any:
        return self._front.app

    # ---- credentials -------------------------------------------------------------------------

    @property
    def api_token(self) -> str:
        """The API token of the account everything is seeded into."""
        return str(self._app.config.api_token)

    @property
    def other_api_token(self) -> str:
        """The API token of a second account, which sees none of the first one's objects."""
        return str(self._app.config.other_api_token)

    @property
    def email(self) -> str:
        """The login (email) of the account of ``api_token``."""
        return _OWNER.email

    @property
    def password(self) -> str:
        """The password of that account (for ``email=``/``password=`` sessions)."""
        return _OWNER.password

    @property
    def account_id(self) -> int:
        """The user id of that account (``RecordedRequest.account``)."""
        return _OWNER.id

    def accept_api_token(self, token: str) -> None:
        """Let ``token`` in as an API token of the first account (as ``api_token``)."""
        self._app.stub_state.sessions.add_api_token(token, _OWNER.id)

    def __repr__(self) -> str:
        return f"MisakaStub(requests={len(self._front.requests)}, faults={len(self._front.faults)})"

    # ---- clients -----------------------------------------------------------------------------

    def _client_options(self, options: dict[str, Any]) -> dict[str, Any]:
        options.setdefault("base_url", self.base_url)
        if "email" not in options and "api_token" not in options:
            options["api_token"] = self.api_token
        return options

    def client(self, **options: Any) -> Misaka:
        """A ``Misaka`` bound to this stub (no socket); ``options`` go to ``Misaka(...)``.
        Without credentials it uses ``api_token``."""
        transport = self.transport()
        return Misaka(transport=transport, **self._client_options(options))

    def async_client(self, **options: Any) -> AsyncMisaka:
        """An ``AsyncMisaka`` bound to this stub (no socket); as ``client()``."""
        return AsyncMisaka(transport=self.async_transport(), **self._client_options(options))

    def transport(self) -> SyncTransport:
        """An ``httpx`` transport into this stub (closed with the stub)."""
        transport = SyncTransport(self._front)
        self._transports.append(transport)
        return transport

    def async_transport(self) -> AsyncTransport:
        """An ``httpx`` async transport into this stub."""
        return AsyncTransport(self._front)

    @contextlib.contextmanager
    def serve(self) -> Iterator[str]:
        """Serve this stub over HTTP on 127.0.0.1 (a free port) until the block ends; yields
        the base URL (``http://127.0.0.1:PORT``), for code that needs a real URL (a
        subprocess). Leaving it takes at most about a second, whatever timeout faults hold:
        their clients still time out (their connections stay open until ``close()``)."""
        from misaka_io.testing.stub.server import serve  # uvicorn: only when serving

        front = self._front.served_copy()
        with serve(front, log_level="critical", closing=front.closing, stop_seconds=1.0) as url:
            yield url

    def close(self) -> None:
        """Close the event loops of the sync clients made by ``client()``, and the connections
        ``serve()`` held for a timeout fault past its end."""
        self._front.release_parked()
        for transport in self._transports:
            transport.close()
        self._transports.clear()

    def __enter__(self) -> MisakaStub:
        return self

    def __exit__(self, exc_type: object, *exc_info: object) -> None:
        self.close()
        if exc_type is None and self.assert_all_met:
            self.verify()

    # ---- faults and the record ------------------------------------------------------------

    def fail(
        self,
        operation: str | None = None,
        status: int = 503,
        *,
        times: int = 1,
        retry_after: float | None = None,
        method: str | None = None,
        path: str | None = None,
        timeout: bool = False,
        drop: bool = False,
        required: bool = True,
    ) -> Fault:
        """The next ``times`` requests of ``operation`` (``"dns.update_recordset"``, or the
        id alone), ``method`` and ``path`` (a glob: ``/v3/dns/zones/*/recordsets/*``) get
        ``status`` (with ``Retry-After`` when given) instead of their answer;
        ``timeout=True``: they time out (in process ``httpx.ReadTimeout``; served, no answer
        until the client gives up); ``drop=True``: the connection drops before an answer.
        Left None, a criterion takes any request. ``required=False``: the test may end
        without the fault met."""
        check_fault(status, times, timeout, drop, retry_after)
        if operation is not None and not self._front.operation_known(operation):
            raise ValueError(f"no operation {operation!r} (tag.operation_id, as in api.md)")
        fault = Fault(
            status=None if timeout or drop else status,
            retry_after=retry_after,
            timeout=timeout,
            drop=drop,
            times=times,
            operation=operation,
            method=None if method is None else method.upper(),
            path=path,
            required=required,
        )
        return self._front.faults.add(fault)

    def fail_next(
        self,
        status: int = 503,
        times: int = 1,
        retry_after: float | None = None,
        *,
        timeout: bool = False,
        required: bool = True,
    ) -> Fault:
        """The next ``times`` requests, whatever they are, get ``status`` (as ``fail``)."""
        return self.fail(
            None, status, times=times, retry_after=retry_after, timeout=timeout,
            required=required,
        )  # fmt: skip

    def drop_next(self, times: int = 1, *, required: bool = True) -> Fault:
        """The next ``times`` requests lose their connection before an answer (in process,
        ``httpx.RemoteProtocolError``; served, the connection closes mid-answer)."""
        return self.fail(None, times=times, drop=True, required=required)

    def unmet_faults(self) -> list[Fault]:
        """The required faults no request has used up yet."""
        return self._front.faults.unmet()

    def verify(self) -> None:
        """Raise ``UnmetFaultsError`` (an ``AssertionError``) naming the faults never met."""
        unmet = self.unmet_faults()
        if unmet:
            raise UnmetFaultsError(unmet)

    @property
    def requests(self) -> RequestLog:
        """What the stub received, oldest first (faulted ones too), credentials masked: a
        list with ``filter(operation=..., method=..., path=...)``, ``count(...)``, ``last``."""
        with self._front.lock:
            return RequestLog(self._front.requests)

    def reset(self) -> None:
        """Back to a fresh stub as it was made (its seeds again): state, faults and the record
        cleared; clients made before keep working, and their sessions end."""
        self._front.app = self._new_app()
        self._front.faults.clear()
        with self._front.lock:
            self._front.requests.clear()
        self._seed()

    # ---- seeding ---------------------------------------------------------------------------

    def add_zone(self, name: str) -> dict[str, Any]:
        """A new DNS zone (with its apex NS and SOA) in the account of ``api_token``; a name
        the API refuses raises ``ValueError``."""
        state = self._app.stub_state
        key = rules.zone_name(name)
        with state.lock:
            if key in state.zones:
                raise ValueError(f"the zone {key} exists already")
            zone = state.add_zone(key)
            state.own("zone", key, _OWNER.id)
            return copy.deepcopy(zone)

    def add_recordset(
        self, zone: str, name: str, type: str, values: Sequence[str], ttl: int = 300
    ) -> dict[str, Any]:
        """A recordset (replacing one of the same name and type) in a zone of ``add_zone``;
        name (relative: ``www``, ``@``), TTL, values and the CNAME rules are checked as the
        API checks them (``ValueError``; ``InvalidValueError`` for a value)."""
        from misaka_io.dns_values import InvalidValueError

        state = self._app.stub_state
        rtype, zone_key = type.upper(), rules.zone_name(zone)
        key = rules.recordset_name(name, zone_key)
        rules.ttl(ttl, ["ttl"])
        try:
            checked = rules.values(rtype, values)
        except rules.RuleBroken as exc:
            raise InvalidValueError(str(exc)) from None
        with state.lock:
            if zone_key not in state.zones:
                raise ValueError(f"no zone {zone_key}: add_zone() it first")
            table = state.recordsets[zone_key]
            beside = [t for (n, t) in table if n == key and t != rtype]
            try:
                rules.placement(rtype, key, checked, beside)
            except rules.RuleBroken as exc:
                raise InvalidValueError(str(exc)) from None
            table[(key, rtype)] = recordset(key, rtype, ttl, checked)
            state.zone_changed(zone_key)
            return copy.deepcopy(table[(key, rtype)])

    def import_zone(self, zone: str, text: str, *, replace: bool = False) -> int:
        """Seed ``zone`` from master-file text, as the API's Import Zone reads it (dnspython;
        every value and CNAME rule checked, nothing stored when one fails: ``ValueError``);
        returns the number of records imported. Not a request: no fault, no record."""
        from misaka_io.testing.stub.answers import Ctx, Paging, Reply
        from misaka_io.testing.stub.auth import Principal
        from misaka_io.testing.stub.handlers.dns import import_zone

        ctx = Ctx(self._app.stub_state, Principal(_OWNER, None), Paging(0, 0, "", ()))
        body = {"zone_file": text, "replace": replace}
        try:
            answer = import_zone(ctx, zone=rules.zone_name(zone), body=body)
        except Reply as reply:
            raise ValueError(f"import_zone refused (HTTP {reply.status}): {reply.body}") from None
        return int(answer["imported"])

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
