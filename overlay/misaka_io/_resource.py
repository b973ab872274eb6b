"""The base of the generated resources (``client.<tag>``): what a resource needs of its client,
as a protocol, so that the resources depend on the pipeline and not on the client classes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec, Protocol, TypeVar, cast, overload

from misaka_io._options import RequestOptions
from misaka_io._pagination import AsyncPage, SyncPage
from misaka_io_generated.types import Request

T = TypeVar("T")
R = TypeVar("R")
Item = TypeVar("Item")
P = ParamSpec("P")


class SyncPipeline(Protocol):
    @overload
    def _call(self, request: Request, cast_to: type[T], options: RequestOptions) -> T: ...
    @overload
    def _call(self, request: Request, cast_to: None, options: RequestOptions) -> None: ...
    def _page(
        self, request: Request, item: type[Item], options: RequestOptions
    ) -> SyncPage[Item]: ...


class AsyncPipeline(Protocol):
    @overload
    async def _call(self, request: Request, cast_to: type[T], options: RequestOptions) -> T: ...
    @overload
    async def _call(self, request: Request, cast_to: None, options: RequestOptions) -> None: ...
    async def _page(
        self, request: Request, item: type[Item], options: RequestOptions
    ) -> AsyncPage[Item]: ...


class SyncAPIResource:
    def __init__(self, client: SyncPipeline) -> None:
        self._client = client


class AsyncAPIResource:
    def __init__(self, client: AsyncPipeline) -> None:
        self._client = client


def raw(method: Callable[P, Any], result: type[R]) -> Callable[P, R]:
    """``method`` of a resource whose client is a ``with_raw_response`` view, typed as what
    that view returns (the ``APIResponse``)."""
    return cast(Callable[P, R], method)


def araw(method: Callable[P, Awaitable[Any]], result: type[R]) -> Callable[P, Awaitable[R]]:
    """``raw`` for the async resources."""
    return cast(Callable[P, Awaitable[R]], method)
