"""The escapes of ``misaka_io.cli._terminal``: text shown on a terminal holds no character the
terminal would obey, and JSON and YAML shown there still mean exactly the same data."""

from __future__ import annotations

import json
import re

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from misaka_io.cli._terminal import display, json_text, lines, yaml_document

# What a terminal obeys (C0 but newline, DEL, C1, bidi controls).
OBEYED = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
HOSTILE = st.sampled_from(
    ["\x1b]0;t\x07", "\x1b[2J", "\x9b", "\u202e", "\x85", "\u2028", "\t", "\r", "\n", "\\", '"']
)
TEXT = st.lists(st.one_of(st.text(max_size=8), HOSTILE), max_size=6).map("".join)
DATA = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), TEXT),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8,
)


def test_display_escapes_controls_and_bidi_on_one_line() -> None:
    shown = display("a\x1b]0;t\x07\nb\x9b31m\u202ec\u2028")
    assert shown == "a\\x1b]0;t\\x07\\x0ab\\x9b31m\\u202ec\\u2028"
    assert lines("a\x1b\nb") == "a\\x1b\nb"


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_display_leaves_nothing_a_terminal_obeys(text: str) -> None:
    assert not OBEYED.search(display(text)) and "\n" not in display(text)


@settings(max_examples=300, deadline=None)
@given(DATA)
def test_json_shown_on_a_terminal_is_the_same_data(data: object) -> None:
    shown = json_text(json.dumps(data, indent=2, ensure_ascii=False))
    assert not OBEYED.search(shown)
    assert json.loads(shown) == data


@settings(max_examples=300, deadline=None)
@given(DATA)
def test_yaml_shown_on_a_terminal_is_the_same_data(data: object) -> None:
    shown = yaml_document(data)
    assert not OBEYED.search(shown)
    assert yaml.safe_load(shown) == data
