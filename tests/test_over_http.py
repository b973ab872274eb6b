"""The overlay against the stub served by uvicorn: real sockets, streamed bodies."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest

from misaka_io import AsyncMisaka, Misaka, NotFoundError
from misaka_io.models import Record as DnsRecord
from misaka_io.models import RecordSetWrite, ZoneCreate
from misaka_io.testing.stub import DEFAULT_API_TOKEN, ManualClock, StubApp, StubConfig, create_app
from misaka_io.testing.stub.server import serve
from tests.conftest import Counting


@pytest.fixture
def served(clock: ManualClock) -> Iterator[tuple[str, StubApp]]:
    app = create_app(StubConfig(clock=clock, access_ttl=300))
    with serve(app) as url:
        yield url, app


def test_sync_session_over_http(served: tuple[str, StubApp], clock: ManualClock) -> None:
    url, _ = served
    transport = Counting(httpx.HTTPTransport())
    with Misaka(
        email="noc@example.net",
        password="correct-horse-battery",
        base_url=url,
        transport=transport,
        clock=clock.now,
    ) as client:
        assert client.teams.list_teams().results
        clock.advance(400)  # expired: refresh through the auth flow over the socket
        client.dns.create_zone(body=ZoneCreate(name="example.org"))
        rs = client.dns.create_recordset(
            "example.org", "www", "A", body=RecordSetWrite(records=[DnsRecord(value="192.0.2.7")])
        )
        assert rs.records[0].value == "192.0.2.7"
        client.dns.delete_zone("example.org")
        with pytest.raises(NotFoundError):
            client.dns.get_zone_settings("example.org")
        assert transport.paths["/v3/session/refresh"] == 1


def test_async_token_over_http(served: tuple[str, StubApp]) -> None:
    url, _ = served

    async def main() -> int:
        async with AsyncMisaka(api_token=DEFAULT_API_TOKEN, base_url=url) as client:
            pages = await asyncio.gather(*(client.ports.list_ports() for _ in range(20)))
            return sum(len(p.results) for p in pages)

    assert asyncio.run(main()) == 60
