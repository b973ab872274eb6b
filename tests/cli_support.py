"""Running the ``misaka`` console script as a subprocess against the stub served over HTTP."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from misaka_io.testing.stub import DEFAULT_API_TOKEN, create_app
from misaka_io.testing.stub.server import serve

BIN = Path(sys.executable).parent
MISAKA = BIN / "misaka"
TOKEN = DEFAULT_API_TOKEN
EMAIL, PASSWORD = "noc@example.net", "correct-horse-battery"
# A request to this listing offset gets a 500 from the server (see ``failing``).
FAILING_OFFSET = 13
REQUEST_ID = "req-5xx-0000000000000000000001"
TIMEOUT = 30

Scope = MutableMapping[str, Any]
Asgi = Callable[
    [Scope, Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]], Awaitable[None]
]


def failing(app: Asgi) -> Asgi:
    """The stub, except that a listing asked for ``offset=13`` answers 500 (no retry wait)."""

    async def asgi(scope: Scope, receive: Any, send: Any) -> None:
        query = scope.get("query_string", b"")
        if scope["type"] == "http" and f"offset={FAILING_OFFSET}".encode() in query:
            headers = [
                (b"content-type", b"application/json"),
                (b"x-request-id", REQUEST_ID.encode()),
                (b"retry-after", b"0"),
            ]
            await send({"type": "http.response.start", "status": 500, "headers": headers})
            await send({"type": "http.response.body", "body": b'{"detail":"Database unavailable"}'})
            return
        await app(scope, receive, send)

    return asgi


def served_stub() -> Iterator[str]:
    with serve(failing(create_app())) as url:
        yield url


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@dataclass
class Cli:
    """``misaka`` with the stub's URL, a config directory of its own and, unless told
    otherwise, the stub's API token."""

    base_url: str
    config_dir: Path

    def env(self, token: bool = True, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("MISAKA_", "CERTBOT_"))}
        env.update(MISAKA_BASE_URL=self.base_url, MISAKA_CONFIG_DIR=str(self.config_dir))
        if token:
            env["MISAKA_API_TOKEN"] = TOKEN
        env.update(extra)
        return env

    def __call__(
        self,
        *args: str,
        token: bool = True,
        stdin: str | None = None,
        env: dict[str, str] | None = None,
        **extra: str,
    ) -> Result:
        assert MISAKA.exists(), f"{MISAKA} is missing: run `make setup` (pip install -e .)"
        done = subprocess.run(
            [str(MISAKA), *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=env or self.env(token, **extra),
            timeout=TIMEOUT,
            check=False,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    def many(self, *calls: tuple[str, ...]) -> list[Result]:
        """Independent runs side by side (each start-up is mostly import time)."""
        with ThreadPoolExecutor(max_workers=4) as pool:
            return list(pool.map(lambda args: self(*args), calls))

    def ok(self, *args: str, **kwargs: Any) -> Any:
        """Run with ``-o json``, expect exit 0, return the parsed output (None when empty)."""
        result = (
            self(*args, "-o", "json", **kwargs) if _takes_output(args) else self(*args, **kwargs)
        )
        assert result.code == 0, (args, result.code, result.err)
        return json.loads(result.out) if result.out.strip() else None


def _takes_output(args: tuple[str, ...]) -> bool:
    return not ({"--help", "completion", "login", "logout"} & set(args))


def one_line(err: str) -> str:
    """The single line a failure prints (and check that it is one)."""
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("misaka: "), err
    assert "Traceback" not in err
    return lines[0]
