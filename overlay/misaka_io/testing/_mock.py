"""``mock()``: every Misaka client of the process talks to one in-process stub.

While a ``mock()`` is active (a ``with`` block, a decorated function, or the ``misaka_mock``
fixture), httpx's own network transports (``httpx.HTTPTransport.handle_request`` and
``httpx.AsyncHTTPTransport.handle_async_request``, as respx and pytest-httpx patch them) hand
each request to the mock instead of the network: a request of a Misaka client (its
``User-Agent`` is ``misaka-io/...``) or to the API's host (``https://api.misaka.io``, or
``MISAKA_BASE_URL``'s) goes to the stub, in process, whatever the client's base URL; any other
request is refused with ``UnstubbedRequestError`` and remembered, so that the test fails even
when the code swallowed the error. A client given its own ``transport=`` (not an httpx network
transport) keeps it. The ``misaka`` command run in process (``misaka_io.cli.main`` or click's
``CliRunner``) builds its client the same way, so it is caught too.

For the duration, the environment is made to fit: ``MISAKA_API_TOKEN`` is the stub's token
when unset (a token already set is let in as the stub's first account); ``MISAKA_CONFIG_DIR``
and ``MISAKA_LOCK_DIR`` point into a directory of this mock, and ``MISAKA_LOCK_URL`` is unset,
so that the command's profiles and sessions, and the DNS write locks, are never the user's
nor another pytest-xdist worker's. Only one mock is active at a time in a process (the
innermost wins).
"""

from __future__ import annotations

import functools
import inspect
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Any, TypeVar

import httpx

from misaka_io._config import DEFAULT_BASE_URL, ENV_API_TOKEN, ENV_BASE_URL
from misaka_io._recordset_lock import DIR_ENV, URL_ENV  # where DNS write locks go
from misaka_io.testing._front import AsyncTransport, SyncTransport
from misaka_io.testing._misaka_stub import MisakaStub

F = TypeVar("F", bound=Callable[..., Any])
_USER_AGENT = "misaka-io/"
_ENV_CONFIG_DIR = "MISAKA_CONFIG_DIR"  # the command's (misaka_io.cli._settings)

_state = threading.Lock()
_active: list[Mock] = []
_originals: dict[str, Any] = {}


class UnstubbedRequestError(AssertionError):
    """A request to a host that is not the Misaka API, made while ``mock()`` was active."""


def _current() -> Mock | None:
    with _state:
        return _active[-1] if _active else None


def _patched_sync(self: httpx.HTTPTransport, request: httpx.Request) -> httpx.Response:
    active = _current()
    if active is None:
        return _originals["sync"](self, request)  # type: ignore[no-any-return]
    response: httpx.Response = active.handle(request, lambda: _originals["sync"](self, request))
    return response


async def _patched_async(self: httpx.AsyncHTTPTransport, request: httpx.Request) -> httpx.Response:
    active = _current()
    if active is None:
        return await _originals["async"](self, request)  # type: ignore[no-any-return]
    network = lambda: _originals["async"](self, request)  # noqa: E731
    response: httpx.Response = await active.handle_async(request, network)
    return response


def _push(mock: Mock) -> None:
    with _state:
        if not _active:
            _originals["sync"] = httpx.HTTPTransport.handle_request
            _originals["async"] = httpx.AsyncHTTPTransport.handle_async_request
            httpx.HTTPTransport.handle_request = _patched_sync  # type: ignore[method-assign]
            httpx.AsyncHTTPTransport.handle_async_request = _patched_async  # type: ignore[method-assign]
        _active.append(mock)


def _pop(mock: Mock) -> None:
    with _state:
        _active.remove(mock)
        if not _active:
            httpx.HTTPTransport.handle_request = _originals.pop("sync")  # type: ignore[method-assign]
            httpx.AsyncHTTPTransport.handle_async_request = _originals.pop("async")  # type: ignore[method-assign]


