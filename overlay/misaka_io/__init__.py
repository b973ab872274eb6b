"""misaka_io: a typed client for the Misaka.io v3 API.

``Misaka`` (sync) and ``AsyncMisaka`` wrap the client generated from the curated spec with
API-token or session auth (refreshed automatically), retries, typed errors and settings from
the environment. Every operation is at ``client.<tag>.<operation_id>(...)``; the models are
in ``misaka_io.models``; the DNS workflows in ``misaka_io.dns_records``.

Names are imported at first use (PEP 562), so that ``import misaka_io`` and the ``misaka``
command stay quick; type checkers see every name declared (the imports under
``TYPE_CHECKING``), so a misspelt name is an error for them too.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from misaka_io._version import __version__

if TYPE_CHECKING:
    from misaka_io import models
    from misaka_io._client import AsyncMisaka, Misaka
    from misaka_io._config import DEFAULT_BASE_URL
    from misaka_io._exceptions import (
        APIConnectionError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        ConfigurationError,
        ConflictError,
        FieldError,
        InternalServerError,
        MisakaError,
        MissingCredentialsError,
        NotFoundError,
        PermissionDeniedError,
        RateLimitError,
        ResponseTooLarge,
        ResponseValidationError,
        StoreNotWritable,
        TooManyLogins,
        TwoFactorRequired,
        UnprocessableEntityError,
    )
    from misaka_io._options import NOT_GIVEN, NotGiven, RequestOptions
    from misaka_io._pagination import AsyncPage, AsyncPaginator, PaginationError, SyncPage
    from misaka_io._response import APIResponse
    from misaka_io._tokens import FileTokenStore, MemoryTokenStore, Tokens, TokenStore
    from misaka_io._transport import HTTPTransport
    from misaka_io.dns_records import (
        AsyncDnsRecords,
        BatchFailedError,
        BatchRefusedError,
        ConcurrentChangeError,
        DnsInputError,
        DnsRecords,
        LeaseLostError,
        LockDirectoryError,
        RecordsetBusyError,
        SharedLockUnavailableError,
        Wanted,
        ZoneNotFoundError,
    )
    from misaka_io_generated.types import UNSET, Unset

__all__ = [
    "DEFAULT_BASE_URL",
    "NOT_GIVEN",
    "UNSET",
    "APIConnectionError",
    "APIResponse",
    "APIStatusError",
    "APITimeoutError",
    "AsyncDnsRecords",
    "AsyncMisaka",
    "AsyncPage",
    "AsyncPaginator",
    "AuthenticationError",
    "BadRequestError",
    "BatchFailedError",
    "BatchRefusedError",
    "ConcurrentChangeError",
    "ConfigurationError",
    "ConflictError",
    "DnsInputError",
    "DnsRecords",
    "FieldError",
    "FileTokenStore",
    "HTTPTransport",
    "InternalServerError",
    "LeaseLostError",
    "LockDirectoryError",
    "MemoryTokenStore",
    "Misaka",
    "MisakaError",
    "MissingCredentialsError",
    "NotFoundError",
    "NotGiven",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "RecordsetBusyError",
    "RequestOptions",
    "ResponseTooLarge",
    "ResponseValidationError",
    "SharedLockUnavailableError",
    "StoreNotWritable",
    "SyncPage",
    "TokenStore",
    "Tokens",
    "TooManyLogins",
    "TwoFactorRequired",
    "UnprocessableEntityError",
    "Unset",
    "Wanted",
    "ZoneNotFoundError",
    "__version__",
    "models",
]

# Where each exported name lives (the imports above, for the type checker).
_HOME = {
    **dict.fromkeys(("AsyncMisaka", "Misaka"), "_client"),
    "DEFAULT_BASE_URL": "_config",
    "HTTPTransport": "_transport",
    **dict.fromkeys(("NOT_GIVEN", "NotGiven", "RequestOptions"), "_options"),
    **dict.fromkeys(("AsyncPage", "AsyncPaginator", "PaginationError", "SyncPage"), "_pagination"),
    "APIResponse": "_response",
    **dict.fromkeys(("FileTokenStore", "MemoryTokenStore", "Tokens", "TokenStore"), "_tokens"),
    **dict.fromkeys(
        (
            "AsyncDnsRecords",
            "DnsRecords",
            "BatchFailedError",
            "BatchRefusedError",
            "ConcurrentChangeError",
            "DnsInputError",
            "LeaseLostError",
            "LockDirectoryError",
            "RecordsetBusyError",
            "SharedLockUnavailableError",
            "Wanted",
            "ZoneNotFoundError",
        ),
        "dns_records",
    ),
    **dict.fromkeys(("UNSET", "Unset"), "models"),
}

if not TYPE_CHECKING:  # hidden from type checkers: they would take every name for a real one

    def __getattr__(name: str) -> object:
        if name not in __all__ or name == "__version__":
            raise AttributeError(f"module 'misaka_io' has no attribute {name!r}")
        if name == "models":
            value = importlib.import_module(".models", __name__)
        else:
            module = importlib.import_module(f".{_HOME.get(name, '_exceptions')}", __name__)
            value = getattr(module, name)
        globals()[name] = value
        return value
