"""The one response checker (stub tests, client run, live mode) does catch bad answers."""

from __future__ import annotations

import httpx

from contract_tests.conformance import problems


def answer(method: str, url: str, status: int, **kwargs: object) -> httpx.Response:
    return httpx.Response(status, request=httpx.Request(method, url), **kwargs)  # type: ignore[arg-type]


RECORDSET = "http://x/v3/dns/zones/example.net/recordsets/www/A"


def test_good_answer_has_no_problems() -> None:
    r = answer("GET", "http://x/v3/ports/p1", 200, json={"id": "p1", "surprise": True})
    assert problems(r) == []


def test_missing_required_field_is_named() -> None:
    body = {"name": "www", "type": "A", "ttl": 300, "enabled": True, "alias": None}
    found = problems(answer("GET", RECORDSET, 200, json={**body, "records": [], "filters": []}))
    (problem,) = found
    assert (problem.path, problem.rule) == ("$", "required")
    assert problem.message == "'protected' is a required property"
    assert problem.value.startswith('{"name": "www", "type": "A"')


def test_wrong_type_deep_in_a_listing_is_located() -> None:
    body = {"results": [{"id": "p1", "speed": "fast"}]}
    (problem,) = problems(answer("GET", "http://x/v3/ports", 200, json=body))
    assert (problem.path, problem.rule, problem.value) == (
        "$.results[0].speed",
        "speed/type",
        '"fast"',
    )
    assert str(problem).startswith("$.results[0].speed: speed/type: 'fast' is not of type")


def test_undeclared_status_and_unknown_path() -> None:
    assert [str(p) for p in problems(answer("GET", "http://x/v3/ports", 418, json={}))] == [
        "$: status: status 418 is not declared"
    ]
    assert [str(p) for p in problems(answer("GET", "http://x/v3/nope", 404, json={}))] == [
        "$: operation: GET /v3/nope is not an operation of the spec"
    ]
    # Recorded: create answers 200 and delete 202; the old statuses are not declared any more.
    assert problems(answer("DELETE", RECORDSET, 204))[0].rule == "status"
    assert problems(answer("DELETE", RECORDSET, 202, json={"detail": "Object deleted."})) == []


def test_body_on_204_and_non_json() -> None:
    (extra,) = problems(answer("DELETE", "http://x/v3/dns/zones/a.example", 204, json={"x": 1}))
    assert (extra.rule, extra.message) == ("no content", "204 must have no body")
    html = answer(
        "GET", "http://x/v3/ports", 200, text="<html>", headers={"content-type": "text/html"}
    )
    assert [p.rule for p in problems(html)] == ["content type"]
    broken = answer(
        "GET",
        "http://x/v3/ports",
        200,
        content=b"[1,",
        headers={"content-type": "application/json"},
    )
    assert [p.rule for p in problems(broken)] == ["json"]
