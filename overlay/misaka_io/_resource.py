"""The base of the generated resources (``client.<tag>``): what a resource needs of its client,
as a protocol, so that the resources depend on the pipeline and not on the client classes;
and ``Group``, the attribute that imports a tag's module only when the tag is first used."""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Generic, ParamSpec, Protocol, Self, TypeVar, cast, overload

from misaka_io._options import RequestOptions
from misaka_io._pagination import AsyncPaginator, SyncPage

if TYPE_CHECKING:
    from misaka_io_generated.types import Request

T = TypeVar("T")
R = TypeVar("R")
G = TypeVar("G")
Item = TypeVar("Item")
P = ParamSpec("P")


class SyncPipeline(Protocol):
    """A call's request carries the type of its result; a listing's, the page's item."""

    def _call(self, request: Request[T], options: RequestOptions) -> T: ...
    def _page(
        self, request: Request[Any], item: type[Item], options: RequestOptions
    ) -> SyncPage[Item]: ...


class AsyncPipeline(Protocol):
    async def _call(self, request: Request[T], options: RequestOptions) -> T: ...
    def _page(
        self, request: Request[Any], item: type[Item], options: RequestOptions
    ) -> AsyncPaginator[Item]: ...


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


class Group(Generic[G]):
    """A tag group as a class attribute of the clients (``client.dns``): built, and its module
    imported, at the first access on an instance, then kept in the instance's ``__dict__``.

    ``tag`` is the module's name in the package of the class that holds the attribute (so a
    vendored copy, renamed, finds its own). The instance holds the client the group is built
    on in ``_resources_client``; ``raw`` wraps the group in its ``...WithRawResponse`` class."""

    def __init__(self, tag: str, name: str, *, raw: bool = False) -> None:
        self._tag = tag
        self._name = name
        self._raw = raw
        self._attr = self._module = ""

    def __set_name__(self, owner: type, attr: str) -> None:
        self._attr = attr
        self._module = f"{owner.__module__}.{self._tag}"

    @overload
    def __get__(self, instance: None, owner: type) -> Self: ...
    @overload
    def __get__(self, instance: object, owner: type) -> G: ...
    def __get__(self, instance: object, owner: type) -> G | Self:
        if instance is None:
            return self
        module = importlib.import_module(self._module)
        group = getattr(module, self._name)(vars(instance)["_resources_client"])
        if self._raw:
            group = getattr(module, f"{self._name}WithRawResponse")(group)
        vars(instance)[self._attr] = group
        return cast(G, group)
