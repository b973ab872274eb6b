"""Text from the server made safe to show on a terminal: control characters (C0, DEL, C1)
and the invisible characters that reorder text (bidi overrides, embeddings, isolates, marks)
are shown as escapes (``\\x1b``, ``\\u202e``) instead of reaching the terminal, which would
obey them (a window title, a cleared screen, text shown backwards).

``display`` is for what a person reads (tables, error lines, progress); ``json_text`` and
``yaml_document`` keep JSON and YAML documents valid and equal to the data, using the escapes of
each format. Nothing here knows Rich: callers hand Rich ``Text`` objects so that it never
reads markup from data.
"""

from __future__ import annotations

import re
from typing import Any

# C0 and DEL, C1, and the bidi controls: marks (LRM, RLM, ALM), embeddings and overrides
# (LRE..RLO), isolates (LRI..PDI).
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNSAFE = "\x00-\x1f\x7f-\x9f" + _BIDI
# Patterns, compiled (and cached by ``re``) at their first use: most runs show no text.
UNSAFE = f"[{_UNSAFE}]"
_UNSAFE_BUT_NEWLINE = f"[\x00-\x09\x0b-\x1f\x7f-\x9f{_BIDI}]"
# Line and paragraph separators end a line on some terminals: escaped in one-line text.
_UNSAFE_IN_LINE = f"[{_UNSAFE}\u2028\u2029]"


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def display(text: str) -> str:
    """``text`` with every control and bidi character shown as ``\\xNN`` or ``\\uNNNN``
    (a newline too: one value stays on one line)."""
    return re.sub(_UNSAFE_IN_LINE, lambda m: _escape(m.group()), text)


def lines(text: str) -> str:
    """Like ``display``, but newlines stay (a log, a traceback)."""
    return re.sub(_UNSAFE_BUT_NEWLINE, lambda m: _escape(m.group()), text)


def json_text(document: str) -> str:
    """A JSON document (``ensure_ascii=False``) with the characters a terminal would obey
    written as JSON escapes: the same data, safe to show. (JSON escapes C0 itself, so the
    newlines are the document's own; the others can only be in strings, where ``\\uNNNN``
    means them.)"""
    return re.sub(_UNSAFE_BUT_NEWLINE, lambda m: f"\\u{ord(m.group()):04x}", document)


def yaml_document(data: Any) -> str:
    """``data`` as YAML to show on a terminal: every string that holds a character a terminal
    would obey is double-quoted (PyYAML then escapes the controls itself) and the ones it
    leaves as they are (bidi controls) are written as ``\\uNNNN``, which means them there."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        style = '"' if re.search(UNSAFE, value) else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    document = str(yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True))
    return re.sub(_UNSAFE_BUT_NEWLINE, lambda m: f"\\u{ord(m.group()):04x}", document)
