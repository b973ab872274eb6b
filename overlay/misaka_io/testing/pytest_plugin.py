"""The pytest fixtures of ``misaka_io.testing`` (registered through the ``pytest11`` entry
point, so installing ``misaka-io[testing]`` is enough).

``misaka_stub`` is a fresh ``MisakaStub`` per test; ``misaka_client`` and
``async_misaka_client`` are a ``Misaka`` and an ``AsyncMisaka`` bound to it with its API token
and no retries (a test sees the first failure; ask ``misaka_stub.client(...)`` for others).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # pytest loads this plugin in every run: the stub is imported when used
    from misaka_io import AsyncMisaka, Misaka
    from misaka_io.testing import MisakaStub


@pytest.fixture
def misaka_stub() -> Iterator[MisakaStub]:
    """A fresh in-memory Misaka API for this test."""
    from misaka_io.testing import MisakaStub

    with MisakaStub() as stub:
        yield stub


@pytest.fixture
def misaka_client(misaka_stub: MisakaStub) -> Iterator[Misaka]:
    """A ``Misaka`` bound to ``misaka_stub`` (its API token, ``max_retries=0``)."""
    with misaka_stub.client(max_retries=0) as client:
        yield client


@pytest.fixture
def async_misaka_client(misaka_stub: MisakaStub) -> Iterator[AsyncMisaka]:
    """An ``AsyncMisaka`` bound to ``misaka_stub`` (its API token, ``max_retries=0``).

    A plain fixture, so that it works with any async plugin (pytest-asyncio in either mode,
    anyio); the client binds to the event loop of its first call. It holds no socket; it is
    closed after the test on a loop of its own."""
    client = misaka_stub.async_client(max_retries=0)
    yield client
    with contextlib.suppress(RuntimeError):  # a loop still running here: nothing to release
        asyncio.run(client.close())
