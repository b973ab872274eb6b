"""An in-memory, stateful stub of the Misaka.io v3 API, driven by the curated spec.

``create_app()`` returns a fresh ASGI app (fresh state) to mount with ``httpx.ASGITransport``
or to serve with uvicorn (``make stub``). Routing and request validation come from
``spec/misaka-v3.yaml``; the behaviour of each operation lives in ``handlers/``, one module
per resource.
"""

from misaka_io.testing.stub.app import StubApp, create_app
from misaka_io.testing.stub.config import (
    DEFAULT_API_TOKEN,
    SEEDED_USERS,
    STUB_OTP,
    ManualClock,
    StubConfig,
)

__all__ = [
    "DEFAULT_API_TOKEN",
    "SEEDED_USERS",
    "STUB_OTP",
    "ManualClock",
    "StubApp",
    "StubConfig",
    "create_app",
]
