"""Serve the stub over HTTP: ``python -m misaka_io.testing.stub`` (``make stub``).

It prints the variables a client needs as ``export NAME=value`` lines, ready to paste.
"""

from __future__ import annotations

import os
import shlex

import uvicorn

from misaka_io.testing.stub import create_app


def exports(base_url: str, token: str) -> str:
    return "\n".join(
        f"export {name}={shlex.quote(value)}"
        for name, value in (("MISAKA_BASE_URL", base_url), ("MISAKA_API_TOKEN", token))
    )


def main() -> None:
    host = os.environ.get("STUB_HOST", "127.0.0.1")
    port = int(os.environ.get("STUB_PORT", "8080"))
    app = create_app()
    print(f"# Misaka v3 stub on http://{host}:{port}; paste these lines into your shell:")
    print(exports(f"http://{host}:{port}", app.config.api_token))
    print("# seeded login: noc@example.net / correct-horse-battery (Ctrl-C stops)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level=os.environ.get("STUB_LOG_LEVEL", "warning"))


if __name__ == "__main__":
    main()
