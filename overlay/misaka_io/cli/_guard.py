"""Deliberate writes: ``--dry-run`` (show the change, send nothing), ``--yes`` (confirmed
without a terminal), ``--force`` (for what the spec guards, such as the apex SOA and NS), and
asking on a terminal.

Without a terminal to ask on and without ``--yes``, a destructive command stops with exit 2
before it sends anything. What is destructive comes from the spec (``x-misaka-cli``, carried
into the generated table) or from the workflow's plan (a recordset that loses values).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from misaka_io.cli._streams import stdin_is_terminal

F = TypeVar("F", bound=Callable[..., Any])

DRY_RUN = (["--dry-run", "dry_run"], "Print the change that would be made; send nothing.")
YES = (["--yes", "-y", "yes"], "Do it without asking (needed when there is no terminal).")
FORCE = (["--force", "force"], "Allow changing what is guarded (the apex SOA and NS).")


class NotConfirmed(click.ClickException):
    """The answer at the prompt was not the one asked for: nothing was sent."""

    exit_code = 2


def flags(*, dry_run: bool = True, yes: bool = False, force: bool = False) -> Callable[[F], F]:
    """A decorator adding the chosen flags to a command function (under ``@click.command``)
    or to a built ``click.Command``."""
    chosen = [f for f, on in ((DRY_RUN, dry_run), (YES, yes), (FORCE, force)) if on]

    def add(target: F) -> F:
        for decls, help_text in chosen:
            if isinstance(target, click.Command):
                target.params.append(click.Option(decls, is_flag=True, help=help_text))
            else:
                target = click.option(*decls, is_flag=True, help=help_text)(target)
        return target

    return add


def require_force(what: str, force: bool) -> None:
    if not force:
        raise click.UsageError(f"{what} changes only with --force (nothing was sent)")


def confirm(what: str, *, yes: bool, type_back: str | None = None) -> None:
    """Ask before ``what`` is done: yes/no, or ``type_back`` typed back. With ``yes`` there is
    nothing to ask; without a terminal on stdin this is a usage error (exit 2)."""
    if yes:
        return
    if not stdin_is_terminal():  # a pipe, a file, or closed (<&-)
        raise click.UsageError(
            f"{what}: no terminal to ask on, pass --yes to do it anyway (nothing was sent)"
        )
    if type_back is None:
        if not click.confirm(f"{what}?", default=False, err=True):
            raise NotConfirmed(f"{what}: not confirmed (nothing was sent)")
        return
    answer = click.prompt(
        f"{what}: type {type_back} to confirm", default="", show_default=False, err=True
    )
    if answer.strip() != type_back:
        raise NotConfirmed(f"{what}: {answer.strip()!r} is not {type_back!r} (nothing was sent)")
