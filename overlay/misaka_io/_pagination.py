"""Pages of a listing that you iterate: ``for item in page`` walks every item of every page,
fetching the next page only when it is needed.

A page is one answer of a listing operation. ``results`` is this page's items;
``has_next_page()``, ``next_page()`` and ``iter_pages()`` walk the pages. The next page is
the one the server's ``next`` names (on the same path, the same origin), or else the next
``offset`` after this page's items. The walk stops on an empty page, the ``count`` reached
(or, without a count, a short page), or a page that repeats the last one (whose items are
not yielded again). A listing is bounded: asking for the page after the ``max_pages``-th
(10,000 unless the client or the call says otherwise), or for a page the server's ``next``
names again after it was read (a loop), raises ``PaginationError`` instead of walking on;
the items read until then have been yielded. (No ``len()`` or indexing: they would be
ambiguous next to iteration.)

An async listing method returns an ``AsyncPaginator``: ``await`` it for the first page, or
``async for`` over it for every item of every page.

``every_item`` / ``every_item_async``: every item of a listing with a progress callback per
page, for the DNS workflows and the command line.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from itertools import chain
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast
from urllib.parse import parse_qsl, unquote, urlsplit

from misaka_io._exceptions import ConfigurationError, MisakaError

if TYPE_CHECKING:
    from misaka_io_generated.types import Request

Item = TypeVar("Item")
Key = tuple[str, tuple[tuple[str, str], ...]]

# Far above any real account (a million items at 100 a page), low enough to end a server
# that sends a new ``next`` forever.
DEFAULT_MAX_PAGES = 10_000
_UNKNOWN = object()  # a page's next request, not worked out yet


class PaginationError(MisakaError):
    """A listing did not end: more than ``max_pages`` pages, or a ``next`` that names a page
    already read. ``pages`` is how many pages were read (their items were yielded)."""

    def __init__(self, message: str, pages: int = 0) -> None:
        super().__init__(message)
        self.pages = pages

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (str(self), self.pages)


def check_max_pages(value: object) -> int:
    """``max_pages`` as a whole number of at least 1, or a ``ConfigurationError``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigurationError(f"max_pages must be a whole number of at least 1: {value!r}")
    return value


def _key(request: Request[Any]) -> Key:
    return request.path, tuple(sorted((k, str(v)) for k, v in request.params.items()))


class BasePage(Generic[Item]):
    """What sync and async pages share: the items, and where the next page is."""

    def __init__(
        self,
        request: Request[Any],
        listing: Any,
        *,
        previous: BasePage[Item] | None = None,
        max_pages: int = DEFAULT_MAX_PAGES,
    ) -> None:
        self.request = request
        self.listing = listing
        """The whole answer, a list model (``count``, ``next`` and anything else it holds)."""
        self.results: list[Item] = list(listing.results)
        self.number: int = previous.number + 1 if previous is not None else 1
        """Which page of the walk this is: 1 for the first."""
        self.max_pages: int = (
            previous.max_pages if previous is not None else check_max_pages(max_pages)
        )
        # Every page read in this walk, by the number of the page that read it first (shared
        # along the walk, so that an earlier page still answers for itself).
        self._read: dict[Key, int] = previous._read if previous is not None else {}
        self._read.setdefault(_key(request), self.number)
        self._repeats = previous is not None and previous.results == self.results
        self._next: object = _UNKNOWN

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {len(self.results)} items, {self.request.path}>"

    def _was_read(self, request: Request[Any]) -> bool:
        """Whether this walk read ``request``'s page by this page."""
        return self._read.get(_key(request), self.number + 1) <= self.number

    def _next_request(self) -> Request[Any] | None:
        """Worked out once per page (``has_next_page()`` then ``next_page()`` ask twice):
        a page, and what this walk had read by it, do not change."""
        if self._next is _UNKNOWN:
            self._next = self._work_out_next()
        return cast("Request[Any] | None", self._next)

    def _work_out_next(self) -> Request[Any] | None:
        if not self.results or self._repeats:
            return None
        following = self._from_next()
        if following is None:
            following = self._from_offset()
            if following is not None and self._was_read(following):
                return None
        return following

    def _following(self) -> Request[Any]:
        """The next page's request, within the listing's bounds (``PaginationError``)."""
        following = self._next_request()
        if following is None:
            raise RuntimeError("this is the last page: check has_next_page() first")
        where = self.request.path
        if self._was_read(following):
            raise PaginationError(
                f"the listing {where} does not end: after page {self.number} the server's "
                "next names a page already read",
                pages=self.number,
            )
        if self.number >= self.max_pages:
            raise PaginationError(
                f"the listing {where} has more than {self.max_pages} pages (max_pages): "
                "stopped; raise max_pages (misaka: --max-pages) if the account holds that much",
                pages=self.number,
            )
        return following

    def _from_next(self) -> Request[Any] | None:
        """The page the server names, when it names one on this listing's path."""
        named = getattr(self.listing, "next_", None)
        if not isinstance(named, str) or not named:
            return None
        # urllib's split and query parsing are what httpx.URL does here, at a fifth of the
        # cost (this runs for every page).
        url = urlsplit(named)
        path = unquote(url.path)
        if path != self.request.path and not path.endswith(self.request.path):
            return None
        return self.request.with_params(dict(parse_qsl(url.query, keep_blank_values=True)))

    def _from_offset(self) -> Request[Any] | None:
        if getattr(self.listing, "next_", ...) is None:  # the server says: no more
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
        return self.request.with_params({**params, "offset": after})

    def has_next_page(self) -> bool:
        return self._next_request() is not None


