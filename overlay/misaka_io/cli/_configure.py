"""``misaka configure``: write a profile of the config file the command line reads, and
``misaka configure list``: show the profiles (whether a profile holds an API token, never
the token itself).

Without settings on a terminal, it asks as ``aws configure`` does: each value with the
current one as its default (Enter keeps it), the API token hidden and its current value
masked. Scripts pass flags; without a terminal it never asks.

The file is edited with tomlkit, so the user's comments, order and other profiles stay as
they were; it is first read with every check of ``_settings`` (owner, mode, size) and written
whole to a new file of mode 0600 that then replaces it. The API token is read from stdin or a
hidden prompt, never from the command line (where ``ps`` and the shell's history show it).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import click

from misaka_io._files import UntrustedFile, read_trusted
from misaka_io.cli._app import current_app, output_options, profile_option
from misaka_io.cli._output import emit
from misaka_io.cli._settings import (
    ENV_CONFIG_DIR,
    KEYS,
    MAX_CONFIG_BYTES,
    config_path,
    convert,
    profile_name,
    profiles,
)
from misaka_io.cli._streams import read_stdin, stdin_is_terminal
from misaka_io.cli._terminal import display

SECRET = "api_token"
SETTABLE = [key for key in KEYS if key != SECRET]


def _option(key: str) -> str:
    return "--" + key.replace("_", "-")


def _token(from_stdin: bool) -> str | None:
    if not from_stdin:
        return None
    if stdin_is_terminal():
        token = str(click.prompt("API token", hide_input=True))
    else:
        token = read_stdin("--api-token-stdin", line=True)
    if not token.strip():
        raise click.UsageError("--api-token-stdin: the token is empty")
    return token.strip()


def _changes(values: dict[str, Any], token: str | None, unset: tuple[str, ...]) -> dict[str, Any]:
    """The settings to write (None: remove), each checked as the command will read it."""
    changes: dict[str, Any] = {}
    for key, value in values.items():
        if value is not None:
            changes[key] = convert(key, value, _option(key))
    if token is not None:
        changes[SECRET] = token
    for key in unset:
        if key not in KEYS:
            raise click.UsageError(f"--unset {key!r}: one of {', '.join(KEYS)}")
        if key in changes:
            raise click.UsageError(f"{key} is both set and unset")
        changes[key] = None
    base_url = changes.get("base_url")
    if base_url is not None:
        _check_url(base_url, "--base-url")
    return changes


def _check_url(url: str, source: str) -> None:
    if not url.startswith(("https://", "http://")):
        raise click.UsageError(f"{source} {url!r}: an http(s) URL")


def _edited(path: Path, name: str, changes: dict[str, Any]) -> str:
    """The config file's text with ``changes`` made to the table ``name``."""
    import tomlkit

    profiles(path)  # the command's own checks first: a file it would refuse is not edited
    try:
        found = read_trusted(
            path, "the config file", limit=MAX_CONFIG_BYTES, hint=f"set {ENV_CONFIG_DIR}"
        )
    except UntrustedFile as exc:
        raise click.UsageError(str(exc)) from None
    try:
        document = tomlkit.parse(found[0].decode("utf-8")) if found else tomlkit.document()
    except (tomlkit.exceptions.TOMLKitError, UnicodeDecodeError) as exc:  # tomllib took it
        raise click.UsageError(f"cannot edit {path}: {exc}") from None
    table = document.get(name)
    if table is None:
        table = tomlkit.table()
        document[name] = table
    elif not isinstance(table, dict):
        raise click.UsageError(f"[{name}] in {path} is not a table")
    for key, value in changes.items():
        if value is None:
            table.pop(key, None)
        else:
            table[key] = value
    return tomlkit.dumps(document)


