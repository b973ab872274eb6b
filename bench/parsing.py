"""Parsing large answers: our parse step (the generated ``decode``, type-checked, what the
client runs) against ``json.loads``, orjson, pydantic v2, plain msgspec Structs, the stock
openapi-python-client template and our previous attrs template, all in the same run; the slow
path (a new field in every record: the first answer walked, later ones with the key learned);
msgspec into attrs classes; peak memory; and what each step of the model template bought."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import msgspec
import orjson

from bench import payloads, peers
from bench.common import Row, interleaved, ms, peak_bytes
from misaka_io.models import PortUsage, RecordSetList
from misaka_io_generated._model_base import tolerant
from misaka_io_generated.types import decode


@dataclass(frozen=True)
class Case:
    """One answer and the class each contender reads it into."""

    label: str
    data: bytes
    ours: type
    pydantic: Any
    struct: type
    stock: Any
    old: Any

    @property
    def title(self) -> str:
        return f"{self.label} ({len(self.data) / 1e6:.2f} MB)"


@dataclass(frozen=True)
class Timed:
    """A case's median seconds per contender, with the collector on and off."""

    case: Case
    on: dict[str, float]
    off: dict[str, float]


def contenders(case: Case) -> dict[str, Callable[[], Any]]:
    data, struct = case.data, msgspec.json.Decoder(case.struct)
    fns: dict[str, Callable[[], Any]] = {
        "json": lambda: json.loads(data),
        "ours": lambda: decode(data, case.ours),
        "pydantic": lambda: case.pydantic.model_validate_json(data),
        "msgspec": lambda: struct.decode(data),
        "orjson": lambda: orjson.loads(data),
    }
    if case.stock is not None:
        fns["stock"] = lambda: case.stock.from_dict(json.loads(data))
    if case.old is not None:
        fns["old"] = lambda: case.old.from_dict(json.loads(data))
    return fns


def goal_rows(timed: Timed) -> list[Row]:
    """The goals: at most json.loads, faster than pydantic with the collector on and off."""
    title, on, off = timed.case.title, timed.on, timed.off
    rows = [
        Row(
            f"parse {title}: ours, `decode` (type-checked)",
            ms(on["ours"]),
            f"json.loads {ms(on['json'])}",
            on["ours"] / on["json"],
            "≤ 1.0x json.loads",
            on["ours"] <= on["json"],
        )
    ]
    for label, t in (("garbage collector on", on), ("garbage collector off", off)):
        rows.append(
            Row(
                f"parse {title}: vs pydantic v2, {label}",
                ms(t["ours"]),
                f"pydantic {ms(t['pydantic'])}",
                t["ours"] / t["pydantic"],
                "< 1.0x pydantic",
                t["ours"] < t["pydantic"],
            )
        )
    return rows


PEERS = (
    ("msgspec", "vs plain msgspec Structs (the practical limit)", "msgspec Structs"),
    ("orjson", "vs orjson.loads (untyped dicts)", "orjson.loads"),
    ("stock", "vs stock openapi-python-client template", "stock from_dict(json.loads)"),
)


def peer_rows(timed: Timed) -> list[Row]:
    """Ours against each measured peer, for the record (no goal)."""
    title, on = timed.case.title, timed.on
    return [
        Row(
            f"parse {title}: {label}",
            ms(on["ours"]),
            f"{what} {ms(on[key])}",
            on["ours"] / on[key],
            "(measured)",
            None,
        )
        for key, label, what in PEERS
        if key in on
    ]


def memory_row(case: Case) -> Row:
    peak = {name: peak_bytes(fn) for name, fn in contenders(case).items()}
    others = "; ".join(
        f"{name} {peak[name] / 1e6:.1f} MB"
        for name in ("json", "pydantic", "msgspec", "stock")
        if name in peak
    )
    return Row(
        f"peak memory, {case.label}",
        f"{peak['ours'] / 1e6:.1f} MB",
        f"raw JSON {len(case.data) / 1e6:.2f} MB; {others}",
        peak["ours"] / len(case.data),
        "(measured)",
        None,
    )


