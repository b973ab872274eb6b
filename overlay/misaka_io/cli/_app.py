"""What every command shares: the settings, the output choices and one client per run.

The client (and with it httpx and the generated models) is imported only when a command
needs it, so ``misaka --help`` stays quick.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import click

from misaka_io.cli._settings import Settings

if TYPE_CHECKING:
    from misaka_io._client import Misaka
    from misaka_io._tokens import FileTokenStore


F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class App:
    """The ``click`` context object of one run."""

    settings: Settings
    output: str | None = None
    query: str | None = None
    debug: bool = False
    _client: Misaka | None = field(default=None, repr=False)

    @property
    def output_format(self) -> str:
        """``--output``, else the configured one, else a table on a terminal and JSON in a pipe."""
        chosen = self.output or self.settings.output
        if chosen:
            return chosen
        return "table" if sys.stdout.isatty() else "json"

    def token_store(self) -> FileTokenStore:
        from misaka_io._files import UntrustedFile, private_directory
        from misaka_io._tokens import FileTokenStore

        try:
            private_directory(self.settings.session_path.parent, "the sessions directory")
        except UntrustedFile as exc:
            raise click.UsageError(str(exc)) from None
        return FileTokenStore(self.settings.session_path)

    def client(
        self, *, email: str | None = None, password: str | None = None, otp: str | None = None
    ) -> Misaka:
        """The run's client: the API token when there is one, else the stored session."""
        if self._client is None:
            from misaka_io._client import Misaka
            from misaka_io._config import DEFAULT_TIMEOUT

            timeout = self.settings.timeout
            self._client = Misaka(
                api_token=None if email else self.settings.api_token,
                email=email,
                password=password,
                otp=otp,
                base_url=self.settings.base_url,
                timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
                token_store=self.token_store(),
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


def current_app() -> App:
    app = click.get_current_context().find_object(App)
    if app is None:  # pragma: no cover - every command runs under the root group
        raise click.UsageError("run this through the `misaka` command")
    return app


def _set_output(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        app = ctx.find_object(App)
        if app is not None:
            setattr(app, str(param.name), value)


def _output_params() -> list[tuple[list[str], dict[str, Any]]]:
    from misaka_io.cli._settings import OUTPUTS

    common: dict[str, Any] = {"expose_value": False, "callback": _set_output}
    return [
        (
            ["-o", "--output"],
            {"type": click.Choice(OUTPUTS), "help": "table, json or yaml.", **common},
        ),
        (["--query"], {"metavar": "JMESPATH", "help": "Pick fields (JMESPath).", **common}),
    ]


def output_options(target: F) -> F:
    """``-o/--output`` and ``--query`` after the command too (``misaka ports list -o json``);
    for a command function (under its ``@click.command``) or a built ``click.Command``."""
    for decls, attrs in _output_params():
        if isinstance(target, click.Command):
            target.params.append(click.Option(decls, **attrs))
        else:
            target = click.option(*decls, **attrs)(target)
    return target


def enable_debug() -> None:
    """``--debug``: the client's request log (secrets masked by the client) on stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(message)s"))
    logger = logging.getLogger("misaka_io")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