class SyncPage(BasePage[Item]):
    def __init__(
        self,
        request: Request[Any],
        listing: Any,
        fetch: Callable[[Request[Any], SyncPage[Item]], SyncPage[Item]],
        *,
        previous: SyncPage[Item] | None = None,
        max_pages: int = DEFAULT_MAX_PAGES,
    ) -> None:
        super().__init__(request, listing, previous=previous, max_pages=max_pages)
        self._fetch = fetch

    def next_page(self) -> SyncPage[Item]:
        return self._fetch(self._following(), self)

    def iter_pages(self) -> Iterator[SyncPage[Item]]:
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = page.next_page()

    def __iter__(self) -> Iterator[Item]:
        # chain: each item costs a C step, not a generator's resume (a 10,000-item walk).
        return chain.from_iterable(page.results for page in self.iter_pages() if not page._repeats)


class AsyncPage(BasePage[Item]):
    def __init__(
        self,
        request: Request[Any],
        listing: Any,
        fetch: Callable[[Request[Any], AsyncPage[Item]], Awaitable[AsyncPage[Item]]],
        *,
        previous: AsyncPage[Item] | None = None,
        max_pages: int = DEFAULT_MAX_PAGES,
    ) -> None:
        super().__init__(request, listing, previous=previous, max_pages=max_pages)
        self._fetch = fetch

    async def next_page(self) -> AsyncPage[Item]:
        return await self._fetch(self._following(), self)

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


class AsyncPaginator(Generic[Item]):
    """What an async listing returns before anything is sent: ``await`` it for the first
    ``AsyncPage``, or ``async for item in ...`` to walk every item of every page. Each of
    them fetches the first page anew."""

    def __init__(self, first: Callable[[], Awaitable[AsyncPage[Item]]]) -> None:
        self._first = first

    def __await__(self) -> Generator[Any, Any, AsyncPage[Item]]:
        return self._first().__await__()

    async def __aiter__(self) -> AsyncIterator[Item]:
        async for item in await self._first():
            yield item


# ---- every item of a listing, with a progress callback per page ---------------------------
# The one place that walks pages for the DNS workflows and the command line.

PAGE_SIZE = 100

ProgressCallback = Callable[[int, int | None], None]


def _total(page: Any) -> int | None:
    """The item count the server announces, when it does."""
    count = getattr(page.listing, "count", None)
    return count if isinstance(count, int) else None


def has_next(page: Any) -> bool:
    """Whether another page follows this one."""
    return bool(page.has_next_page())


def every_item(
    list_page: Callable[..., Any],
    *args: Any,
    page_size: int = PAGE_SIZE,
    on_page: ProgressCallback | None = None,
    **kwargs: Any,
) -> Iterator[Any]:
    """The items of every page of ``list_page(*args, limit=page_size, **kwargs)``."""
    seen = 0
    for page in list_page(*args, limit=page_size, **kwargs).iter_pages():
        seen += len(page.results)
        if on_page is not None:
            on_page(seen, _total(page))
        yield from page.results


async def every_item_async(
    list_page: Callable[..., Awaitable[Any]],
    *args: Any,
    page_size: int = PAGE_SIZE,
    on_page: ProgressCallback | None = None,
    **kwargs: Any,
) -> AsyncIterator[Any]:
    """The async twin of ``every_item``."""
    seen = 0
    first = await list_page(*args, limit=page_size, **kwargs)
    async for page in first.iter_pages():
        seen += len(page.results)
        if on_page is not None:
            on_page(seen, _total(page))
        for item in page.results:
            yield item
