"""The error classes of the client: one root, one class per failure family.

An error answer's body is read with the model its operation declares for that status
(``APIStatusError.parsed``: the spec's ``Error``, ``ValidationError``, ...); a body that does
not fit it, or an answer to ``client.request()``, is read as plain JSON (or text) as before.

Every error pickles (a ``multiprocessing`` worker's error reaches its parent) and carries no
secret into the pickle: the request keeps its method and URL but no header, the answer its
status, headers (no cookie) and body with every secret masked, so ``Authorization`` never
leaves the process (nor does ``parsed``: it is left out).
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import msgspec

from misaka_io._redact import Redactor

_PRIVATE_HEADERS = frozenset({"set-cookie", "cookie", "authorization", "proxy-authorization"})


def _bare_request(request: httpx.Request, redactor: Redactor) -> httpx.Request:
    """Method and URL (no user, no password, secrets masked); no header, no body."""
    url = request.url.copy_with(userinfo=b"") if request.url.userinfo else request.url
    return httpx.Request(request.method, redactor.scrub(str(url)))


def _bare_response(response: httpx.Response, redactor: Redactor) -> httpx.Response:
    """Status, headers without cookies or credentials, and the body, secrets masked."""
    try:
        content = redactor.scrub(response.content.decode("utf-8", "replace")).encode()
    except httpx.ResponseNotRead:
        content = b""
    headers = [
        (name, redactor.scrub(value))
        for name, value in response.headers.multi_items()
        if name.lower() not in _PRIVATE_HEADERS and name.lower() != "content-encoding"
    ]
    try:
        request: httpx.Request | None = _bare_request(response.request, redactor)
    except RuntimeError:  # an answer built without a request
        request = None
    return httpx.Response(response.status_code, headers=headers, content=content, request=request)


def _bare(value: Any, redactor: Redactor) -> Any:
    if isinstance(value, httpx.Response):
        return _bare_response(value, redactor)
    if isinstance(value, httpx.Request):
        return _bare_request(value, redactor)
    if isinstance(value, bytes):
        return redactor.scrub(value.decode("utf-8", "replace")).encode()
    return redactor.scrub_data(value)  # strings, and JSON bodies; other values as they are


def _restore(cls: type[MisakaError], message: str, state: dict[str, Any]) -> MisakaError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    return error


_NOT_PICKLED = frozenset({"_redactor", "parsed"})


class MisakaError(Exception):
    """Root of every error this package raises."""

    _redactor: Redactor | None = None  # the client's, when it made the error: for pickling

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle the message and the attributes, secrets masked (see the module's doc)."""
        redactor = self._redactor or Redactor()
        state = {k: _bare(v, redactor) for k, v in self.__dict__.items() if k not in _NOT_PICKLED}
        return _restore, (type(self), redactor.scrub(str(self)), state)


class ConfigurationError(MisakaError):
    """The client was set up in a way that cannot work (bad base URL, no credentials)."""


class MissingCredentialsError(ConfigurationError):
    """No credentials were given and none are in the environment."""


class TwoFactorRequired(MisakaError):
    """The account needs a one-time code: pass ``otp=`` (a code or a callable returning one)."""


class TooManyLogins(MisakaError):
    """The client logged in too often in the last minute (a login storm: the server refuses
    every token, or a clock is wrong) and will not log in again before ``retry_after`` s."""

    def __init__(self, message: str, *, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class StoreNotWritable(MisakaError):
    """The token store cannot be written, and the session it holds is no longer accepted:
    a client renewed it and could not keep the new one there. ``store`` names the store (a
    file's path); make it writable (or free space) and log in again."""

    def __init__(self, message: str, *, store: str) -> None:
        super().__init__(message)
        self.store = store


class APIConnectionError(MisakaError):
    """The server could not be reached, or the connection broke."""

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.request = request


class APITimeoutError(APIConnectionError):
    """The request timed out."""


class FieldError(msgspec.Struct, frozen=True):
    """One item of a 422 answer: where (``loc``), what (``msg``) and its kind (``type``)."""

    loc: tuple[str | int, ...]
    msg: str
    type: str

    @property
    def field(self) -> str:
        """The location without its body/query/path prefix, dotted: ``records.0.value``."""
        parts = self.loc[1:] if self.loc and self.loc[0] in ("body", "query", "path") else self.loc
        return ".".join(str(p) for p in parts)


class APIStatusError(MisakaError):
    """The server answered with a 4xx or 5xx status."""

    response: httpx.Response
    status_code: int
    body: Any  # the answer's JSON (any JSON value), or its text when it is not JSON
    detail: str | None
    request_id: str | None  # the answer's X-Request-ID (or Request-ID) header
    # The body read with the model the operation declares for this status (None: no model is
    # declared, the body does not fit it, or the error was unpickled).
    parsed: Any = None

    def __init__(
        self, message: str, *, response: httpx.Response, body: Any, detail: str | None
    ) -> None:
        super().__init__(message)
        self.response = response
        self.status_code = response.status_code
        self.body = body
        self.detail = detail
        self.request_id = response.headers.get("x-request-id") or response.headers.get("request-id")


class BadRequestError(APIStatusError):
    pass


class AuthenticationError(APIStatusError):
    pass


class PermissionDeniedError(APIStatusError):
    pass


class NotFoundError(APIStatusError):
    pass


class ConflictError(APIStatusError):
    pass


class UnprocessableEntityError(APIStatusError):
    """422: ``errors`` holds the parsed field errors."""

    errors: list[FieldError]


class RateLimitError(APIStatusError):
    pass


class InternalServerError(APIStatusError):
    pass


class ResponseTooLarge(MisakaError):
    """The answer was larger than ``max_response_bytes`` (counted after decompression); it
    was not read further and is not retried."""

    def __init__(self, message: str, *, limit: int) -> None:
        super().__init__(message)
        self.limit = limit


class ResponseValidationError(MisakaError):
    """A 2xx answer that is not JSON or does not fit its model. Nothing is lost: ``raw`` holds
    the body as received, ``response`` the whole answer."""

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response | None,
        raw: bytes,
        field: str | None,
        model: str | None,
    ) -> None:
        super().__init__(message)
        self.response = response
        self.raw = raw
        self.field = field
        self.model = model

    @property
    def text(self) -> str:
        return self.raw.decode("utf-8", errors="replace")


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def error_class(status: int) -> type[APIStatusError]:
    """The class of the error a ``status`` answer raises (the one table of them)."""
    return _BY_STATUS.get(status) or (InternalServerError if status >= 500 else APIStatusError)


# What a message quotes of the value it refuses ('wrong', "wrong").
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


def _field_msg(loc: tuple[str | int, ...], msg: str, redactor: Redactor) -> str:
    """A field error's message, secrets masked; about a field the spec marks secret, what it
    quotes is masked too (a password too short to be masked by value would show)."""
    from misaka_io._table_types import secret_names

    if loc and isinstance(loc[-1], str) and loc[-1] in secret_names():
        msg = _QUOTED.sub("'***'", msg)
    return redactor.scrub(msg)


def _field_errors(detail: Any, redactor: Redactor) -> list[FieldError]:
    out = []
    for item in detail if isinstance(detail, list) else []:
        if isinstance(item, dict):
            raw = item.get("loc")
            loc = tuple(p for p in raw if isinstance(p, str | int)) if isinstance(raw, list) else ()
            msg = _field_msg(loc, str(item.get("msg", "")), redactor)
            out.append(FieldError(loc=loc, msg=msg, type=str(item.get("type", ""))))
    return out


def _body(content: bytes) -> Any:
    """An error answer's body: its JSON, or its text when it is not JSON (or is nested
    beyond reason)."""
    if not content:
        return None
    from misaka_io_generated.types import DecodeError, parse_json  # loaded with the first answer

    try:
        return parse_json(content)
    except DecodeError:
        return content.decode("utf-8", errors="replace")


def _declared(response: httpx.Response) -> Any:
    """The body read with the model the answer's operation declares for its status, or None
    (no operation, no model for the status, no body, or a body that does not fit)."""
    from misaka_io._table_types import builder, operation_of

    try:
        row = operation_of(response.request)
    except RuntimeError:  # an answer built without a request
        return None
    content = response.content
    if row is None or not content.strip():
        return None
    model = builder(row).OPERATION.responses.get(response.status_code)
    if model is None:
        return None
    from misaka_io_generated.types import DecodeError, decode

    try:
        return decode(content, model)
    except DecodeError:
        return None


def status_error(response: httpx.Response, redactor: Redactor) -> APIStatusError:
    """The typed error for a 4xx/5xx answer (its body must have been read)."""
    code = response.status_code
    cls = error_class(code)
    body = _body(response.content)
    parsed = _declared(response)
    fields = parsed.to_dict() if parsed is not None else body  # the model's reading, or the JSON
    raw_detail = fields.get("detail") if isinstance(fields, dict) else None
    errors = _field_errors(raw_detail, redactor)
    if isinstance(raw_detail, str):
        detail: str | None = raw_detail
    elif errors:
        detail = "; ".join(f"{e.field or 'request'}: {e.msg}" for e in errors)
    else:
        detail = None
    if detail is None and isinstance(body, str) and body:
        # Not the API's JSON: a proxy's HTML page, say. Keep a short, one-line excerpt, cut
        # once its secrets are masked (a secret cut in two would not be recognised).
        detail = redactor.scrub(" ".join(body[: 64 * 1024].split()))[:200]
    detail = redactor.scrub(detail) if detail is not None else None
    reason = response.reason_phrase or "error"
    # The path as sent (percent-encoded), so that "a%2Fb" does not read as two segments.
    where = (
        f"{response.request.method} {response.request.url.raw_path.decode('ascii').split('?')[0]}"
    )
    message = f"{code} {reason} from {where}" + (f": {detail}" if detail else "")
    error = cls(message, response=response, body=body, detail=detail)
    error.parsed = parsed
    error._redactor = redactor.frozen()  # the secrets of its time, for pickling
    if isinstance(error, UnprocessableEntityError):
        error.errors = errors
    return error
