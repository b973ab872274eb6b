"""Every item of a limit/offset listing: the one place that walks pages.

Replace the two function bodies by iterating the page object (``for item in page`` /
``async for item in page``) once the pipeline lands; callers keep these signatures.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

PAGE_SIZE = 100
# A listing longer than this many pages is taken as a server that ignores ``offset``.
MAX_PAGES = 10_000

ProgressCallback = Callable[[int, int | None], None]


def _next_link(page: Any) -> Any:
    """The envelope's ``next`` (the generated models call it ``next_``); UNSET when absent."""
    from misaka_io_generated.types import UNSET

    return getattr(page, "next_", getattr(page, "next", UNSET))


def has_next(page: Any) -> bool:
    """Whether the server links a next page."""
    return isinstance(_next_link(page), str)


def _page_step(page: Any, page_size: int) -> tuple[list[Any], int | None, bool]:
    """(this page's items, the total when the server says it, whether another page follows)."""
    items = list(page.results)
    count = getattr(page, "count", None)
    total = count if isinstance(count, int) else None
    said_last = _next_link(page) is None  # an explicit null: the server says it is the last
    more = bool(items) and len(items) >= page_size and not said_last
    return items, total, more


def every_item(
    list_page: Callable[..., Any],
    *args: Any,
    page_size: int = PAGE_SIZE,
    on_page: ProgressCallback | None = None,
    **kwargs: Any,
) -> Iterator[Any]:
    """Call ``list_page(*args, limit=, offset=, **kwargs)`` page after page, yielding items.

    Replace by iterating the page once the pipeline lands.
    """
    offset, seen = 0, 0
    for _ in range(MAX_PAGES):
        page = list_page(*args, limit=page_size, offset=offset, **kwargs)
        items, total, more = _page_step(page, page_size)
        seen += len(items)
        if on_page is not None:
            on_page(seen, total)
        yield from items
        if not more:
            return
        offset += len(items)
    raise RuntimeError(f"listing did not end after {MAX_PAGES} pages")


async def every_item_async(
    list_page: Callable[..., Awaitable[Any]],
    *args: Any,
    page_size: int = PAGE_SIZE,
    on_page: ProgressCallback | None = None,
    **kwargs: Any,
) -> AsyncIterator[Any]:
    """The async twin of ``every_item`` (same steps, awaited calls).

    Replace by iterating the page once the pipeline lands.
    """
    offset, seen = 0, 0
    for _ in range(MAX_PAGES):
        page = await list_page(*args, limit=page_size, offset=offset, **kwargs)
        items, total, more = _page_step(page, page_size)
        seen += len(items)
        if on_page is not None:
            on_page(seen, total)
        for item in items:
            yield item
        if not more:
            return
        offset += len(items)
    raise RuntimeError(f"listing did not end after {MAX_PAGES} pages")