def _write_private(path: Path, text: str) -> None:
    """``text`` into ``path`` at mode 0600: a new file, then renamed over the old one."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(temporary, flags, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            if hasattr(os, "fchmod"):
                os.fchmod(out.fileno(), 0o600)  # whatever the umask
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


# What ``misaka configure`` asks on a terminal, in order, and how.
ASKED = {
    "base_url": "Base URL",
    SECRET: "API token",
    "email": "Email",
    "output": "Output format (table, json, yaml)",
}
MASK = "********"


def _checked(key: str, current: Any) -> Any:
    """The prompt's reader of ``key``: None (keep) for an empty answer or the current value;
    a bad one is said and asked again."""

    def read(text: str) -> Any:
        text = text.strip()
        if not text or text == current:
            return None
        if key == SECRET:
            return text
        try:
            value = convert(key, text, "the answer")
            if key == "base_url":
                _check_url(value, "the answer")
        except click.ClickException as exc:
            raise click.BadParameter(exc.format_message()) from None
        return value

    return read


def _asked(path: Path, name: str) -> dict[str, Any]:
    """The changes to the profile ``name``, asked one value at a time on the terminal."""
    current = profiles(path).get(name, {})
    if not isinstance(current, dict):
        raise click.UsageError(f"[{name}] in {path} is not a table")
    click.echo(f"[{name}] of {display(str(path))} (Enter keeps the value in brackets):", err=True)
    changes: dict[str, Any] = {}
    for key, label in ASKED.items():
        now = current.get(key)
        shown = "none" if now is None else MASK if key == SECRET else display(str(now))
        answer = click.prompt(
            f"{label} [{shown}]",
            default="",
            show_default=False,
            hide_input=key == SECRET,
            value_proc=_checked(key, now),
            err=True,
        )
        if answer is not None:
            changes[key] = answer
    return changes


def _settings_options(command: Any) -> Any:
    for key in reversed(SETTABLE):
        kind = KEYS[key][1]
        command = click.option(
            _option(key),
            key,
            type=kind,
            help=f"Set {key} [env {KEYS[key][0]} wins unless --profile is given].",
        )(command)
    return command


@click.group(invoke_without_command=True)
@profile_option
@_settings_options
@click.option(
    "--api-token-stdin",
    is_flag=True,
    help="Set api_token from stdin's first line (a hidden prompt on a terminal).",
)
@click.option("--unset", multiple=True, metavar="KEY", help="Remove a setting (repeatable).")
@click.pass_context
def configure(
    ctx: click.Context, /, api_token_stdin: bool, unset: tuple[str, ...], **values: Any
) -> None:
    """Write settings into a profile of config.toml (--profile NAME; default: default).

    Without settings, on a terminal, it asks for the base URL, the API token (hidden), the
    email and the output format; Enter keeps the value shown in brackets. `misaka configure
    list` shows the profiles.
    """
    if ctx.invoked_subcommand is not None:
        if api_token_stdin or unset or any(v is not None for v in values.values()):
            raise click.UsageError("put the settings after `configure`, not before `list`")
        return
    app = current_app()
    name, _named = profile_name(app.profile)
    changes = _changes(values, _token(api_token_stdin), unset)
    asked = not changes and stdin_is_terminal()
    if asked:
        changes = _asked(config_path(), name)
        if not changes:
            click.echo(f"nothing changed in [{name}]", err=True)
            return
    if not changes:
        options = ", ".join(_option(k) for k in SETTABLE)
        raise click.UsageError(f"nothing to write: pass {options}, --api-token-stdin or --unset")
    path = config_path()
    _write_private(path, _edited(path, name, changes))
    written = [k for k, v in changes.items() if v is not None]
    removed = [k for k, v in changes.items() if v is None]
    said = f"set {', '.join(written)}" if written else ""
    said += ("; " if said and removed else "") + (
        f"removed {', '.join(removed)}" if removed else ""
    )
    click.echo(f"wrote [{name}] of {display(str(path))}: {said} (mode 0600)", err=True)


@configure.command("list")
@output_options
def list_profiles() -> None:
    """The profiles of config.toml (whether each holds an API token, never the token)."""
    app = current_app()
    path = config_path()
    current, _named = profile_name(app.profile)
    rows = []
    for name, table in profiles(path).items():
        settings = table if isinstance(table, dict) else {}
        row: dict[str, Any] = {"profile": name, "current": name == current}
        row.update({key: settings.get(key) for key in SETTABLE})
        if row.get("lock_url"):  # a password in the lock URL is never shown
            from misaka_io._shared_lock import shown

            row["lock_url"] = shown(str(row["lock_url"]))
        row[SECRET] = "set" if settings.get(SECRET) else None
        rows.append(row)
    if not rows:
        click.echo(
            f"no profiles in {display(str(path))}: write one with `misaka configure`", err=True
        )
    if not any(row["current"] for row in rows):  # in use, with nothing of its own in the file
        rows.append({"profile": current, "current": True, **dict.fromkeys([*SETTABLE, SECRET])})
    emit(app, rows)
