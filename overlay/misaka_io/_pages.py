"""Every item of a listing, with a progress callback per page: the one place that walks
pages for the DNS workflows and the command line (the walking itself is the page's own,
``SyncPage.iter_pages`` / ``AsyncPage.iter_pages``)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

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
