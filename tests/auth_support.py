"""What the auth tests share: the stub on its own clock with clients whose clock runs apart
from it (``StubSetup``, the ``setup`` fixture), a transport that answers one path its own way
(``Hostile``), a scripted session server for what the stub does not do (``Scripted``: a
``Date`` header, tokens without ``iat``, refusing every token), and ways to meet many callers
at once (``crowd``, ``yielding_stub``)."""

from __future__ import annotations

import asyncio
import email.utils
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import jwt

from misaka_io import (
    Misaka,
)
from misaka_io.testing.stub import ManualClock, StubConfig, create_app
from misaka_io.testing.stub.transport import SyncASGITransport
from tests.conftest import BASE, EMAIL, PASSWORD, Counting

LOGIN, REFRESH, LOGOUT = "/v3/session/login", "/v3/session/refresh", "/v3/session/logout"
SECRET = "scripted-server-key-0123456789abcdef"


# ---- the stub, on its own clock, with the client's clock offset from it ---------------------


class StubSetup:
    """The stub with a given config, a counting transport into it, and clients whose clock
    runs ``local_offset`` seconds away from the stub's."""

    def __init__(self, **config: Any) -> None:
        self.clock = ManualClock()
        self.app = create_app(StubConfig(clock=self.clock, **config))
        self.inner = SyncASGITransport(self.app)
        self.transport = Counting(self.inner)
        self.local_offset = 0.0
        self.made: list[Misaka] = []

    def client(self, transport: httpx.BaseTransport | None = None, **kwargs: Any) -> Misaka:
        kwargs.setdefault("base_url", BASE)
        if "api_token" not in kwargs:
            kwargs.setdefault("email", EMAIL)
            kwargs.setdefault("password", PASSWORD)
        kwargs.setdefault("clock", lambda: self.clock.now() + self.local_offset)
        client = Misaka(transport=transport or self.transport, **kwargs)
        self.made.append(client)
        return client

    def close(self) -> None:
        for client in self.made:
            client.close()
        self.inner.close()


def stub_setups() -> Iterator[Callable[..., StubSetup]]:
    """The body of a ``setup`` fixture: makes ``StubSetup``s, closed at the end."""
    made: list[StubSetup] = []

    def make(**config: Any) -> StubSetup:
        made.append(StubSetup(**config))
        return made[-1]

    yield make
    for one in made:
        one.close()


class Hostile(httpx.BaseTransport):
    """Passes requests to ``inner`` except for one path, answered by ``answer``."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        path: str,
        answer: Callable[[httpx.Request], httpx.Response],
    ) -> None:
        self.inner, self.path, self.answer = inner, path, answer
        self.hits = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == self.path:
            self.hits += 1
            return self.answer(request)
        return self.inner.handle_request(request)


# ---- a scripted session server ---------------------------------------------------------------


class Scripted:
    """Logs anyone in; accepts a bearer token until its ``exp`` on the server's clock (or never,
    and no refresh either, with ``refuse_all``); sends a ``Date`` header; leaves ``iat`` out
    when told to."""

    def __init__(self, now: float, *, ttl: int = 300, with_iat: bool = True) -> None:
        self.now, self.ttl, self.with_iat = now, ttl, with_iat
        self.refuse_all = False
        self.paths: Counter[str] = Counter()

    def token(self, kind: str) -> str:
        claims: dict[str, Any] = {"typ": kind, "exp": int(self.now + self.ttl), "sub": "1042"}
        if self.with_iat:
            claims["iat"] = int(self.now)
        return jwt.encode(claims, SECRET, algorithm="HS256")

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        self.paths[path] += 1
        headers = {"Date": email.utils.formatdate(self.now, usegmt=True)}
        if path == REFRESH and self.refuse_all:
            return httpx.Response(401, json={"detail": "Token is invalid"}, headers=headers)
        if path in (LOGIN, REFRESH):
            body = {"access": self.token("access"), "refresh": self.token("refresh")}
            return httpx.Response(200, json=body, headers=headers)
        scheme, _, credential = request.headers.get("authorization", "").partition(" ")
        try:
            claims = jwt.decode(
                credential,
                SECRET,
                algorithms=["HS256"],
                options={"verify_exp": False, "verify_iat": False},
            )
        except jwt.PyJWTError:
            claims = {}
        valid = claims.get("typ") == "access" and claims.get("exp", 0) > self.now
        if self.refuse_all or scheme != "Bearer" or not valid:
            return httpx.Response(401, json={"detail": "Token is invalid"}, headers=headers)
        return httpx.Response(200, json={"results": []}, headers=headers)


def scripted_client(server: Scripted, local: Callable[[], float], **kwargs: Any) -> Misaka:
    client = Misaka(
        base_url=BASE,
        email=EMAIL,
        password=PASSWORD,
        transport=httpx.MockTransport(server),
        clock=local,
        **kwargs,
    )
    return client


def yielding_stub(clock: ManualClock, paths: Counter[str]) -> httpx.MockTransport:
    """The stub behind a transport that gives the event loop a turn on every request, as a
    network would, so that concurrent tasks really meet on the auth lock."""
    inner = httpx.ASGITransport(app=create_app(StubConfig(clock=clock, access_ttl=300)))

    async def handler(request: httpx.Request) -> httpx.Response:
        paths[request.url.path] += 1
        await asyncio.sleep(0.001)
        return await inner.handle_async_request(request)

    return httpx.MockTransport(handler)


def crowd(call: Callable[[], object], size: int = 50) -> list[BaseException]:
    """Run ``call`` in ``size`` threads released at once; the errors they raised."""
    barrier, errors = threading.Barrier(size), []

    def work() -> None:
        try:
            barrier.wait()
            call()
        except BaseException as exc:  # pragma: no cover - reported by the caller
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(size)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors
