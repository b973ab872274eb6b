"""Exit codes by error class, and the one line on stderr that explains a failure.

| code | meaning |
| --- | --- |
| 0 | success |
| 1 | the API answered with an error (or an answer that does not fit the spec); a local file |
|   | could not be read or written; the output could not be written (stdout closed or its |
|   | reader gone: said on stderr when a write was sent) |
| 2 | usage: a bad option, name, type, value, profile or setting (nothing was sent) |
| 3 | authentication: no or wrong credentials, expired session, no permission, too many logins |
| 4 | not found: no such zone, recordset or resource |
| 5 | connection: the server could not be reached or timed out; the shared DNS lock (Redis) |
|   | could not be reached, refused, or its lease ran out (nothing more was written) |
| 130 | interrupted (Ctrl-C) |

The line may quote the server (a ``detail``) or the user: control and bidi characters in it
are shown escaped (``_terminal.display``), on a terminal or not.
"""

from __future__ import annotations

import click

from misaka_io.cli._streams import say
from misaka_io.cli._terminal import display

OK, API, USAGE, AUTH, NOT_FOUND, CONNECTION, INTERRUPTED = 0, 1, 2, 3, 4, 5, 130
PROGRAM = "misaka"


def _one_line(text: str) -> str:
    return display(" ".join(text.split()))


def _status_line(exc: BaseException) -> str:
    from misaka_io._exceptions import APIStatusError

    assert isinstance(exc, APIStatusError)
    reason = exc.response.reason_phrase or "error"
    line = f"{exc.status_code} {reason}"
    if exc.detail:
        line += f": {exc.detail}"
    line += f" ({exc.response.request.method} {exc.response.request.url.path}"
    line += f", request id {exc.request_id})" if exc.request_id else ")"
    return line


def classify(exc: BaseException) -> tuple[int, str]:
    """The exit code and the message (without the program name) for an error."""
    if isinstance(exc, click.ClickException):
        return USAGE, exc.format_message()
    from misaka_io import _exceptions as e
    from misaka_io._acme import ChallengeCnameError
    from misaka_io.dns_records import DnsInputError, ZoneNotFoundError

    if isinstance(exc, e.MissingCredentialsError):
        return AUTH, (
            "not logged in: run `misaka login`, or set MISAKA_API_TOKEN (with --profile NAME, "
            "the profile's own api_token or session)"
        )
    if isinstance(exc, e.TwoFactorRequired):
        return AUTH, "this account uses two-factor authentication: pass --otp CODE"
    if isinstance(exc, DnsInputError | e.ConfigurationError | ChallengeCnameError):
        return USAGE, str(exc)  # nothing was sent: a name, value or setting to fix
    if isinstance(exc, ZoneNotFoundError):
        return NOT_FOUND, str(exc)
    if isinstance(exc, e.AuthenticationError | e.PermissionDeniedError):
        return AUTH, _status_line(exc)
    if isinstance(exc, e.NotFoundError):
        return NOT_FOUND, _status_line(exc)
    if isinstance(exc, e.APIStatusError):
        return API, _status_line(exc)
    if isinstance(exc, e.APIConnectionError):
        return CONNECTION, f"cannot reach the API: {exc}"
    from misaka_io._shared_lock import SharedLockError

    if isinstance(exc, SharedLockError):
        return CONNECTION, str(exc)
    if isinstance(exc, e.TooManyLogins):
        return AUTH, str(exc)
    if isinstance(exc, e.StoreNotWritable):
        return AUTH, f"{exc} (`misaka login`)"
    if isinstance(exc, e.MisakaError):
        return API, str(exc)
    if isinstance(exc, TypeError | ValueError | UnicodeError):
        return USAGE, str(exc)  # a value the client refused before sending anything
    if isinstance(exc, OSError):
        return API, f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc)
    raise exc


def report(exc: BaseException) -> int:
    """Print the one line for ``exc`` on stderr and return its exit code."""
    code, message = classify(exc)
    say(f"{PROGRAM}: {_one_line(message)}")
    return code


def report_usage(exc: click.ClickException) -> int:
    """A usage error in one line, with where to find help when the command line was wrong
    (not for a setting or an answer at a prompt, which no help text fixes)."""
    message = _one_line(exc.format_message())
    if isinstance(exc, click.UsageError):
        where = exc.ctx.command_path if exc.ctx else PROGRAM
        message += f" (see '{where} --help')"
    say(f"{PROGRAM}: {message}")
    return USAGE