def new_field_rows(case: Case, repeat: int) -> list[Row]:
    """The listing the day the API adds a field (one new key in every record): the first
    answer is walked and the key learned; later answers take the C decoder again. Goal: later
    answers within 1.5x of the known shape, the new key kept."""
    data = payloads.with_unknown_key(case.data)
    fast = case.data
    key = "health_check_id"
    first = interleaved({"walk": lambda: tolerant(data, case.ours)}, number=1, repeat=repeat)
    decode(data, case.ours)  # the first answer: learns the key
    fns: dict[str, Callable[[], Any]] = {
        "json": lambda: json.loads(data),
        "ours": lambda: decode(data, case.ours),
        "known": lambda: decode(fast, case.ours),
        "pydantic": lambda: case.pydantic.model_validate_json(data),
    }
    t = interleaved(fns, number=1, repeat=repeat)
    kept = decode(data, case.ours).results[0].additional_properties
    if kept != {key: "hc-0"}:
        raise RuntimeError(f"the new key was not kept: {kept!r}")
    return [
        Row(
            f"parse {case.label}, a new field in every record, later answers (key learned)",
            ms(t["ours"]),
            f"ours on the known shape {ms(t['known'])}; json.loads {ms(t['json'])}; "
            f"pydantic {ms(t['pydantic'])}",
            t["ours"] / t["known"],
            "≤ 1.5x the known shape",
            t["ours"] <= 1.5 * t["known"],
        ),
        Row(
            f"parse {case.label}, a new field in every record, the first answer (the walk)",
            ms(first["walk"]),
            f"json.loads {ms(t['json'])}",
            first["walk"] / t["json"],
            "(measured; once per new key)",
            None,
        ),
    ]


def attrs_row(case: Case, repeat: int) -> Row:
    """The design card named attrs for the models: msgspec reading the same listing into
    equivalent attrs classes, against our Structs (which also type-check and keep unknown
    keys)."""
    to_attrs = msgspec.json.Decoder(peers.RecordSetListAt)
    data = case.data
    t = interleaved(
        {"ours": lambda: decode(data, case.ours), "attrs": lambda: to_attrs.decode(data)},
        number=1,
        repeat=repeat,
    )
    return Row(
        f"parse {case.label}: msgspec into attrs classes (the design card's models)",
        ms(t["attrs"]),
        f"ours (msgspec Structs) {ms(t['ours'])}",
        t["attrs"] / t["ours"],
        "(measured; > 1x: Structs are faster)",
        None,
    )


STEPS = (
    (
        "stock",
        "stock openapi-python-client template: attrs, `from_dict(json.loads(b))`, no type checks",
    ),
    ("old", f"our attrs template (commit {peers.OLD_TEMPLATE_COMMIT}): `from_dict` without copies"),
    ("ours", "msgspec Structs: `decode(b, Model)`, every field type-checked, unknown keys kept"),
    ("msgspec", "(the limit) plain msgspec Structs, no extras"),
)


def steps_section(timed: list[Timed]) -> list[str]:
    """What each step of the model template bought, from this run's timings."""
    lines = [
        "## What each step bought",
        "",
        "Parse time of the same bytes, measured in this run (garbage collector on). "
        "\"bought\" is the previous step's time divided by this step's.",
        "",
    ]
    for t in timed:
        lines += [f"**{t.case.title}**", "", "| step | time | x json.loads | bought |"]
        lines.append("| --- | --- | --- | --- |")
        previous = None
        for key, label in STEPS:
            if key not in t.on:
                lines.append(f"| {label} | not measured (no git history) | | |")
                continue
            if key == "msgspec":
                bought = f"ours takes {t.on['ours'] / t.on[key]:.2f}x its time"
            else:
                bought = "" if previous is None else f"{previous / t.on[key]:.2f}x faster"
            lines.append(
                f"| {label} | {ms(t.on[key])} | {t.on[key] / t.on['json']:.2f}x | {bought} |"
            )
            previous = t.on[key]
        lines.append("")
    return lines


def large(points: int, records: int, repeat: int) -> tuple[list[Row], list[str]]:
    rows: list[Row] = []
    timed: list[Timed] = []
    with peers.generated_peers() as (stock, old):
        cases = (
            Case(
                f"{points:,}-point port usage series",
                payloads.usage_bytes(points),
                PortUsage,
                peers.PortUsagePd,
                peers.PortUsageMs,
                stock.port_usage,
                old.port_usage,
            ),
            Case(
                f"{records:,}-recordset listing",
                payloads.recordsets_bytes(records),
                RecordSetList,
                peers.RecordSetListPd,
                peers.RecordSetListMs,
                stock.recordset_list,
                old.recordset_list,
            ),
        )
        for case in cases:
            fns = contenders(case)
            # With the collector off only the goal's three are timed again.
            quiet = {k: fns[k] for k in ("json", "ours", "pydantic")}
            t = Timed(
                case,
                interleaved(fns, number=1, repeat=repeat),
                interleaved(quiet, number=1, repeat=repeat, gc_off=True),
            )
            timed.append(t)
            rows += goal_rows(t) + peer_rows(t) + [memory_row(case)]
        rows += new_field_rows(cases[1], repeat=max(3, repeat // 3))
        rows.append(attrs_row(cases[1], repeat=max(3, repeat // 3)))
    return rows, steps_section(timed)
