"""``misaka``: the command line of misaka-io (also ``python -m misaka_io``).

The root group holds the hand-written commands (``login``, ``logout``, ``whoami``,
``configure``, ``acme``, ``completion``, ``dns record``) and one group per tag of the spec
whose commands are built from the generated table only when asked for, so that
``misaka --help`` imports neither the client nor the models. ``main`` turns every error into
one line on stderr and an exit code (see ``_errors``).
"""

from __future__ import annotations

import gc
import importlib
import sys
import traceback
from typing import Any

import click

from misaka_io._version import __version__
from misaka_io.cli import _errors
from misaka_io.cli._app import PROFILE_HELP, App, enable_debug, with_globals
from misaka_io.cli._settings import OUTPUTS
from misaka_io.cli._streams import OutputLost, say

# name -> "module:attribute" of the hand-written commands, imported when used.
HAND_WRITTEN = {
    "login": "_session:login",
    "logout": "_session:logout",
    "whoami": "_session:whoami",
    "configure": "_configure:configure",
    "acme": "_dns:acme",
    "completion": "_completion:completion",
}
# Hand-written commands inside a tag's group.
TAG_EXTRAS = {"dns": {"record": "_dns:record", "import-zone": "_zone_import:import_zone"}}


def _load(target: str) -> click.Command:
    module, attribute = target.split(":")
    # Relative to this package, so that a vendored copy under another name finds its own.
    command: click.Command = getattr(importlib.import_module(f".{module}", __name__), attribute)
    return command


class TagGroup(click.Group):
    """The operations of one tag, each built from the table when it is looked up."""

    def __init__(self, tag: str, help_text: str) -> None:
        # In `misaka --help`, click's one line (the first sentence, cut to fit); the whole
        # description, provenance and all, in the group's own help.
        super().__init__(tag, help=help_text)
        self.tag = tag

    def _table(self) -> dict[str, Any]:
        from misaka_io._table_types import commands

        return dict(commands(self.tag))

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self._table(), *TAG_EXTRAS.get(self.tag, {})})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        extras = TAG_EXTRAS.get(self.tag, {})
        if cmd_name in extras:
            return with_globals(_load(extras[cmd_name]))
        table = self._table()
        by_id = {op["operation_id"]: name for name, op in table.items()}
        name = by_id.get(cmd_name.replace("-", "_"), cmd_name)  # the operation id works too
        if name not in table:
            return None
        from misaka_io.cli._generic import build_command

        return with_globals(build_command(name, table[name]))


class RootGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        from misaka_io._table_types import tags

        return [*HAND_WRITTEN, *sorted(t for t in tags() if _offered(t))]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in HAND_WRITTEN:
            return with_globals(_load(HAND_WRITTEN[cmd_name]))
        from misaka_io._table_types import tags

        if cmd_name in tags() and _offered(cmd_name):
            return TagGroup(cmd_name, tags()[cmd_name]["description"])
        return None


def _offered(tag: str) -> bool:
    """A tag is a command group when one of its operations is a command."""
    from misaka_io._table_types import commands

    return bool(commands(tag)) or tag in TAG_EXTRAS


@click.group(cls=RootGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="misaka")
@click.option("--profile", help=PROFILE_HELP)
@click.option("--base-url", help="API base URL [env MISAKA_BASE_URL].")
@click.option(
    "-o",
    "--output",
    type=click.Choice(OUTPUTS),
    help="Output format [env MISAKA_OUTPUT; a table on a terminal, else json].",
)
@click.option("--query", metavar="JMESPATH", help="Pick fields, e.g. '[].{id: id, state: state}'.")
@click.option("--timeout", type=float, help="Seconds per request [env MISAKA_TIMEOUT].")
@click.option(
    "--dns-base",
    metavar="PATH",
    help="Send DNS operations under this base, e.g. /dns [env MISAKA_DNS_BASE; /v3/dns].",
)
@click.option(
    "--debug", is_flag=True, help="Log each request (secrets masked) and show tracebacks."
)
@click.pass_context
def cli(
    ctx: click.Context,
    profile: str | None,
    base_url: str | None,
    output: str | None,
    query: str | None,
    timeout: float | None,
    dns_base: str | None,
    debug: bool,
) -> None:
    """The Misaka.io v3 API from the command line.

    Credentials: `misaka login` (a session kept per profile), or MISAKA_API_TOKEN, or
    api_token in a profile of config.toml. Exit codes: 1 API error, 2 usage, 3 auth,
    4 not found, 5 connection.

    The options below go after the command too: misaka ports list -o json --timeout 5.
    """
    if debug:
        enable_debug()
    flags = {"base_url": base_url, "timeout": timeout, "dns_base": dns_base}
    app = App(profile=profile, flags=flags, output=output, query=query, debug=debug)
    ctx.obj = app
    ctx.call_on_close(app.close)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns (and, as a console script, exits with) the exit code."""
    debug = "--debug" in (sys.argv[1:] if argv is None else argv)
    try:
        cli.main(args=argv, prog_name="misaka", standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.Abort:
        click.echo("misaka: aborted", err=True)
        return _errors.INTERRUPTED
    except KeyboardInterrupt:
        return _errors.INTERRUPTED
    except click.ClickException as exc:
        return _errors.report_usage(exc)
    except OutputLost as lost:
        if lost.message:
            say(f"misaka: {lost.message}")
        return _errors.API
    except Exception as exc:
        if debug:
            from misaka_io.cli._terminal import lines

            click.echo(lines(traceback.format_exc()).rstrip("\n"), err=True)
        return _errors.report(exc)
    return _errors.OK


def run() -> None:  # pragma: no cover - the console script entry point
    code = main()
    # The command is done and its client closed. What is left lives until the process ends,
    # so the tear-down's collections need not walk it for cycles: about a sixth of a quick
    # command's time went there (make bench: start-up). Objects then held in reference cycles
    # are left to the exit (no finalizer of theirs runs; nothing of the command's is open by
    # then); the standard streams are flushed and atexit handlers run as always.
    gc.freeze()
    sys.exit(code)
