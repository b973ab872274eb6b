"""``misaka <tag> <command>``: one click command per operation, built on demand from the
generated operation table (``misaka_io._table``), never written by hand.

Path parameters are arguments, query parameters options; a body comes from ``--body JSON``
(or ``@file.json``, or ``-`` for stdin) with one ``--<field>`` option per top-level field on
top. Listings print their items (a table shows the spec's ``display`` columns); ``--all``
follows every page. Every write takes ``--dry-run`` (the request that would be sent, and
nothing sent); the operations the spec marks with ``x-misaka-cli`` ask first (``--yes``
without a terminal) or need ``--force`` (see ``_guard``). A write answered without a body
says on stderr what it did.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from misaka_io._table_types import Field, Operation, Param, guarded
from misaka_io.cli import _guard
from misaka_io.cli._app import current_app, output_options
from misaka_io.cli._output import emit, page_progress
from misaka_io.cli._streams import read_stdin
from misaka_io.cli._terminal import display

_SIMPLE: dict[str, click.ParamType[Any]] = {"integer": click.INT, "number": click.FLOAT}


def _json_value(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as exc:
        raise click.BadParameter(f"not JSON: {exc}", param_hint=what) from None


def _datetime(text: str, what: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(
            f"{text!r} is not an ISO 8601 time such as 2026-01-31T12:00:00Z", param_hint=what
        ) from None


def _value_type(kind: str, choices: list[str] | None) -> click.ParamType[Any]:
    if choices:
        return click.Choice(choices)
    return _SIMPLE.get(kind, click.STRING)


def _option(
    dest: str,
    name: str,
    kind: str,
    choices: list[str] | None,
    help_text: str,
    required: bool = False,
) -> click.Option:
    flag = "--" + name.replace("_", "-")
    if kind == "boolean":
        return click.Option([f"{flag}/--no-{flag[2:]}", dest], default=None, help=help_text)
    shown = help_text + (" (JSON)" if kind in ("array", "object") else "")
    return click.Option(
        [flag, dest], type=_value_type(kind, choices), required=required, help=shown.strip() or None
    )


def _param(p: Param) -> click.Parameter:
    if p["location"] == "path":
        kind = _value_type(p["kind"], p["choices"])
        return click.Argument(["p_" + p["python"]], metavar=p["name"].upper(), type=kind)
    help_text = p["help"] + (f" [default: {p['default']}]" if p["default"] is not None else "")
    return _option("q_" + p["python"], p["name"], p["kind"], p["choices"], help_text, p["required"])


def _field(f: Field) -> click.Option:
    return _option("f_" + f["name"], f["name"], f["kind"], f["choices"], f["help"])


def _help(op: Operation) -> str:
    lines = [op["summary"] + ".", "", op["description"]] if op["description"] else [op["summary"]]
    lines += ["", f"{op['method']} {op['path']} (spec certainty: {op['certainty']})"]
    if op["body"]:
        lines += ["", f"Body: {op['body']['model']}, from --body and the field options."]
    confirm, force = op["guard"]["confirm"], op["guard"]["force"]
    if confirm is not None:
        path = [p["name"].upper() for p in op["params"] if p["location"] == "path"]
        how = f"{path[-1]} typed back" if confirm == "name" else "a yes"
        lines += ["", f"Asks for {how} on a terminal; without one, needs --yes."]
    if force:
        when = " and ".join(f"{k.upper()} is {'/'.join(v)}" for k, v in force.items())
        lines += ["", f"Needs --force when {when}."]
    return "\n".join(lines)


def build_command(name: str, op: Operation) -> click.Command:
    params: list[click.Parameter] = [_param(p) for p in op["params"]]
    if op["body"]:
        params += [_field(f) for f in op["body"]["fields"]]
        params.append(
            click.Option(
                ["--body", "body_text"],
                metavar="JSON|@FILE|-",
                help="The request body as JSON, @file.json or - for stdin.",
            )
        )
    if op["listing"]:
        params.append(
            click.Option(
                ["--all", "every"], is_flag=True, help="Follow every page and print all items."
            )
        )
        params.append(
            click.Option(
                ["--max-pages"],
                type=click.IntRange(min=1),
                help="With --all: fail (exit 1) after this many pages (default 10000).",
            )
        )

    def callback(**given: Any) -> None:
        run_operation(op, given)

    command = click.Command(
        name, callback=callback, params=params, help=_help(op), short_help=op["summary"]
    )
    guard = op["guard"]
    _guard.flags(dry_run=op["write"], yes=guard["confirm"] is not None, force=bool(guard["force"]))(
        command
    )
    return output_options(command)


# ---- running one operation --------------------------------------------------------------------


def read_body(text: str | None) -> dict[str, Any]:
    if text is None:
        return {}
    if text == "-":
        text = read_stdin("--body -")
    elif text.startswith("@"):
        try:
            text = Path(text[1:]).read_text(encoding="utf-8")
        except OSError as exc:
            raise click.BadParameter(str(exc), param_hint="--body") from None
    data = _json_value(text, "--body")
    if not isinstance(data, dict):
        raise click.BadParameter("the body must be a JSON object", param_hint="--body")
    return data


def _body_data(op: Operation, given: dict[str, Any]) -> dict[str, Any] | None:
    body = op["body"]
    if body is None:
        return None
    data = read_body(given.get("body_text"))
    for f in body["fields"]:
        value = given.get("f_" + f["name"])
        if value is not None:
            as_json = f["kind"] in ("array", "object")
            data[f["name"]] = _json_value(value, "--" + f["name"]) if as_json else value
    missing = [f["name"] for f in body["fields"] if f["required"] and f["name"] not in data]
    if missing:
        flags = ", ".join("--" + m.replace("_", "-") for m in missing)
        raise click.UsageError(f"the body needs {flags} (or give them in --body)")
    return data


def make_body(model_name: str, data: dict[str, Any]) -> Any:
    """The body argument of a facade call, read through its model here so that a body that
    does not fit is a usage error naming the field, before any request."""
    from misaka_io import models
    from misaka_io_generated.types import DecodeError

    model = getattr(models, model_name)
    try:
        return model.from_dict(data)
    except DecodeError as exc:
        where = f" (at {exc.path})" if exc.path and exc.path != "$" else ""
        raise click.UsageError(f"the body does not fit {model_name}: {exc}{where}") from None


def _call_arguments(op: Operation, given: dict[str, Any]) -> tuple[list[Any], dict[str, Any]]:
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for p in op["params"]:
        if p["location"] == "path":
            args.append(given["p_" + p["python"]])
            continue
        value = given.get("q_" + p["python"])
        if value is not None:
            is_time = p["kind"] == "date-time"
            kwargs[p["python"]] = _datetime(value, "--" + p["name"]) if is_time else value
    body, data = op["body"], _body_data(op, given)
    if body is not None and data is not None:
        kwargs["body"] = make_body(body["model"], data)
    return args, kwargs


def _request(op: Operation, args: list[Any], kwargs: dict[str, Any]) -> Any:
    """The request the facade would send, built (and so checked) by the same generated
    function, without sending it."""
    from misaka_io_generated import api  # an import statement: vendoring renames it

    module = importlib.import_module(f".{op['attribute']}.{op['operation_id']}", api.__name__)
    return module.build_request(*args, **kwargs)


def _shown(base_url: str, request: Any) -> dict[str, Any]:
    """What ``--dry-run`` prints: the method, the full URL and the JSON body."""
    import httpx

    url = httpx.URL(base_url.rstrip("/") + request.path)
    url = url.copy_merge_params(request.params) if request.params else url
    return {
        "dry_run": True,
        "method": request.operation.method,
        "url": str(url),
        "body": request.json,
    }


def _path(op: Operation, given: dict[str, Any]) -> dict[str, str]:
    """The path parameters given, by their names in the spec."""
    return {
        p["name"]: str(given["p_" + p["python"]]) for p in op["params"] if p["location"] == "path"
    }


def _what(op: Operation, given: dict[str, Any]) -> str:
    """The operation and what it acts on, for people: ``Delete Zone example.net``."""
    return display(" ".join([op["summary"], *_path(op, given).values()]))


def _deliberate(op: Operation, given: dict[str, Any]) -> None:
    """``--force`` for what the spec guards, then the confirmation it asks for."""
    path = _path(op, given)
    what = " ".join([op["summary"], *path.values()])
    if guarded(op["guard"]["force"], path):
        _guard.require_force(what, bool(given.get("force")))
    confirm = op["guard"]["confirm"]
    if confirm is not None:
        type_back = list(path.values())[-1] if confirm == "name" else None
        _guard.confirm(what, yes=bool(given.get("yes")), type_back=type_back)


def _write(op: Operation, args: list[Any], kwargs: dict[str, Any], given: dict[str, Any]) -> bool:
    """The checks of a write before it is sent; False when it must not be (``--dry-run``)."""
    request = _request(op, args, kwargs)
    if given.get("dry_run"):
        app = current_app()
        emit(app, _shown(str(app.client().base_url), request))
        return False
    _deliberate(op, given)
    return True


def page_items(page: Any) -> list[Any]:
    """This page's items."""
    return list(page.results)


def run_operation(op: Operation, given: dict[str, Any]) -> None:
    app = current_app()
    args, kwargs = _call_arguments(op, given)
    if op["write"] and not _write(op, args, kwargs, given):
        return
    method: Callable[..., Any] = getattr(getattr(app.client(), op["attribute"]), op["operation_id"])
    if op["listing"] and given.get("every"):
        from misaka_io._pagination import every_item

        kwargs.pop("offset", None)
        size = kwargs.pop("limit", None) or 100
        if given.get("max_pages"):
            kwargs["max_pages"] = given["max_pages"]
        with page_progress(f"{op['summary']}: fetching") as progress:
            items = list(every_item(method, *args, page_size=size, on_page=progress, **kwargs))
        emit(app, items, columns=op["display"])
    elif op["listing"]:
        page = method(*args, **kwargs)
        emit(app, page_items(page), columns=op["display"])
        from misaka_io._pagination import has_next

        if has_next(page):
            click.echo("misaka: more items follow: use --all, or --offset", err=True)
    else:
        result = method(*args, **kwargs)
        if result is not None:
            emit(app, result)
        elif op["write"]:  # an answer without a body (204): say what was done
            click.echo(f"{_what(op, given)}: done", err=True)
