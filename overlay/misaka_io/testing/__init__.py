"""Testing code that uses misaka-io: an in-memory Misaka API (``pip install misaka-io[testing]``).

``MisakaStub()`` is the stub the project's own contract tests use (the spec's routes and
request checks, stateful DNS, sessions, two accounts), in process, fresh per instance, with
clients bound to it without sockets, faults, a record of requests, seeding helpers and
``serve()``; ``mock()`` sends every Misaka client of the process to one stub. The pytest plugin
(``misaka_io.testing.pytest_plugin``, loaded by pytest through its entry point) gives the
fixtures ``misaka_stub``, ``misaka_client``, ``async_misaka_client`` and ``misaka_mock``, and
the marker ``misaka``. Nothing in the client imports this package; its names are imported
on first use, so that loading the plugin costs a pytest run nothing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from misaka_io.testing._faults import Fault, UnmetFaultsError
    from misaka_io.testing._log import RecordedRequest, RequestLog
    from misaka_io.testing._misaka_stub import BASE_URL, MisakaStub
    from misaka_io.testing._mock import Mock, UnstubbedRequestError, mock
    from misaka_io.testing.stub import ManualClock

__all__ = [
    "BASE_URL",
    "Fault",
    "ManualClock",
    "MisakaStub",
    "Mock",
    "RecordedRequest",
    "RequestLog",
    "UnmetFaultsError",
    "UnstubbedRequestError",
    "mock",
]
_WHERE = {  # relative to this package
    "BASE_URL": "._misaka_stub",
    "Fault": "._faults",
    "ManualClock": ".stub",
    "MisakaStub": "._misaka_stub",
    "Mock": "._mock",
    "RecordedRequest": "._log",
    "RequestLog": "._log",
    "UnmetFaultsError": "._faults",
    "UnstubbedRequestError": "._mock",
    "mock": "._mock",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
