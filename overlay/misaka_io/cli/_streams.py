"""The standard streams as a command may find them: a terminal, a pipe or a file, closed
(``<&-``, ``>&-``: Python then has ``None`` for them) or a pipe whose reader has gone
(``| head -1``).

Whether to ask, and whether to draw a table, is decided by ``is_terminal``; reading stdin
goes through ``read_stdin`` (a closed stdin is a usage error, before anything is sent);
output that cannot reach stdout becomes ``OutputLost``, which ``main`` reports in one line on
stderr (saying so when the command's write was sent) instead of a traceback.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import IO, Any

import click


class OutputLost(Exception):
    """The command's output could not be written: stdout is closed, or its reader has gone.
    ``message`` is the line to show (empty: nothing worth saying, a reader that left early)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def is_terminal(stream: IO[Any] | None) -> bool:
    """Whether ``stream`` is open and a terminal."""
    if stream is None:
        return False
    try:
        return stream.isatty()
    except (ValueError, OSError):  # closed under us
        return False


def stdin_is_terminal() -> bool:
    return is_terminal(sys.stdin)


def stdout_is_terminal() -> bool:
    return is_terminal(sys.stdout)


def stderr_is_terminal() -> bool:
    return is_terminal(sys.stderr)


def read_stdin(what: str, *, line: bool = False) -> str:
    """Stdin's first line (``line``) or all of it, for ``what``; a usage error when stdin is
    closed."""
    if sys.stdin is None:
        raise click.UsageError(f"{what}: stdin is closed (nothing was sent)")
    return sys.stdin.readline().rstrip("\r\n") if line else sys.stdin.read()


def _write_was_sent() -> str | None:
    """The running command's path when it is a write that was not a dry run (every write
    command takes ``--dry-run``, and prints only after it has sent its write)."""
    ctx = click.get_current_context(silent=True)
    if ctx is None or not any(p.name == "dry_run" for p in ctx.command.params):
        return None
    return None if ctx.params.get("dry_run") else " ".join(ctx.command_path.split()[1:])


def lost(reason: str, *, quiet: bool) -> OutputLost:
    """The ``OutputLost`` for this command: it names the write when one was sent; else it says
    ``reason``, unless ``quiet`` (a reader that has gone wants nothing more)."""
    sent = _write_was_sent()
    if sent is not None:
        return OutputLost(f"{sent}: sent and done, but its answer was not printed: {reason}")
    return OutputLost("" if quiet else f"nothing printed: {reason}")


def silence_stdout() -> None:
    """Point stdout at the null device, so that the flush at exit does not fail again on a
    pipe whose reader has gone."""
    stream = sys.stdout
    if stream is None:
        return
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


def say(line: str) -> None:
    """One line on stderr, whatever became of stderr."""
    with contextlib.suppress(OSError, ValueError):
        click.echo(line, err=True)
