"""The session speaks operations: its logins and refreshes are the spec's operations for those
steps, built by the generated request builders through the client's own build step (its
headers, its base URL), read through the operations' models, any 2xx a success; every request
names its operation; and the client's modules import one another without a circle."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest

from misaka_io import AsyncMisaka, Misaka
from misaka_io.spec import load_spec
from tests.conftest import BASE

OVERLAY = Path(__file__).resolve().parent.parent / "overlay" / "misaka_io"
FAR = 4_000_000_000
START = 1_800_000_000  # the client's clock, moved by the tests (tokens live 300 s)


def _jwt(kind: str, n: int, exp: int = FAR) -> str:
    return jwt.encode({"jti": f"{kind}{n}", "exp": exp}, "k" * 32, algorithm="HS256")


class Api:
    """Login and refresh answer with the status the test picks; every request is kept."""

    def __init__(self, status: int = 200) -> None:
        self.status = status
        self.seen: list[httpx.Request] = []
        self.issued = 0
        self.now = START

    def clock(self) -> float:
        return self.now

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        path = request.url.path
        if path.endswith(("/session/login", "/session/refresh")):
            self.issued += 1
            access = _jwt("a", self.issued, int(self.now) + 300)
            tokens = {"access": access, "refresh": _jwt("r", self.issued)}
            return httpx.Response(self.status, json=tokens)
        if path.endswith("/session/logout"):
            return httpx.Response(self.status, json={"success": True})
        return httpx.Response(200, json={"results": [], "count": 0})

    def paths(self) -> list[str]:
        return [r.url.path for r in self.seen]


def _client(api: Api, **kwargs: Any) -> Misaka:
    return Misaka(
        email="noc@example.net",
        password="correct-horse-battery",
        base_url=BASE,
        transport=httpx.MockTransport(api),
        max_retries=0,
        clock=api.clock,
        **kwargs,
    )


def _twice(client: Misaka, api: Api) -> None:
    """A call (it logs in), then another once the token has expired (it refreshes)."""
    client.teams.list_teams()
    api.now += 600
    client.teams.list_teams()


@pytest.mark.parametrize("status", [200, 201, 202])
def test_a_login_and_a_refresh_answered_with_any_2xx_open_the_session(status: int) -> None:
    api = Api(status)
    with _client(api) as client:
        _twice(client, api)
    assert api.paths() == ["/v3/session/login", "/v3/teams", "/v3/session/refresh", "/v3/teams"]
    bearer = api.seen[-1].headers["authorization"]
    assert bearer == f"Bearer {_jwt('a', 2, START + 600 + 300)}"


def test_a_logout_answered_with_any_2xx_is_done() -> None:
    api = Api(202)
    with _client(api) as client:
        client.login()
        client.logout()
    assert api.paths()[-1] == "/v3/session/logout"


def test_the_session_requests_go_through_the_clients_own_build_step() -> None:
    api = Api()
    with _client(api, default_headers={"X-Trace": "t-1"}) as client:
        _twice(client, api)
    assert len(api.seen) == 4
    for request in api.seen:  # the login and the refresh too: the client's headers
        assert request.headers.get("x-trace") == "t-1", request.url.path
        assert request.headers["user-agent"].startswith("misaka-io/")


def test_every_request_names_the_operation_it_was_built_from() -> None:
    api = Api()
    with _client(api) as client:
        _twice(client, api)
        client.logout()
    named = [r.extensions.get("misaka_operation") for r in api.seen]
    operations = {op["operationId"]: (path, method) for path, method, op in _operations()}
    assert named == ["login", "list_teams", "refresh_user_token", "list_teams", "logout"]
    for request, name in zip(api.seen, named, strict=True):
        path, method = operations[str(name)]
        assert (request.url.path, request.method) == (path, method.upper())


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    paths = load_spec()["paths"]
    return [
        (p, m, op) for p, item in paths.items() for m, op in item.items() if "operationId" in op
    ]


def test_the_session_steps_send_what_their_request_models_encode() -> None:
    api = Api()
    with _client(api, sliding=True) as client:
        _twice(client, api)
    login, refresh = (json.loads(r.content) for r in (api.seen[0], api.seen[2]))
    assert login == {
        "email": "noc@example.net",
        "password": "correct-horse-battery",
        "sliding": True,
    }
    assert refresh == {"refresh": _jwt("r", 1)}


async def test_the_async_client_sends_the_same_session_operations() -> None:
    api = Api(201)
    client = AsyncMisaka(
        email="noc@example.net",
        password="correct-horse-battery",
        base_url=BASE,
        transport=httpx.MockTransport(api),
        max_retries=0,
        clock=api.clock,
        default_headers={"X-Trace": "t-2"},
    )
    await client.teams.list_teams()
    api.now += 600
    await client.ensure_session()
    await client.close()
    assert api.paths() == ["/v3/session/login", "/v3/teams", "/v3/session/refresh"]
    assert all(r.headers.get("x-trace") == "t-2" for r in api.seen)


# ---- the client's modules import one another without a circle ---------------------------------


def _runtime_imports(path: Path) -> set[str]:
    """The misaka_io modules a module imports when it runs (not under TYPE_CHECKING)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found: list[list[str]] = []

    def walk(node: str, trail: list[str]) -> None:
        for nxt in sorted(graph[node]):
            if nxt == trail[0]:
                found.append(trail)
            elif nxt not in trail and nxt > trail[0]:
                walk(nxt, [*trail, nxt])

    for start in sorted(graph):
        walk(start, [start])
    return found


def test_the_clients_modules_import_one_another_without_a_circle_but_the_tables() -> None:
    modules = {f"misaka_io.{p.stem}": p for p in OVERLAY.glob("*.py") if p.stem != "__init__"}
    graph = {name: _runtime_imports(path) & set(modules) for name, path in modules.items()}
    graph = {name: edges - {name} for name, edges in graph.items()}
    cycles = _cycles(graph)
    assert cycles == [["misaka_io._table", "misaka_io._table_types"]]
