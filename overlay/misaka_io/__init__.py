"""misaka_io: a typed client for the Misaka.io v3 API.

``Misaka`` (sync) and ``AsyncMisaka`` wrap the client generated from the curated spec with
API-token or session auth (refreshed automatically), retries, typed errors and settings from
the environment. Every operation is at ``client.<tag>.<operation_id>(...)``; the models are
in ``misaka_io.models``.
"""

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
    TooManyLogins,
    TwoFactorRequired,
    UnprocessableEntityError,
)
from misaka_io._options import NOT_GIVEN, NotGiven, RequestOptions
from misaka_io._pagination import AsyncPage, SyncPage
from misaka_io._response import APIResponse
from misaka_io._tokens import FileTokenStore, MemoryTokenStore, Tokens, TokenStore
from misaka_io._version import __version__

__all__ = [
    "DEFAULT_BASE_URL",
    "NOT_GIVEN",
    "APIConnectionError",
    "APIResponse",
    "APIStatusError",
    "APITimeoutError",
    "AsyncMisaka",
    "AsyncPage",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "ConflictError",
    "FieldError",
    "FileTokenStore",
    "InternalServerError",
    "MemoryTokenStore",
    "Misaka",
    "MisakaError",
    "MissingCredentialsError",
    "NotFoundError",
    "NotGiven",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestOptions",
    "ResponseTooLarge",
    "ResponseValidationError",
    "SyncPage",
    "TokenStore",
    "Tokens",
    "TooManyLogins",
    "TwoFactorRequired",
    "UnprocessableEntityError",
    "__version__",
]
