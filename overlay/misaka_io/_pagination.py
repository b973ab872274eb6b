"""Pages of a listing that you iterate: ``for item in page`` walks every item of every page,
fetching the next page only when it is needed.

A page is one answer of a listing operation. ``results`` is this page's items;
``has_next_page()``, ``next_page()`` and ``iter_pages()`` walk the pages. The next page is
the one the server's ``next`` names (on the same path, the same origin), or else the next
``offset`` after this page's items. The walk stops on an empty page, the ``count`` reached
(or, without a count, a short page), a ``next`` seen before, or a page that repeats the last
one (whose items are not yielded again): it never loops. (No ``len()`` or indexing: they
would be ambiguous next to iteration.)
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import replace
from typing import Any, Generic, TypeVar

import httpx

from misaka_io_generated.types import UNSET, Request

Item = TypeVar("Item")


def _key(request: Request) -> tuple[str, tuple[tuple[str, str], ...]]:
    return request.path, tuple(sorted((k, str(v)) for k, v in request.params.items()))


class BasePage(Generic[Item]):
    """What sync and async pages share: the items, and where the next page is."""

    def __init__(
        self,
        request: Request,
        listing: Any,
        *,
        previous: BasePage[Item] | None = None,
    ) -> None:
        self.request = request
        self.listing = listing
        """The whole answer, a list model (``count``, ``next`` and anything else it holds)."""
        self.results: list[Item] = list(listing.results)
        self._seen: set[tuple[str, tuple[tuple[str, str], ...]]] = {_key(request)}
        if previous is not None:
            self._seen |= previous._seen
        self._repeats = previous is not None and previous.results == self.results

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {len(self.results)} items, {self.request.path}>"

    def _next_request(self) -> Request | None:
        if not self.results or self._repeats:
            return None
        following = self._from_next()
        if following is None:
            following = self._from_offset()
        if following is None or _key(following) in self._seen:
            return None
        return following

    def _from_next(self) -> Request | None:
        """The page the server names, when it names one on this listing's path."""
        named = getattr(self.listing, "next_", UNSET)
        if not isinstance(named, str) or not named:
            return None
        url = httpx.URL(named)
        if url.path != self.request.path and not url.path.endswith(self.request.path):
            return None
        return replace(self.request, params=dict(url.params.multi_items()))

    def _from_offset(self) -> Request | None:
        if getattr(self.listing, "next_", UNSET) is None:  # the server says: no more
            return None
        params = self.request.params
        offset = int(params.get("offset", 0))
        limit = params.get("limit")
        after = offset + len(self.results)
        count = getattr(self.listing, "count", None)
        if isinstance(count, int) and after >= count:
            return None
        if not isinstance(count, int) and limit is not None and len(self.results) < int(limit):
            return None  # without a count, a short page is the last one
        return replace(self.request, params={**params, "offset": after})

    def has_next_page(self) -> bool:
        return self._next_request() is not None


class SyncPage(BasePage[Item]):
    def __init__(
        self,
        request: Request,
        listing: Any,
        fetch: Callable[[Request, SyncPage[Item]], SyncPage[Item]],
        *,
        previous: SyncPage[Item] | None = None,
    ) -> None:
        super().__init__(request, listing, previous=previous)
        self._fetch = fetch

    def next_page(self) -> SyncPage[Item]:
        following = self._next_request()
        if following is None:
            raise RuntimeError("this is the last page: check has_next_page() first")
        return self._fetch(following, self)

    def iter_pages(self) -> Iterator[SyncPage[Item]]:
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = page.next_page()

    def __iter__(self) -> Iterator[Item]:
        for page in self.iter_pages():
            if not page._repeats:
                yield from page.results


class AsyncPage(BasePage[Item]):
    def __init__(
        self,
        request: Request,
        listing: Any,
        fetch: Callable[[Request, AsyncPage[Item]], Awaitable[AsyncPage[Item]]],
        *,
        previous: AsyncPage[Item] | None = None,
    ) -> None:
        super().__init__(request, listing, previous=previous)
        self._fetch = fetch

    async def next_page(self) -> AsyncPage[Item]:
        following = self._next_request()
        if following is None:
            raise RuntimeError("this is the last page: check has_next_page() first")
        return await self._fetch(following, self)

    async def iter_pages(self) -> AsyncIterator[AsyncPage[Item]]:
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = await page.next_page()

    async def __aiter__(self) -> AsyncIterator[Item]:
        async for page in self.iter_pages():
            for item in () if page._repeats else page.results:
                yield item
