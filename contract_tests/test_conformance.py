"""The response checker used by the stub tests and the harness does catch bad answers."""

from __future__ import annotations

import httpx

from contract_tests.conformance import problems


def answer(method: str, url: str, status: int, **kwargs: object) -> httpx.Response:
    return httpx.Response(status, request=httpx.Request(method, url), **kwargs)  # type: ignore[arg-type]


def test_good_answer_has_no_problems() -> None:
    r = answer("GET", "http://x/v3/ports/p1", 200, json={"id": "p1", "surprise": True})
    assert problems(r) == []


def test_missing_required_field_is_named() -> None:
    r = answer(
        "GET", "http://x/v3/dns/zones/example.net/recordsets/www/A", 200, json={"name": "www"}
    )
    assert problems(r) == ["get_recordset 200 at /: 'type' is a required property"]


def test_wrong_type_deep_in_a_listing_is_located() -> None:
    body = {"results": [{"id": "p1", "speed": "fast"}]}
    (problem,) = problems(answer("GET", "http://x/v3/ports", 200, json=body))
    assert problem.startswith("list_ports 200 at /results/0/speed:")


def test_undeclared_status_and_unknown_path() -> None:
    assert problems(answer("GET", "http://x/v3/ports", 418, json={})) == [
        "list_ports: status 418 is not declared"
    ]
    assert problems(answer("GET", "http://x/v3/nope", 404, json={})) == [
        "GET /v3/nope is not an operation of the spec"
    ]


def test_body_on_204_and_non_json() -> None:
    assert problems(answer("DELETE", "http://x/v3/dns/zones/a.example", 204, json={"x": 1})) == [
        "delete_zone: 204 must have no body"
    ]
    html = answer(
        "GET", "http://x/v3/ports", 200, text="<html>", headers={"content-type": "text/html"}
    )
    assert problems(html) == ["list_ports: content type 'text/html'"]
