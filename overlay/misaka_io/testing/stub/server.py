"""Serving a stub app over real HTTP on loopback, in a background thread."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import uvicorn

# How long leaving serve() waits for the server to end, unless told otherwise.
STOP_SECONDS = 10.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def serve(
    app: Any,
    port: int | None = None,
    log_level: str = "error",
    *,
    closing: threading.Event | None = None,
    stop_seconds: float | None = None,
) -> Iterator[str]:
    """Run ``app`` under uvicorn on 127.0.0.1 until the block ends; yields the base URL.
    ``closing`` is set when the block ends, before the server is told to stop (an app that
    holds requests lets them go then). ``stop_seconds``: how long the server may take to
    finish what it is answering (then it is made to stop; None: up to ``STOP_SECONDS``)."""
    port = port or free_port()
    graceful = None if stop_seconds is None else max(1, int(stop_seconds))
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host="127.0.0.1",
            port=port,
            log_level=log_level,
            lifespan="off",
            timeout_graceful_shutdown=graceful,
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the stub server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        if closing is not None:
            closing.set()
        server.should_exit = True
        thread.join(timeout=STOP_SECONDS if stop_seconds is None else stop_seconds)
        if thread.is_alive() and stop_seconds is not None:
            server.force_exit = True
            thread.join(timeout=stop_seconds)
