"""Printing results: JSON, YAML or a table (Rich, imported only then), after an optional
JMESPath ``--query``; and the page-progress indicator on a terminal's stderr. A listing's
table shows the columns the spec names for it (``x-misaka-cli`` ``display``), its first
column, ids and names whole; output that cannot reach stdout is ``_streams.OutputLost``.

What the server sent is data, never commands to the terminal: tables and plain lines show
control and bidi characters escaped (``_terminal``) and hand Rich ``Text``, never markup;
JSON and YAML are escaped only when they go to a terminal (in a pipe they are exact).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from misaka_io.cli import _streams, _terminal
from misaka_io.cli._app import App

MAX_CELL = 80  # longer cells are cut in the table view (JSON and YAML keep everything)


def plain(value: Any) -> Any:
    """Models (``to_dict``) and lists of them as JSON-ready data."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def apply_query(data: Any, expression: str) -> Any:
    import jmespath
    from jmespath.exceptions import JMESPathError

    try:
        return jmespath.search(expression, data)
    except JMESPathError as exc:
        raise click.UsageError(f"--query {expression!r}: {exc}") from None


def emit(app: App, value: Any, *, columns: list[str] | None = None) -> None:
    """Print ``value`` the way the run asks (``--output``, ``--query``); a table shows only
    ``columns`` of a list of objects (without a ``--query``), when given. ``OutputLost``
    when stdout is closed or its reader has gone."""
    data = plain(value)
    if app.query:
        data, columns = apply_query(data, app.query), None
    if sys.stdout is None:
        raise _streams.lost("stdout is closed", quiet=False)
    try:
        _print(app, data, columns)
        sys.stdout.flush()
    except BrokenPipeError:
        _streams.silence_stdout()
        raise _streams.lost("the reader of stdout has gone", quiet=True) from None


def _print(app: App, data: Any, columns: list[str] | None) -> None:
    chosen = app.output_format
    on_terminal = _streams.stdout_is_terminal()
    if chosen == "json":
        text = json.dumps(data, indent=2, ensure_ascii=False, default=str)
        click.echo(_terminal.json_text(text) if on_terminal else text)
    elif chosen == "yaml":
        text = _yaml(data, terminal=on_terminal)
        click.echo(text.removesuffix("...\n").rstrip("\n"))  # a scalar's end-of-document mark
    else:
        _table(data, columns)


def _yaml(data: Any, *, terminal: bool) -> str:
    if terminal:
        return _terminal.yaml_document(data)
    import yaml

    return str(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def _cell(value: Any, *, whole: bool = False) -> str:
    """A value as one cell's text, cut at ``MAX_CELL`` unless ``whole``."""
    cut = (lambda text: text) if whole else _cut
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(v, dict) and len(v) == 1 for v in value):
        value = [next(iter(v.values())) for v in value]  # [{"value": "a"}, ...] -> a, b
        return cut(", ".join(_terminal.display(str(v)) for v in value))
    if isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        return cut(_terminal.json_text(text))
    return cut(_terminal.display(str(value)))


def _cut(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _rows(data: list[dict[str, Any]], columns: list[str] | None) -> Any:
    """A Rich table of ``columns`` (else every key) of the rows. The first column, ``id`` and
    ``name`` are shown whole, never cut nor wrapped; the others wrap to fit the terminal; a
    caption says how many fields only ``-o json`` shows."""
    from rich.table import Table
    from rich.text import Text

    every: list[str] = []
    for row in data:
        every += [k for k in row if k not in every]
    shown = columns or every
    hidden = [k for k in every if k not in shown]
    caption = f"{len(hidden)} more field(s) with -o json" if hidden else None
    table = Table(header_style="bold", caption=caption)
    cells: list[list[str]] = []
    for column in shown:
        whole = column in (shown[0], "id", "name")
        texts = [_cell(row.get(column), whole=whole) for row in data]
        header = _cell(column, whole=True)
        width = max(map(len, [header, *texts])) if whole else None
        table.add_column(Text(header), no_wrap=whole, min_width=width)
        cells.append(texts)
    for values in zip(*cells, strict=True):
        table.add_row(*(Text(v) for v in values))  # Text: Rich reads no markup from data
    return table


def _table(data: Any, columns: list[str] | None = None) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    def text(value: Any) -> Text:  # a Text is shown as it is: Rich reads no markup from it
        return Text(_cell(value))

    console = Console(soft_wrap=False, markup=False, emoji=False, highlight=False)
    if isinstance(data, list) and data and all(isinstance(row, dict) for row in data):
        console.print(_rows(data, columns), crop=False)  # too narrow: wrapped, never cut
    elif isinstance(data, dict):
        table = Table("field", "value", header_style="bold")
        for key, value in data.items():
            table.add_row(text(key), text(value))
        console.print(table)
    elif isinstance(data, list):
        if not data:
            click.echo("(no items)", err=True)
        for item in data:
            click.echo(_cell(item))
    elif data is not None:
        click.echo(_cell(data))


@contextmanager
def page_progress(label: str) -> Iterator[Any]:
    """A callback ``(items so far, total or None)`` that shows progress on a terminal's
    stderr, and does nothing when stderr is not a terminal."""
    if not _streams.stderr_is_terminal():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    progress = Progress(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = progress.add_task(_terminal.display(label), total=None)

    def update(seen: int, total: int | None) -> None:
        progress.update(task, completed=seen, total=total)
        progress.refresh()

    with progress:
        yield update
