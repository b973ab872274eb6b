"""The redactor on its own: which values it learns and masks, in what order, with which mask.

The tests of errors, logs and sessions show it at work; these pin the rules those leave
open (each was a surviving mutant of ``_redact.py``: see reports/mutation.md).
"""

from __future__ import annotations

from misaka_io._redact import Redactor


def test_names_given_replace_the_specs_secret_names() -> None:
    redactor = Redactor(names={"apikey"})
    assert redactor.scrub('{"apikey": "k3y-value"}') == '{"apikey": "***"}'
    assert redactor.scrub('{"password": "hunter2-long"}') == '{"password": "hunter2-long"}'


def test_a_value_of_six_characters_is_masked_and_shorter_ones_and_none_are_not() -> None:
    redactor = Redactor(names=())
    redactor.add(None, "abc", "six6ix")
    assert redactor.scrub("abc six6ix") == "abc ***"
    redactor.hold("slot", None, "hold66")
    assert redactor.scrub("hold66 abc") == "*** abc"


def test_every_value_added_stays_masked() -> None:
    redactor = Redactor(names=())
    redactor.add("first-secret")
    redactor.add("second-secret")
    assert redactor.scrub("first-secret second-secret") == "*** ***"


def test_learn_takes_secret_named_fields_only_and_their_lists() -> None:
    redactor = Redactor(names={"token"})
    redactor.learn({"name": "visible-value", "nested": {"token": ["tok-one-1", "tok-two-2"]}})
    assert redactor.scrub("visible-value tok-one-1 tok-two-2") == "visible-value *** ***"
    redactor.learn({"token": "bare-token-value"})
    assert redactor.scrub("said bare-token-value") == "said ***"


def test_learn_everything_takes_every_string() -> None:
    redactor = Redactor(names=())
    redactor.learn({"name": "visible-value"}, everything=True)
    assert redactor.scrub("visible-value") == "***"


def test_secrets_come_longest_first() -> None:
    redactor = Redactor(names=())
    redactor.add("zzzzzz", "aaaaaaaaaa")
    redactor.hold("slot", "mmmmmmmm")
    assert list(redactor.secrets()) == ["aaaaaaaaaa", "mmmmmmmm", "zzzzzz"]


def test_a_secret_that_starts_another_leaves_nothing_of_the_longer_one() -> None:
    redactor = Redactor(names=())
    redactor.add("abcdef", "abcdefghij")
    assert redactor.scrub("<abcdefghij>") == "<***>"


def test_a_mask_with_a_backslash_is_written_as_is() -> None:
    redactor = Redactor(names=(), mask=r"\1")
    redactor.add("secret-value")
    assert redactor.scrub("a secret-value b") == r"a \1 b"


def test_scrub_data_scrubs_the_items_of_lists() -> None:
    redactor = Redactor(names={"token"})
    redactor.add("secret-value")
    assert redactor.scrub_data(["secret-value", 1, {"token": "x"}]) == ["***", 1, {"token": "***"}]
