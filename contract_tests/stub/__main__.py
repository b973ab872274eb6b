"""Serve the stub over HTTP: ``python -m contract_tests.stub`` (``make stub``)."""

from __future__ import annotations

import os

import uvicorn

from contract_tests.stub import create_app


def main() -> None:
    host = os.environ.get("STUB_HOST", "127.0.0.1")
    port = int(os.environ.get("STUB_PORT", "8080"))
    app = create_app()
    print(f"Misaka v3 stub on http://{host}:{port}", flush=True)
    print(f"  MISAKA_BASE_URL=http://{host}:{port}", flush=True)
    print(f"  MISAKA_API_TOKEN={app.config.api_token}", flush=True)
    print("  seeded login: noc@example.net / correct-horse-battery (Ctrl-C stops)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level=os.environ.get("STUB_LOG_LEVEL", "warning"))


if __name__ == "__main__":
    main()
