"""Keeping secrets out of messages, logs, reports, pickles and reprs.

A secret is known by value or by shape. By value: what was ``add``-ed (kept for the
redactor's life: the harness's secrets), and the live secrets a client ``hold``-s by slot
(its API token and password, the last one-time code, the current session's tokens): holding
a slot anew replaces what it held, so a refreshed-away token is no longer held by value (it
is still masked by its shape). By shape: the value of a field the spec marks
``x-misaka-secret`` (``"token": "..."`` in JSON, ``'token': '...'`` in a repr), a JWT, a
``Token``/``Bearer`` credential. A known value is masked in every form it takes in text: as
is, JSON-escaped (with and without ``ensure_ascii``), repr-escaped, percent-encoded, and any
two of these in a row (a JSON report of a repr). Mask before you cut: a secret cut in two is
no longer recognised, so ``scrub`` first, then shorten.
"""

from __future__ import annotations

import functools
import json
import re
import threading
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import quote, quote_plus

from misaka_io._table_types import secret_names

MASK = "***"
_MIN_SECRET = 6  # shorter values would mask ordinary words (the spec's shortest password is 6)
_JWT = r"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}"
# "Token <credential>": only a value shaped like a credential, so "Token is invalid" stays.
_AUTH = r"(?i)\b(Token|Bearer)\s+[A-Za-z0-9._~+/=-]{12,}"
_ESCAPES: tuple[Callable[[str], str], ...] = (
    lambda s: json.dumps(s)[1:-1],
    lambda s: json.dumps(s, ensure_ascii=False)[1:-1],
    lambda s: repr(s)[1:-1],
    lambda s: repr(s + '"')[1:-2],  # in a text holding both quotes, repr escapes ' too
    lambda s: quote(s, safe=""),
    lambda s: quote_plus(s, safe=""),
)


def forms(secret: str) -> set[str]:
    """The texts ``secret`` may become on its way into a message or a report."""
    once = {secret, *(escape(secret) for escape in _ESCAPES)}
    return once | {escape(text) for text in once for escape in _ESCAPES}


@functools.cache
def _patterns(names: frozenset[str], mask: str) -> list[tuple[re.Pattern[str], str]]:
    """The patterns ``scrub`` applies after the known secrets, with their replacements,
    compiled at the first scrub (a client that never masks anything compiles none) and once
    per set of names: ``"name": "value"`` (JSON) and ``'name': 'value'`` (repr) for each
    secret name, then JWTs."""
    escaped = mask.replace("\\", r"\\")
    found = [(re.compile(_JWT), escaped)]
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    if alternatives:
        found[:0] = [
            (re.compile(rf'("(?:{alternatives})"\s*:\s*)"(?:[^"\\]|\\.)*"'), rf'\1"{escaped}"'),
            (re.compile(rf"('(?:{alternatives})'\s*:\s*)'(?:[^'\\]|\\.)*'"), rf"\1'{escaped}'"),
            (re.compile(rf"('(?:{alternatives})'\s*:\s*)\"(?:[^\"\\]|\\.)*\""), rf'\1"{escaped}"'),
        ]
    return found


class Redactor:
    """Holds the secrets a client (or the harness) knows and masks them, and every value of a
    field named like a secret, in text and in JSON data."""

    def __init__(self, *, mask: str = MASK, names: Iterable[str] | None = None) -> None:
        self.mask = mask
        self.names = frozenset(secret_names() if names is None else names)
        self._secrets: set[str] = set()  # added: for the redactor's life
        self._held: dict[str, frozenset[str]] = {}  # held by slot: the live secrets
        self._pattern: re.Pattern[str] | None = None
        self._lock = threading.Lock()

    def add(self, *values: str | None) -> None:
        """Mask these values from now on, for the redactor's life."""
        with self._lock:
            new = {v for v in values if isinstance(v, str) and len(v) >= _MIN_SECRET}
            if not new <= self._secrets:
                self._secrets |= new
                self._pattern = None

    def hold(self, slot: str, *values: str | None) -> None:
        """Mask these values in place of what ``slot`` held before (none: forget the slot's)."""
        with self._lock:
            new = frozenset(v for v in values if isinstance(v, str) and len(v) >= _MIN_SECRET)
            if self._held.get(slot, frozenset()) != new:
                self._held[slot] = new
                self._pattern = None

    def learn(self, data: Any, *, everything: bool = False) -> None:
        """Add the string values of secret-named fields found in JSON ``data``; with
        ``everything``, every string in it (an answer that carries a credential but not in
        the shape the spec says: any of its strings may be the credential)."""
        found: list[str] = []

        def walk(node: Any, secret: bool) -> None:
            if isinstance(node, str) and (secret or everything):
                found.append(node)
            elif isinstance(node, dict):
                for key, value in node.items():
                    walk(value, secret or key in self.names)
            elif isinstance(node, list):
                for item in node:
                    walk(item, secret)

        walk(data, False)
        self.add(*found)

    def frozen(self) -> Redactor:
        """A copy that masks what this one masks now, whatever this one holds later: an error
        keeps it, so that pickled after a refresh it still masks the tokens of its time."""
        copy = object.__new__(Redactor)
        copy.mask, copy.names = self.mask, self.names
        with self._lock:
            copy._secrets, copy._held, copy._pattern = self._known(), {}, self._pattern
        copy._lock = threading.Lock()
        return copy

    def _known(self) -> set[str]:
        return self._secrets.union(*self._held.values())

    def secrets(self) -> Iterable[str]:
        """The values masked by value now: those added, and those held."""
        with self._lock:
            return sorted(self._known(), key=len, reverse=True)

    def _compiled(self) -> re.Pattern[str] | None:
        with self._lock:
            known = self._known() if self._pattern is None else set()
            if known:
                texts = {f for s in known for f in forms(s) if len(f) >= _MIN_SECRET}
                ordered = sorted(texts, key=len, reverse=True)
                self._pattern = re.compile("|".join(re.escape(t) for t in ordered))
            return self._pattern

    def scrub(self, text: str) -> str:
        """``text`` with every known secret, secret-named field value, JWT and credential
        header value masked. Call it before cutting the text short."""
        pattern = self._compiled()
        if pattern is not None:
            text = pattern.sub(self.mask.replace("\\", r"\\"), text)
        for field, template in _patterns(self.names, self.mask):
            text = field.sub(template, text)
        return re.sub(_AUTH, lambda m: f"{m.group(1)} {self.mask}", text)

    def scrub_data(self, data: Any) -> Any:
        """JSON ``data`` with every string scrubbed and secret-named fields masked."""
        if isinstance(data, str):
            return self.scrub(data)
        if isinstance(data, dict):
            return {
                key: self.mask
                if key in self.names and isinstance(value, str)
                else self.scrub_data(value)
                for key, value in data.items()
            }
        if isinstance(data, list):
            return [self.scrub_data(item) for item in data]
        return data
