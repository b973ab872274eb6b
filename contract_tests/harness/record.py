"""Record mode (``make contract LIVE=1 RECORD=<dir>``): every answer live mode gets, kept in
the format the replay test reads (``contract_tests/recorded/*.json``), secrets masked.

Each interaction names the client call that makes its request (the operation, its path
arguments in order, its query arguments by their Python names, the body's model), the
request as sent and the answer as received. Masked with ``[redacted]`` before anything is
written: the run's token; the value of every field the spec marks ``x-misaka-secret`` (by
name, wherever it appears, and every other copy of that value); every string of an answer
whose operation carries a secret, except the fields the spec declares and does not mark (an
answer of Get current user token may hold a credential under any name); JWTs and
``Token``/``Bearer`` credentials in any text; the headers that carry credentials
(``Authorization``, ``Cookie``, ``Set-Cookie`` and any header named like a token or key).
The file also says which DNS base answered (``dns_base``), for ``scripts/propose_spec.py``.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from contract_tests.harness.secrets import MASK, carries_secrets, secret_names
from misaka_io._redact import Redactor
from misaka_io._table_types import operations as table_operations
from misaka_io.spec import Operation

FORMAT = 1
SECRET_HEADER = re.compile(
    r"(?i)^(authorization|proxy-authorization|cookie|set-cookie)$|token|key|secret"
)


def declared_plain(op: Operation, status: int) -> set[str]:
    """The top-level properties the answer schema of ``status`` declares and does not mark
    secret (the fields of a secret-carrying answer that may be kept)."""
    media = op.responses().get(str(status), {}).get("content", {}).get("application/json", {})
    schema = op.spec.resolve(media.get("schema")) if "schema" in media else {}
    props: dict[str, Any] = dict((schema or {}).get("properties", {}))
    for part in (schema or {}).get("allOf", []):
        props.update(op.spec.resolve(part).get("properties", {}))
    return {
        name
        for name, sub in props.items()
        if isinstance(sub, dict) and op.spec.resolve(sub).get("x-misaka-secret") is not True
    }


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for item in node for s in _strings(item)]
    return []


def typed(value: str, kind: str) -> Any:
    """A query value as the facade takes it (the wire text converted by the parameter's kind)."""
    if kind == "integer" and re.fullmatch(r"-?\d+", value):
        return int(value)
    if kind == "number":
        try:
            return float(value)
        except ValueError:
            return value
    if kind == "boolean" and value in ("true", "false"):
        return value == "true"
    return value


def call_of(op_id: str, path_params: dict[str, Any], request: httpx.Request) -> dict[str, Any]:
    """The client call that makes ``request``: ``client.<attribute>.<op_id>(*args, **kwargs)``."""
    row = table_operations()[op_id]
    params = {p["name"]: p for p in row["params"]}
    args = [path_params[p["name"]] for p in row["params"] if p["location"] == "path"]
    kwargs: dict[str, Any] = {}
    for name, value in request.url.params.multi_items():
        param = params.get(name)
        key = param["python"] if param else name
        converted = typed(value, param["kind"]) if param else value
        if key in kwargs:  # a repeated query parameter: a list
            kwargs[key] = [
                *([kwargs[key]] if not isinstance(kwargs[key], list) else kwargs[key]),
                converted,
            ]
        else:
            kwargs[key] = converted
    call: dict[str, Any] = {"operation": op_id, "attribute": row["attribute"], "args": args}
    if kwargs:
        call["kwargs"] = kwargs
    if row["body"] is not None and request.content:
        call["body_model"] = row["body"]["model"]
    return call


def _json(content: bytes) -> tuple[Any, str | None]:
    """(JSON value, None), or (None, the text) when the content is not JSON."""
    if not content:
        return None, None
    try:
        return json.loads(content), None
    except (ValueError, RecursionError):
        return None, content.decode("utf-8", "replace")


@dataclass
class Recorder:
    """Collects the run's interactions; ``write`` masks them and saves one file."""

    token: str
    base_url: str
    interactions: list[dict[str, Any]] = field(default_factory=list)
    redactor: Redactor = field(init=False)

    def __post_init__(self) -> None:
        self.redactor = Redactor(mask=MASK, names=secret_names())
        self.redactor.add(self.token)
        self._counts: dict[str, int] = {}

    def add(self, op: Operation, path_params: dict[str, Any], response: httpx.Response) -> None:
        """One request of ``op`` and its answer (kept whole until ``write`` masks it)."""
        request = response.request
        op_id = op.operation_id
        self._counts[op_id] = self._counts.get(op_id, 0) + 1
        sent, _ = _json(request.content)
        body, text = _json(response.content)
        self.redactor.learn(sent)
        self.redactor.learn(body)
        if carries_secrets(op):
            keep = declared_plain(op, response.status_code)
            hidden = (
                {k: v for k, v in body.items() if k not in keep} if isinstance(body, dict) else body
            )
            self.redactor.add(*_strings(hidden), text)
            if isinstance(body, dict):
                body = {k: (v if k in keep else _masked(v)) for k, v in body.items()}
            elif body is not None:
                body = _masked(body)
            text = MASK if text is not None else None
        prefix = urlsplit(self.base_url).path.rstrip("/")
        answer: dict[str, Any] = {
            "status": response.status_code,
            "headers": _headers(response.headers),
            "body": body,
        }
        if text is not None:
            answer["text"] = text
        self.interactions.append(
            {
                "name": f"{op_id} #{self._counts[op_id]}",
                "call": call_of(op_id, path_params, request),
                "request": {
                    "method": request.method,
                    "path": request.url.path.removeprefix(prefix),
                    "query": dict(request.url.params.items()),
                    "body": sent,
                },
                "response": answer,
            }
        )

    def document(self, dns_base: dict[str, Any] | None) -> dict[str, Any]:
        """The masked recording, as the replay test and ``propose_spec`` read it."""
        stamp = datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat()
        doc = {
            "about": "Recorded by make contract LIVE=1 RECORD=<dir> (harness/record.py).",
            "format": FORMAT,
            "recorded_at": stamp,
            "host": urlsplit(self.base_url).netloc,
            "recorded_base": "",
            "v3_base": "",
            "dns_base": dns_base,
            "interactions": self.interactions,
        }
        masked = self.redactor.scrub_data(doc)
        # Once more over the text: a secret learnt late, in any escaped form.
        scrubbed: dict[str, Any] = json.loads(
            self.redactor.scrub(json.dumps(masked, ensure_ascii=False))
        )
        return scrubbed

    def write(self, folder: Path, dns_base: dict[str, Any] | None) -> Path:
        """Save the recording as ``<folder>/live-<UTC time>.json`` (a new file per run)."""
        folder.mkdir(parents=True, exist_ok=True)
        doc = self.document(dns_base)
        stamp = doc["recorded_at"].replace(":", "").replace("-", "").replace("+0000", "Z")
        path = folder / f"live-{stamp}.json"
        n = 1
        while path.exists():
            n += 1
            path = folder / f"live-{stamp}-{n}.json"
        path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return path


def _masked(node: Any) -> Any:
    """``node`` with every string replaced by the mask."""
    if isinstance(node, str):
        return MASK
    if isinstance(node, dict):
        return {k: _masked(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_masked(v) for v in node]
    return node


def _headers(headers: httpx.Headers) -> dict[str, str]:
    out: dict[str, str] = {}
    for raw_key, raw_value in headers.raw:
        key, value = raw_key.decode("latin-1"), raw_value.decode("latin-1")
        out[key] = MASK if SECRET_HEADER.search(key) else value
    return out
