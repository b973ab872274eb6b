"""``misaka completion bash|zsh|fish``: the shell's completion script, written by click."""

from __future__ import annotations

import click
from click.shell_completion import get_completion_class

SHELLS = ("bash", "zsh", "fish")
INSTALL = {
    "bash": 'eval "$(misaka completion bash)"  # in ~/.bashrc',
    "zsh": 'eval "$(misaka completion zsh)"  # in ~/.zshrc',
    "fish": "misaka completion fish > ~/.config/fish/completions/misaka.fish",
}


@click.command()
@click.argument("shell", type=click.Choice(SHELLS))
def completion(shell: str) -> None:
    """Print the completion script of SHELL; e.g. eval "$(misaka completion bash)"."""
    ctx = click.get_current_context()
    root = ctx.find_root().command
    cls = get_completion_class(shell)
    if cls is None:  # pragma: no cover - click ships all three
        raise click.UsageError(f"no completion for {shell}")
    click.echo(cls(root, {}, "misaka", "_MISAKA_COMPLETE").source())
    click.echo(f"# install: {INSTALL[shell]}", err=True)
