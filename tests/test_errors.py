"""Typed errors for every failure, and no data lost when an answer does not fit."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import respx

from misaka_io import (
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    Misaka,
    MisakaError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseValidationError,
    UnprocessableEntityError,
)

BASE = "https://api.misaka.io"


@pytest.fixture
def client() -> Misaka:
    return Misaka(api_token="t0ken-errors", max_retries=0)


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (418, APIStatusError),
        (429, RateLimitError),
        (500, InternalServerError),
        (503, InternalServerError),
    ],
)
def test_status_maps_to_class(client: Misaka, status: int, cls: type[APIStatusError]) -> None:
    with respx.mock(base_url=BASE) as mock:
        mock.get("/v3/ports/p1").respond(
            status, json={"detail": "nope"}, headers={"x-request-id": "req-42"}
        )
        with pytest.raises(cls) as info:
            client.ports.get_port("p1")
    error = info.value
    assert type(error) is cls
    assert isinstance(error, MisakaError)
    assert (error.status_code, error.detail, error.request_id) == (status, "nope", "req-42")
    assert error.response.status_code == status and error.body == {"detail": "nope"}
    assert str(error).startswith(f"{status} ") and "GET /v3/ports/p1" in str(error)


def test_422_field_errors(client: Misaka) -> None:
    detail = [
        {"type": "missing", "loc": ["body", "prefix"], "msg": "Field required"},
        {"type": "value_error", "loc": ["body", "communities", 0, "type"], "msg": "bad"},
    ]
    with respx.mock(base_url=BASE) as mock:
        mock.post("/v3/ip-announcements").respond(422, json={"detail": detail})
        with pytest.raises(UnprocessableEntityError) as info:
            client.request("POST", "/v3/ip-announcements", json={})
    error = info.value
    assert [(e.field, e.msg, e.type) for e in error.errors] == [
        ("prefix", "Field required", "missing"),
        ("communities.0.type", "bad", "value_error"),
    ]
    assert error.errors[1].loc == ("body", "communities", 0, "type")
    assert error.detail == "prefix: Field required; communities.0.type: bad"


def test_html_error_page_from_a_proxy(client: Misaka) -> None:
    page = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
    with respx.mock(base_url=BASE) as mock:
        mock.get("/v3/teams").respond(502, text=page, headers={"content-type": "text/html"})
        with pytest.raises(InternalServerError) as info:
            client.teams.list_teams()
    assert info.value.body == page and "502 Bad Gateway" in (info.value.detail or "")


@pytest.mark.parametrize(
    ("content", "content_type", "field"),
    [
        (b'{"results": [', "application/json", None),  # truncated
        (b"not json at all", "application/json", None),  # malformed
        (b'{"results": []}', "text/html", None),  # wrong content type
        (b'{"count": 3}', "application/json", "$.results"),  # does not fit the model
        (b'{"results": [5]}', "application/json", "$.results[0]"),
        (b'{"results": "nope"}', "application/json", "$.results"),
    ],
)
def test_bad_2xx_bodies_keep_the_raw_body(
    client: Misaka, content: bytes, content_type: str, field: str | None
) -> None:
    with respx.mock(base_url=BASE) as mock:
        mock.get("/v3/teams").respond(200, content=content, headers={"content-type": content_type})
        with pytest.raises(ResponseValidationError) as info:
            client.teams.list_teams()
    error = info.value
    assert error.raw == content and error.text == content.decode()
    assert error.field == field and error.model == "TeamList"
    assert error.response is not None and error.response.status_code == 200


def test_bad_timestamp_is_a_validation_error(client: Misaka) -> None:
    body = b'{"port_id": "p1", "points": [{"time": "yesterday", "in_bps": 1}]}'
    with respx.mock(base_url=BASE) as mock:
        mock.get("/v3/ports/p1/usage").respond(
            200, content=body, headers={"content-type": "application/json"}
        )
        with pytest.raises(ResponseValidationError) as info:
            client.ports.get_port_usage_metrics(
                "p1",
                start=__import__("datetime").datetime(2026, 1, 1),
                end=__import__("datetime").datetime(2026, 1, 2),
            )
    assert info.value.raw == body and "PortUsage" in str(info.value)
    assert info.value.field == "$.points[0].time"


def test_unknown_fields_and_values_are_kept(client: Misaka) -> None:
    body = {"results": [{"id": "p1", "state": "quarantined", "vlan": 42}], "cursor": "abc"}
    with respx.mock(base_url=BASE) as mock:
        mock.get("/v3/ports").respond(200, json=body)
        ports = client.ports.list_ports()
    assert ports.results[0].state == "quarantined"
    assert ports.results[0]["vlan"] == 42 and ports.listing["cursor"] == "abc"
    assert ports.listing.to_dict() == body


def test_undeclared_success_status(client: Misaka) -> None:
    with respx.mock(base_url=BASE) as mock:
        mock.get("/v3/teams").respond(202, json={"queued": True})
        with pytest.raises(ResponseValidationError) as info:
            client.teams.list_teams()
    assert info.value.raw == b'{"queued":true}' or b"queued" in info.value.raw


# A recordset listing as the API sends it (every field required since spec 0.2.0), with the
# recordset's remaining fields filled in by the case.
LISTING = (
    b'{"count": 1, "next": null, "previous": null, "results": [{"ttl": 300, "enabled": true, '
    b'"protected": false, "alias": null, "filters": [], %s}]}'
)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (
            LISTING % b'"name": "www", "type": "A", "records": [{"value": "x"}, {}]',
            "$.results[0].records[1].value",
        ),
        (LISTING % b'"name": "www", "type": "A", "records": 7', "$.results[0].records"),
        (LISTING % b'"type": "A", "records": []', "$.results[0].name"),
    ],
)
def test_the_failed_field_is_located_in_nested_answers(
    client: Misaka, body: bytes, field: str
) -> None:
    with respx.mock(base_url=BASE) as mock:
        mock.get("/v3/dns/zones/example.net/recordsets").respond(
            200, content=body, headers={"content-type": "application/json"}
        )
        with pytest.raises(ResponseValidationError) as info:
            client.dns.list_recordsets("example.net")
    assert info.value.field == field
    assert f"at {field}:" in str(info.value)


def test_redaction_masks_credentials_not_words() -> None:
    from misaka_io._redact import Redactor

    redactor = Redactor()
    redactor.add("pass", "hunter22")  # too short to mask safely, and a real one
    text = "Given token not valid for any token type; password hunter22; Token abcdef0123456789"
    assert redactor.scrub(text) == (
        "Given token not valid for any token type; password ***; Token ***"
    )


def test_a_fresh_process_masks_every_field_the_spec_marks_secret() -> None:
    """The names come from the operation table: a process that has imported no model masks
    them too (they were read from the models loaded so far, which may be none)."""
    script = (
        "import json, msgspec\n"
        "from misaka_io._redact import Redactor\n"
        "names = Redactor().names\n"
        "from misaka_io_generated import models\n"
        "marked = set()\n"
        "for name in models.__all__:\n"
        "    cls = getattr(models, name)\n"
        "    if isinstance(cls, type) and issubclass(cls, msgspec.Struct):\n"
        "        marked |= {f.encode_name for f in msgspec.structs.fields(cls)\n"
        "                   if f.name in cls.__secret_fields__}\n"
        "body = json.dumps({'email': 'a@example.com', 'password': 'hunter2-long'})\n"
        "print(json.dumps([sorted(names), sorted(marked), Redactor().scrub(body)]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    names, marked, scrubbed = json.loads(done.stdout or done.stderr)
    assert names == marked and {"password", "refresh", "token", "otp"} <= set(names)
    assert "hunter2-long" not in scrubbed and "a@example.com" in scrubbed
