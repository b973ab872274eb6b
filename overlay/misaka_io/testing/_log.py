"""The record of what a ``MisakaStub`` received: ``RecordedRequest`` and ``RequestLog``.

Each request is kept with its operation (``tag.operation_id`` of the operation table, None for
a path the API does not have), its decoded JSON body (the fields the spec marks secret masked),
the account that sent it (the user's id, and which credential: ``"api_token"``,
``"other_api_token"``, ``"session"``; never the secret) and the status it was answered with.
``RequestLog`` is a list of them, oldest first, with ``filter()``, ``last`` and ``count()``.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import Any, SupportsIndex, overload


@dataclass(frozen=True)
class RecordedRequest:
    """A request the stub received, with credentials masked.

    ``headers`` has lower-case names (``authorization`` is ``"Token ***"`` or
    ``"Bearer ***"``); ``json`` is the parsed body (None without one) with the fields the
    spec marks secret masked; ``status`` is what was answered (None for a timeout or a
    dropped connection); ``operation`` is ``"dns.update_recordset"`` and the like (None for a
    path the API does not have); ``account`` is the id of the user whose credential it carried
    (None without a valid one) and ``credential`` which one it was (``"api_token"``,
    ``"other_api_token"``, ``"session"``, or None).
    """

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    json: Any
    status: int | None
    operation: str | None = None
    account: int | None = None
    credential: str | None = None
    fault: str | None = None  # the fault that answered it, as ``repr`` names it

    @property
    def operation_id(self) -> str | None:
        """The operation id alone (``update_recordset``)."""
        return None if self.operation is None else self.operation.rpartition(".")[2]


def operation_matches(wanted: str, operation: str | None) -> bool:
    """Whether ``operation`` (``tag.operation_id``) is the one ``wanted`` names: the same
    ``tag.operation_id`` (``-`` and ``_`` alike in the tag), or the operation id alone."""
    if operation is None:
        return False
    if "." not in wanted:
        return operation.rpartition(".")[2] == wanted
    return operation.replace("-", "_") == wanted.replace("-", "_")


class RequestLog(list[RecordedRequest]):
    """The requests a stub received, oldest first: a list, with filters to assert on."""

    def filter(
        self,
        operation: str | None = None,
        *,
        method: str | None = None,
        path: str | None = None,
        status: int | None = None,
        account: int | None = None,
    ) -> RequestLog:
        """The requests of ``operation`` (``"dns.update_recordset"`` or
        ``"update_recordset"``), ``method``, ``path`` (a glob: ``/v3/dns/zones/*``),
        ``status`` and ``account`` (a user id); what is left None is not looked at."""
        return RequestLog(
            r
            for r in self
            if (operation is None or operation_matches(operation, r.operation))
            and (method is None or r.method == method.upper())
            and (path is None or fnmatch.fnmatchcase(r.path, path))
            and (status is None or r.status == status)
            and (account is None or r.account == account)
        )

    def count(self, value: Any = None, /, **criteria: Any) -> int:
        """How many requests ``filter(**criteria)`` keeps (``count(operation=...)``); with a
        ``RecordedRequest``, as ``list.count``; a string is an operation."""
        if isinstance(value, RecordedRequest):
            return super().count(value)
        if isinstance(value, str):
            criteria["operation"] = value
        return len(self.filter(**criteria))

    @property
    def last(self) -> RecordedRequest:
        """The most recent request (``IndexError`` when there is none)."""
        if not self:
            raise IndexError("the stub has received no request")
        return self[-1]

    @overload
    def __getitem__(self, index: SupportsIndex) -> RecordedRequest: ...
    @overload
    def __getitem__(self, index: slice) -> RequestLog: ...
    def __getitem__(self, index: SupportsIndex | slice) -> RecordedRequest | RequestLog:
        if isinstance(index, slice):
            return RequestLog(super().__getitem__(index))
        return super().__getitem__(index)
