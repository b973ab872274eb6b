"""An error answer is read with the model its operation declares for that status
(``exc.parsed``); a body that does not fit it, or an answer to ``client.request()``, keeps
today's reading (its JSON or text, ``detail`` and ``errors`` from it)."""

from __future__ import annotations

import pickle
from typing import Any

import httpx
import pytest

from misaka_io import (
    APIStatusError,
    AuthenticationError,
    Misaka,
    UnprocessableEntityError,
)
from misaka_io.models import Error, ValidationError
from tests.conftest import BASE


def _answering(status: int, body: Any) -> Misaka:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json=body)

    return Misaka(
        api_token="t", base_url=BASE, transport=httpx.MockTransport(answer), max_retries=0
    )


def test_a_401_is_read_with_the_operations_error_model() -> None:
    client = _answering(401, {"detail": "Token has expired", "code": "token_not_valid"})
    with client, pytest.raises(AuthenticationError) as caught:
        client.teams.list_teams()
    parsed = caught.value.parsed
    assert isinstance(parsed, Error)
    assert (parsed.detail, parsed.code) == ("Token has expired", "token_not_valid")
    assert caught.value.detail == "Token has expired"


def test_a_422_is_read_with_the_operations_validation_model_and_keeps_its_field_errors() -> None:
    body = {"detail": [{"loc": ["query", "limit"], "msg": "too large", "type": "value_error"}]}
    client = _answering(422, body)
    with client, pytest.raises(UnprocessableEntityError) as caught:
        client.teams.list_teams()
    assert isinstance(caught.value.parsed, ValidationError)
    assert caught.value.parsed.detail[0].msg == "too large"
    assert [(e.field, e.msg) for e in caught.value.errors] == [("limit", "too large")]
    assert caught.value.detail == "limit: too large"


def test_a_body_that_does_not_fit_the_model_is_read_as_before() -> None:
    client = _answering(401, {"detail": "no", "code": 7})  # code is not a string
    with client, pytest.raises(AuthenticationError) as caught:
        client.teams.list_teams()
    assert caught.value.parsed is None
    assert caught.value.detail == "no" and caught.value.body == {"detail": "no", "code": 7}


def test_an_answer_to_a_raw_request_has_no_declared_model() -> None:
    client = _answering(404, {"detail": "Not found."})
    with client, pytest.raises(APIStatusError) as caught:
        client.request("GET", "/v3/teams")
    assert caught.value.parsed is None and caught.value.detail == "Not found."


def test_a_pickled_error_leaves_the_parsed_model_behind() -> None:
    client = _answering(401, {"detail": "Token has expired", "code": "token_not_valid"})
    with client, pytest.raises(AuthenticationError) as caught:
        client.teams.list_teams()
    copy = pickle.loads(pickle.dumps(caught.value))  # noqa: S301 - our own bytes
    assert copy.parsed is None and copy.detail == "Token has expired"