class Mock:
    """What ``mock()`` returns: a context manager (``with mock() as stub``) and a decorator."""

    def __init__(
        self,
        stub: MisakaStub | None = None,
        *,
        allow_hosts: Iterable[str] = (),
        assert_all_met: bool | None = None,
        **stub_options: Any,
    ) -> None:
        if stub is not None and stub_options:
            raise TypeError("give a stub or the options of a new one, not both")
        self._given = stub
        self._options = stub_options
        self._allow = {h.lower() for h in allow_hosts}
        self._assert_all_met = assert_all_met
        self.stub: MisakaStub | None = None
        self.blocked: list[str] = []
        self._hosts: set[str] = set()
        self._env: dict[str, str | None] = {}
        self._dir: str | None = None
        self._sync: SyncTransport | None = None
        self._async: AsyncTransport | None = None

    # ---- routing -------------------------------------------------------------------------

    def _to_stub(self, request: httpx.Request) -> bool | None:
        """True: the stub's; None: the network's (an allowed host); False: refused."""
        host = request.url.host.lower()
        if host in self._allow:
            return None
        agent = request.headers.get("user-agent", "")
        return agent.startswith(_USER_AGENT) or host in self._hosts

    def _refuse(self, request: httpx.Request) -> UnstubbedRequestError:
        url = request.url  # without credentials or query, which may hold secrets
        port = "" if url.port is None else f":{url.port}"
        where = f"{request.method} {url.scheme}://{url.host}{port}{url.path}"
        self.blocked.append(where)
        return UnstubbedRequestError(
            f"testing.mock() refused {where}: only requests of Misaka clients go to "
            "the stub, and nothing goes to the network (allow_hosts= lets a host through)"
        )

    def handle(self, request: httpx.Request, network: Callable[[], httpx.Response]) -> Any:
        verdict = self._to_stub(request)
        if verdict is None:
            return network()
        if not verdict or self._sync is None:
            raise self._refuse(request)
        return self._sync.handle_request(request)

    async def handle_async(self, request: httpx.Request, network: Callable[[], Any]) -> Any:
        verdict = self._to_stub(request)
        if verdict is None:
            return await network()
        if not verdict or self._async is None:
            raise self._refuse(request)
        return await self._async.handle_async_request(request)

    # ---- starting and stopping ------------------------------------------------------------

    def _set_env(self, name: str, value: str) -> None:
        self._env.setdefault(name, os.environ.get(name))
        os.environ[name] = value

    def start(self) -> MisakaStub:
        stub = self._given or MisakaStub(**self._options)
        if self._assert_all_met is not None:
            stub.assert_all_met = self._assert_all_met
        self.stub, self.blocked = stub, []
        self._hosts = {httpx.URL(DEFAULT_BASE_URL).host}
        given = os.environ.get(ENV_BASE_URL, "")
        if given:
            self._hosts.add(httpx.URL(given).host.lower())
        token = os.environ.get(ENV_API_TOKEN)
        if token:
            stub.accept_api_token(token)
        else:
            self._set_env(ENV_API_TOKEN, stub.api_token)
        self._dir = tempfile.mkdtemp(prefix="misaka-mock-")
        if _ENV_CONFIG_DIR not in os.environ:
            self._set_env(_ENV_CONFIG_DIR, os.path.join(self._dir, "config"))
        private = os.path.join(self._dir, "locks")
        os.mkdir(private, 0o700)
        self._set_env(DIR_ENV, private)
        self._env.setdefault(URL_ENV, os.environ.pop(URL_ENV, None))
        self._sync, self._async = stub.transport(), stub.async_transport()
        _push(self)
        return stub

    def stop(self, failed: bool = False) -> None:
        """Undo what ``start`` did; unless the block ``failed``, raise for a refused request
        and (``assert_all_met``) for a fault never met."""
        _pop(self)
        for name, value in self._env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        self._env.clear()
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None
        stub, self._sync, self._async = self.stub, None, None
        if stub is None:
            return
        if self._given is None:
            stub.close()
        if failed:
            return
        if self.blocked:
            raise UnstubbedRequestError(
                f"testing.mock() refused {len(self.blocked)} request(s) to hosts "
                f"that are not the Misaka API: {', '.join(self.blocked[:5])}"
            )
        if stub.assert_all_met:
            stub.verify()

    def __enter__(self) -> MisakaStub:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop(failed=exc_type is not None)

    def __call__(self, fn: F) -> F:
        """As a decorator: the function runs inside a new mock (each call its own stub)."""
        options, given, allow = self._options, self._given, self._allow
        assert_all_met = self._assert_all_met

        def fresh() -> Mock:
            return Mock(given, allow_hosts=allow, assert_all_met=assert_all_met, **options)

        if inspect.iscoroutinefunction(fn):

            @functools.wraps(fn)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                with fresh():
                    return await fn(*args, **kwargs)

            return run_async  # type: ignore[return-value]

        @functools.wraps(fn)
        def run(*args: Any, **kwargs: Any) -> Any:
            with fresh():
                return fn(*args, **kwargs)

        return run  # type: ignore[return-value]


def mock(
    stub: MisakaStub | None = None,
    *,
    allow_hosts: Iterable[str] = (),
    assert_all_met: bool | None = None,
    **stub_options: Any,
) -> Mock:
    """Every ``Misaka``/``AsyncMisaka`` made anywhere in the process, and the ``misaka``
    command run in process, talk to one stub while this is active::

        with misaka_io.testing.mock() as stub:
            stub.add_zone("example.net")
            my_code_that_builds_its_own_client()

    ``stub``: the stub to use (else a new ``MisakaStub(**stub_options)``); ``allow_hosts``:
    hosts whose requests go to the network as usual; ``assert_all_met``: whether a fault never
    met fails the block (default: the stub's setting, True). Also a decorator
    (``@mock()``) and the pytest fixture ``misaka_mock``."""
    return Mock(stub, allow_hosts=allow_hosts, assert_all_met=assert_all_met, **stub_options)
