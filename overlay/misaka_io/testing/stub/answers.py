"""What a handler gets and gives: its context, the page envelope, and the non-200 answers.

A handler is called as ``handler(ctx, **parameters)`` with the operation's validated path
and query parameters as keyword arguments (and ``body=`` when the operation takes one);
``limit``/``offset`` go to ``ctx.page`` instead, the one helper that builds a listing
envelope. It returns the body of a 200 answer, or an ``Answer`` for another status, or
raises ``Reply`` to stop with an error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

if TYPE_CHECKING:
    from misaka_io.testing.stub.auth import Principal
    from misaka_io.testing.stub.state import State

# The paging parameters of the listing convention; every other parameter is an argument.
PAGING = ("limit", "offset")
DEFAULT_LIMIT = 100


class Reply(Exception):
    """An answer other than the handler's normal one (raised to stop the handler)."""

    def __init__(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        super().__init__(status)
        self.status, self.body, self.headers = status, body, headers or {}


@dataclass(frozen=True)
class Answer:
    """A successful answer whose status is not 200."""

    status: int
    body: Any = None


def not_found(what: str = "Not found.") -> Reply:
    return Reply(404, {"detail": what})


def invalid(loc: list[str | int], msg: str, kind: str = "value_error") -> Reply:
    return Reply(422, {"detail": [{"type": kind, "loc": loc, "msg": msg}]})


@dataclass(frozen=True)
class Paging:
    """Where a listing starts and how long it is, and how to link to its neighbours."""

    limit: int
    offset: int
    url: str  # the request URL without its query
    query: tuple[tuple[str, str], ...]  # the other query parameters, kept in the links

    def envelope(self, items: list[Any]) -> dict[str, Any]:
        """The listing envelope of the spec over ``items``: count, next, previous, results."""
        offset = min(self.offset, len(items))
        end = offset + self.limit
        return {
            "count": len(items),
            "next": self._link(end) if end < len(items) else None,
            "previous": self._link(max(offset - self.limit, 0)) if offset > 0 else None,
            "results": items[offset:end],
        }

    def _link(self, at: int) -> str:
        return f"{self.url}?{urlencode([*self.query, ('limit', self.limit), ('offset', at)])}"


@dataclass(frozen=True)
class Ctx:
    state: State
    principal: Principal | None
    page: Paging

    @property
    def user(self) -> Principal:
        assert self.principal is not None  # the router authenticates secured operations
        return self.principal


Handler = Callable[..., Any]
_MARK = "__misaka_operation__"


def handles(operation_id: str) -> Callable[[Handler], Handler]:
    """Mark ``fn`` as the handler of ``operation_id``; ``collect`` gathers the marked ones
    (nothing is registered as a side effect of importing a module)."""

    def mark(fn: Handler) -> Handler:
        setattr(fn, _MARK, operation_id)
        return fn

    return mark


def collect(*modules: ModuleType) -> dict[str, Handler]:
    """operationId -> handler, from the functions of ``modules`` that ``handles`` marked."""
    out: dict[str, Handler] = {}
    for module in modules:
        for fn in vars(module).values():
            operation_id = getattr(fn, _MARK, None)
            if operation_id is None:
                continue
            if operation_id in out and out[operation_id] is not fn:
                raise ValueError(f"two handlers for {operation_id}: {module.__name__}")
            out[operation_id] = fn
    return out
