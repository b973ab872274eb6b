"""The plumbing of auth flows: what a flow is, and running one outside httpx.

A flow (``httpx.Auth``'s protocol) yields requests and is sent their answers. ``_auth`` and
``_session_io`` both build on this module and neither imports the other's internals: ``_auth``
loads ``_session_io`` only for a client with email and password, and ``_session_io`` knows
nothing of ``_auth``. The clients run the flows of ``ensure_session()`` with ``run_flow`` and
``arun_flow``.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Awaitable, Callable, Generator
from typing import Any

import httpx

Flow = Generator[httpx.Request, httpx.Response, None]
AsyncFlow = AsyncGenerator[httpx.Request, httpx.Response]
Timeouts = dict[str, Any]


def send_to(flow: Flow, answer: httpx.Response) -> httpx.Request | None:
    """The flow's next request after ``answer``, or None when it is done."""
    try:
        return flow.send(answer)
    except StopIteration:
        return None


async def asend_to(flow: AsyncFlow, answer: httpx.Response) -> httpx.Request | None:
    """``send_to`` for an async flow."""
    try:
        return await flow.asend(answer)
    except StopAsyncIteration:
        return None


def as_is(request: httpx.Request) -> Flow:
    yield request


async def aas_is(request: httpx.Request) -> AsyncFlow:
    yield request


def nothing() -> Flow:
    yield from ()


async def anothing() -> AsyncFlow:
    return
    yield  # an async generator that yields nothing


def run_flow(flow: Flow, send: Callable[[httpx.Request], httpx.Response]) -> None:
    """Send each request of ``flow`` (streamed: the flow reads the answer, then it is
    closed) until the flow is done."""
    try:
        request = next(flow, None)
        while request is not None:
            answer = send(request)
            try:
                request = send_to(flow, answer)
            finally:
                answer.close()
    finally:
        flow.close()


async def arun_flow(
    flow: AsyncFlow, send: Callable[[httpx.Request], Awaitable[httpx.Response]]
) -> None:
    """``run_flow`` for an async flow."""
    try:
        request = await anext(flow, None)
        while request is not None:
            answer = await send(request)
            try:
                request = await asend_to(flow, answer)
            finally:
                await answer.aclose()
    finally:
        await flow.aclose()
