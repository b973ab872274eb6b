"""What every command shares: the settings, the output choices and one client per run.

The client (and with it httpx and the generated models) is imported only when a command
needs it, so ``misaka --help`` stays quick. The settings are resolved when a command first
needs them, so that every option of the root (``--profile``, ``-o``, ``--query``,
``--base-url``, ``--timeout``, ``--dns-base``, ``--debug``) may come before or after the
command's name (``misaka ports list -o json --timeout 5``): ``with_globals`` gives each
command the ones it does not have of its own.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click
import msgspec

from misaka_io.cli._settings import CliSettings, resolve

if TYPE_CHECKING:
    from misaka_io._client import Misaka
    from misaka_io._tokens import FileTokenStore


F = TypeVar("F", bound=Callable[..., Any])


class App(msgspec.Struct, kw_only=True):
    """The ``click`` context object of one run: ``profile`` and ``flags`` (the root's
    ``--base-url``, ``--timeout``) become ``settings`` at their first use."""

    profile: str | None = None
    flags: dict[str, Any] = msgspec.field(default_factory=dict)
    output: str | None = None
    query: str | None = None
    debug: bool = False
    _settings: CliSettings | None = None
    _client: Misaka | None = None

    @property
    def settings(self) -> CliSettings:
        if self._settings is None:
            self._settings = resolve(self.profile, self.flags)
        return self._settings

    def use_profile(self, name: str) -> None:
        """``--profile`` after the command's name (before any setting was read)."""
        self._not_read_yet("--profile")
        self.profile = name

    def use_flag(self, key: str, value: Any) -> None:
        """``--base-url``, ``--timeout`` or ``--dns-base`` after the command's name."""
        self._not_read_yet("--" + key.replace("_", "-"))
        self.flags[key] = value

    def _not_read_yet(self, option: str) -> None:
        if self._settings is not None or self._client is not None:  # pragma: no cover
            raise click.UsageError(f"{option} came too late: put it before the command")

    @property
    def output_format(self) -> str:
        """``--output``, else the configured one, else a table on a terminal and JSON in a pipe."""
        chosen = self.output or self.settings.output
        if chosen:
            return chosen
        from misaka_io.cli._streams import stdout_is_terminal

        return "table" if stdout_is_terminal() else "json"

    def token_store(self) -> FileTokenStore:
        from misaka_io._files import UntrustedFile, private_directory
        from misaka_io._tokens import FileTokenStore

        try:
            private_directory(self.settings.session_path.parent, "the sessions directory")
        except UntrustedFile as exc:
            raise click.UsageError(str(exc)) from None
        return FileTokenStore(self.settings.session_path)

    def client(
        self,
        *,
        email: str | None = None,
        password: str | None = None,
        otp: str | Callable[[], str] | None = None,
    ) -> Misaka:
        """The run's client: the API token when there is one, else the stored session."""
        if self._client is None:
            from misaka_io._client import Misaka
            from misaka_io._config import DEFAULT_TIMEOUT

            timeout = self.settings.timeout
            api_token = None if email else self.settings.api_token
            self._client = Misaka(
                api_token=api_token,
                email=email,
                password=password,
                otp=otp,
                base_url=self.settings.base_url,
                dns_base_path=self.settings.dns_base,
                timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
                # An API token needs no session: no sessions folder is made for it.
                token_store=None if api_token else self.token_store(),
                # A --profile on the command line: its own token, else its session; never
                # the environment's credentials.
                credentials_from_env=self.profile is None,
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


def _set_profile(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        app = ctx.find_object(App)
        if app is not None:
            app.use_profile(value)


PROFILE_HELP = "Profile of the config file [env MISAKA_PROFILE; default]."


def _profile_param() -> tuple[list[str], dict[str, Any]]:
    attrs = {"expose_value": False, "callback": _set_profile, "help": PROFILE_HELP}
    return ["--profile"], attrs


def profile_option(target: F) -> F:
    """``--profile`` after the command too (``misaka login --profile work``)."""
    decls, attrs = _profile_param()
    return click.option(*decls, **attrs)(target)


def _output_params() -> list[tuple[list[str], dict[str, Any]]]:
    from misaka_io.cli._settings import OUTPUTS

    common: dict[str, Any] = {"expose_value": False, "callback": _set_output}
    return [
        _profile_param(),
        (
            ["-o", "--output"],
            {"type": click.Choice(OUTPUTS), "help": "table, json or yaml.", **common},
        ),
        (["--query"], {"metavar": "JMESPATH", "help": "Pick fields (JMESPath).", **common}),
    ]


def output_options(target: F) -> F:
    """``-o/--output``, ``--query`` and ``--profile`` after the command too (``misaka ports
    list -o json``), shown in its help; for a command function (under its
    ``@click.command``) or a built ``click.Command``."""
    for decls, attrs in _output_params():
        if isinstance(target, click.Command):
            target.params.append(click.Option(decls, **attrs))
        else:
            target = click.option(*decls, **attrs)(target)
    return target


def _set_flag(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    app = ctx.find_object(App)
    if value is not None and app is not None:
        app.use_flag(str(param.name), value)


def _set_debug(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    app = ctx.find_object(App)
    if value and app is not None:
        app.debug = True
        enable_debug()


def _later_params() -> list[tuple[list[str], dict[str, Any]]]:
    """The root's other options, taken after the command too (not repeated in its help)."""
    common: dict[str, Any] = {"expose_value": False, "hidden": True, "callback": _set_flag}
    return [
        (["--base-url", "base_url"], common),
        (["--timeout", "timeout"], {"type": click.FLOAT, **common}),
        (["--dns-base", "dns_base"], common),
        (["--debug"], {**common, "is_flag": True, "callback": _set_debug}),
    ]


def with_globals(command: click.Command) -> click.Command:
    """``command`` (and the commands of a group, all the way down) taking every option of
    the root after its name too, but those it has of its own (``misaka configure
    --base-url`` writes the setting)."""
    taken = {opt for p in command.params for opt in getattr(p, "opts", ())}
    for decls, attrs in [*_output_params(), *_later_params()]:
        flags = {d for d in decls if d.startswith("-")}
        if not flags & taken:
            command.params.append(click.Option(decls, **attrs))
            taken |= flags
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            with_globals(sub)
    return command


class _SafeFormatter(logging.Formatter):
    """Log lines quote the server: its control and bidi characters are shown escaped."""

    def format(self, record: logging.LogRecord) -> str:
        from misaka_io.cli._terminal import lines

        return lines(super().format(record))


class _DebugHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The handler ``--debug`` adds (one per process, however many times it is asked)."""


def enable_debug() -> None:
    """``--debug``: the client's request log (secrets masked by the client) on stderr. Called
    again (a second command in the same process), it keeps its one handler, pointed at the
    stderr of the moment."""
    logger = logging.getLogger("misaka_io")
    handler = next((h for h in logger.handlers if isinstance(h, _DebugHandler)), None)
    if handler is None:
        handler = _DebugHandler(sys.stderr)
        handler.setFormatter(_SafeFormatter("%(asctime)s %(name)s %(message)s"))
        logger.addHandler(handler)
    else:
        with handler.lock or contextlib.nullcontext():
            handler.stream = sys.stderr  # not setStream: it flushes the old one, maybe closed
    logger.setLevel(logging.DEBUG)
