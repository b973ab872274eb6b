"""The fixtures the stub's own tests share: a manual clock, a fresh stub app on it, and a
client whose every answer is checked against the spec (``stub_support``)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from contract_tests.stub_support import new_app, stub_client
from misaka_io.testing.stub import ManualClock, StubApp


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def app(clock: ManualClock) -> StubApp:
    return new_app(clock)


@pytest.fixture
async def client(app: StubApp) -> AsyncIterator[httpx.AsyncClient]:
    async for c in stub_client(app):
        yield c
