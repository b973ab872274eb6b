"""The pytest fixtures of ``misaka_io.testing`` (registered through the ``pytest11`` entry
point, so installing ``misaka-io[testing]`` is enough).

``misaka_stub`` is a fresh ``MisakaStub`` per test; ``misaka_client`` and
``async_misaka_client`` are a ``Misaka`` and an ``AsyncMisaka`` bound to it with its API token
and no retries (a test sees the first failure; ask ``misaka_stub.client(...)`` for others);
``misaka_mock`` is that stub with ``mock()`` active, so that every client the code under test
makes talks to it. ``@pytest.mark.misaka(zones=[...], recordsets=[...], clock=...,
example_zone=..., assert_all_met=...)`` configures the stub of a test (``clock`` a
``ManualClock`` or the timestamp it starts at). A fault the test set up and never met fails
the test at teardown, naming the fault (``assert_all_met=False`` on the marker, or
``required=False`` on the fault, says it may go unmet).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:  # pytest loads this plugin in every run: the stub is imported when used
    from misaka_io import AsyncMisaka, Misaka
    from misaka_io.testing import MisakaStub

_MARKER_OPTIONS = frozenset({"zones", "recordsets", "clock", "example_zone", "assert_all_met"})
# Whether the test's own call failed: then its stub's unmet faults are not reported as well.
_CALL_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(hookwrapper=True)  # the old style: pytest 7 and pluggy before 1.2 too
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, None]:
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.stash[_CALL_FAILED] = report.failed


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "misaka(zones=[...], recordsets=[...], clock=..., example_zone=False, "
        "assert_all_met=True): the misaka_stub of this test (misaka_io.testing)",
    )


def _stub_options(request: pytest.FixtureRequest) -> dict[str, Any]:
    options: dict[str, Any] = {}
    for marker in reversed(list(request.node.iter_markers("misaka"))):  # closest wins
        if marker.args:
            raise TypeError("@pytest.mark.misaka takes keyword arguments only")
        unknown = set(marker.kwargs) - _MARKER_OPTIONS
        if unknown:
            raise TypeError(f"@pytest.mark.misaka: unknown option(s) {', '.join(sorted(unknown))}")
        options.update(marker.kwargs)
    clock = options.get("clock")
    if isinstance(clock, int | float) and not isinstance(clock, bool):
        from misaka_io.testing import ManualClock

        options["clock"] = ManualClock(float(clock))
    return options


@pytest.fixture
def misaka_stub(request: pytest.FixtureRequest) -> Iterator[MisakaStub]:
    """A fresh in-memory Misaka API for this test (configured by ``@pytest.mark.misaka``)."""
    from misaka_io.testing import MisakaStub

    stub = MisakaStub(**_stub_options(request))
    try:
        yield stub
    finally:
        stub.close()
    if stub.assert_all_met and not request.node.stash.get(_CALL_FAILED, False):
        stub.verify()


@pytest.fixture
def misaka_mock(misaka_stub: MisakaStub) -> Iterator[MisakaStub]:
    """``misaka_stub``, with every Misaka client of the process (and the ``misaka`` command
    run in process) sent to it, and any other host refused, until the test ends."""
    from misaka_io.testing import mock

    active = mock(misaka_stub)
    active.start()
    try:
        yield misaka_stub
    finally:
        active.stop(failed=True)  # the stub's own teardown checks its faults once
    if active.blocked:
        from misaka_io.testing import UnstubbedRequestError

        raise UnstubbedRequestError(
            f"testing.mock() refused request(s) to hosts that are not the Misaka "
            f"API: {', '.join(active.blocked[:5])}"
        )


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
