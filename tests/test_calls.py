"""One call through the pipeline: per-call options, raw responses, every 2xx, and mistakes in
a request or in the settings raised before anything is sent."""

from __future__ import annotations

import asyncio
import gzip
import inspect
import logging
from typing import Any

import httpx
import pytest
import respx

from misaka_io import APIResponse, AsyncMisaka, ConfigurationError, Misaka
from misaka_io.models import Port, RecordSet, RecordSetWrite, Zone
from misaka_io.spec import operations
from tests.examples import arguments, minimal_answer

BASE = "https://api.example.test"
TOKEN = "t0ken-for-tests"
RECORDSET = {
    "name": "www",
    "type": "A",
    "ttl": 300,
    "enabled": True,
    "protected": False,
    "alias": None,
    "records": [{"value": "192.0.2.1"}],
    "filters": [],
}


class Recorder(httpx.BaseTransport):
    """Answers every request with one prepared answer and keeps the requests."""

    def __init__(self, status: int = 200, body: Any = None, content: bytes | None = None):
        self.status, self.body, self.content = status, body, content
        self.requests: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.content is not None:
            return httpx.Response(self.status, content=self.content)
        return httpx.Response(
            self.status, json=self.body, headers={"X-Request-Id": f"req-{len(self.requests)}"}
        )


def make(transport: httpx.BaseTransport, **kwargs: Any) -> Misaka:
    kwargs.setdefault("max_retries", 0)
    return Misaka(api_token=TOKEN, base_url=BASE, transport=transport, **kwargs)


# ---- per-call options ------------------------------------------------------------------------


def test_per_call_options_reach_the_request() -> None:
    recorder = Recorder(body={"id": "p1"})
    client = make(recorder, timeout=30)
    client.ports.get_port(
        "p1", timeout=2.5, extra_headers={"X-Trace": "abc"}, extra_query={"expand": "all"}
    )
    client.ports.get_port("p1")
    first, second = recorder.requests
    assert first.headers["X-Trace"] == "abc" and first.url.params["expand"] == "all"
    assert first.extensions["timeout"]["read"] == 2.5
    assert "X-Trace" not in second.headers and "expand" not in second.url.params
    assert second.extensions["timeout"]["read"] == 30


def test_with_options_is_a_copy_sharing_the_pool() -> None:
    recorder = Recorder(body={"id": "p1"})
    client = make(recorder)
    quick = client.with_options(timeout=1, max_retries=3)
    assert quick.max_retries == 3 and client.max_retries == 0
    quick.ports.get_port("p1")
    assert recorder.requests[0].extensions["timeout"]["read"] == 1
    quick.close()  # a copy does not close the pool it shares
    client.ports.get_port("p1")
    assert len(recorder.requests) == 2


def test_a_client_closed_before_its_first_call_refuses_calls_and_sends_nothing() -> None:
    """The connections open at the first call; a client closed before it stays closed."""
    recorder = Recorder(body={"id": "p1"})
    client = make(recorder)
    client.close()
    with pytest.raises(RuntimeError, match="closed"):
        client.ports.get_port("p1")

    async def run() -> None:
        client = AsyncMisaka(api_token="t0ken", base_url="http://127.0.0.1:9")
        await client.close()
        await client.ports.get_port("p1")

    with pytest.raises(RuntimeError, match="closed"):
        asyncio.run(run())
    assert recorder.requests == []


def test_an_async_client_closed_in_one_event_loop_serves_the_next_one() -> None:
    """``async with client`` in one ``asyncio.run``, then again in another: the client opens a
    fresh pool for the second loop (its own transport), as before the pool was lazy."""
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        return httpx.Response(200, json={"id": "p1"})

    client = AsyncMisaka(api_token="t0ken", base_url="http://127.0.0.1:9", trust_env=False)

    async def run() -> int:
        async with client:
            return (await client.request("GET", "/v3/ports/p1")).status_code

    with respx.mock(assert_all_called=False) as mock:
        mock.route().mock(side_effect=answer)
        assert asyncio.run(run()) == 200
        assert asyncio.run(run()) == 200
    assert len(seen) == 2


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"extra_headers": {"Authorization": "Token other"}}, "Authorization"),
        ({"extra_headers": {"X-A": "a\r\nX-B: b"}}, "line break"),
        ({"timeout": "5"}, "number of seconds"),
        ({"extra_query": ["a"]}, "mapping"),
    ],
)
def test_bad_per_call_options_are_refused_before_sending(
    options: dict[str, Any], message: str
) -> None:
    recorder = Recorder(body={"id": "p1"})
    with pytest.raises((TypeError, ConfigurationError), match=message):
        make(recorder).ports.get_port("p1", **options)
    assert recorder.requests == []


# ---- raw responses ---------------------------------------------------------------------------


def test_raw_response_has_status_headers_and_parse() -> None:
    recorder = Recorder(body={"id": "p1", "speed": 100000})
    raw = make(recorder).with_raw_response.ports.get_port("p1")
    assert isinstance(raw, APIResponse)
    assert raw.status_code == 200 and raw.request_id == "req-1"
    assert raw.headers["content-type"] == "application/json"
    port = raw.parse()
    assert isinstance(port, Port) and port.speed == 100000 and raw.parse() is port


def test_raw_response_of_a_listing_parses_into_a_page() -> None:
    recorder = Recorder(body={"count": 1, "next": None, "previous": None, "results": [RECORDSET]})
    raw = make(recorder).with_raw_response.dns.list_recordsets("example.net")
    assert [rs.name for rs in raw.parse()] == ["www"]


def test_async_raw_response() -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"id": "p1"}, headers={"X-Request-Id": "r-1"})

    async def run() -> APIResponse[Port]:
        async with AsyncMisaka(
            api_token=TOKEN, base_url=BASE, transport=httpx.MockTransport(handler)
        ) as client:
            return await client.with_raw_response.ports.get_port("p1")

    raw = asyncio.run(run())
    assert raw.request_id == "r-1" and raw.parse().id == "p1"


# ---- every 2xx is success --------------------------------------------------------------------


def test_recorded_create_with_200_returns_the_recordset() -> None:
    recorder = Recorder(status=200, body=RECORDSET)
    created = make(recorder).dns.create_recordset(
        "example.net", "www", "A", body=RecordSetWrite.from_dict({"ttl": 300, "records": []})
    )
    assert isinstance(created, RecordSet) and created.name == "www"


def _success_of(op: Any) -> tuple[set[int], bool]:
    codes = {int(c) for c in op.data["responses"] if c.startswith("2")}
    response = op.responses()[str(min(codes))]
    return codes, "content" in response


@pytest.mark.parametrize("op", list(operations()), ids=lambda op: op.operation_id)
def test_every_operation_accepts_every_other_2xx(op: Any, caplog: pytest.LogCaptureFixture) -> None:
    """A 2xx the spec does not declare: an operation that returns a model reads the body with
    it; one that returns nothing accepts an empty body or a ``detail``."""
    declared, has_model = _success_of(op)
    method = getattr(
        getattr(make(Recorder()), op.data["tags"][0].replace("-", "_")), op.operation_id
    )
    args, kwargs = arguments(op, method)
    for status in sorted({200, 201, 202, 204} - declared):
        if has_model:
            recorder = Recorder(status=status, body=minimal_answer(op))
        else:
            recorder = Recorder(status=status, body={"detail": "Object deleted."})
        client = make(recorder)
        group = getattr(client, op.data["tags"][0].replace("-", "_"))
        with caplog.at_level(logging.DEBUG, logger="misaka_io"):
            result = getattr(group, op.operation_id)(*args, **kwargs)
        assert (result is None) == (not has_model), (op.operation_id, status)
        assert f"answered {status}, which the spec does not declare" in caplog.text
        caplog.clear()
    if not has_model:
        empty = make(Recorder(status=202, content=b""))
        group = getattr(empty, op.data["tags"][0].replace("-", "_"))
        assert getattr(group, op.operation_id)(*args, **kwargs) is None


# ---- mistakes in a request -------------------------------------------------------------------


def test_a_dict_body_is_read_through_the_model() -> None:
    recorder = Recorder(status=201, body={"name": "x.example"})
    zone = make(recorder).dns.create_zone(body={"name": "x.example"})
    assert isinstance(zone, Zone) and recorder.requests[0].content == b'{"name":"x.example"}'


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.dns.create_zone(body={"nam": "x.example"}), "unknown field `nam`"),
        (lambda c: c.dns.create_zone(body={}), "missing required field `name`"),
        (lambda c: c.dns.create_zone(body={"name": 5}), "Expected `str`, got `int`"),
        (lambda c: c.dns.create_zone(body="x.example"), "body must be a ZoneCreate or a dict"),
        (lambda c: c.ports.list_ports(limit="ten"), "limit: Expected `int`, got `str`"),
        (lambda c: c.ports.list_ports(limit=True), "limit: Expected `int`, got `bool`"),
        (lambda c: c.ports.get_port(None), "port_id must be a string"),
        (
            lambda c: c.dns.create_recordset("z", "n", "A", body={"ttl": "300", "records": []}),
            "at body.ttl",
        ),
    ],
)
def test_request_mistakes_fail_before_sending(call: Any, message: str) -> None:
    recorder = Recorder()
    with pytest.raises(TypeError) as info:
        call(make(recorder))
    assert message in str(info.value)
    assert recorder.requests == []


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"timeout": "5"}, "timeout must be a number of seconds"),
        ({"timeout": -1}, "more than 0"),
        ({"api_token": "abc def"}, "api_token contains whitespace"),
        ({"api_token": "abc\n"}, "api_token contains whitespace"),
        ({"base_url": "https://api.misaka.io/v3"}, "must not end in /v3"),
        ({"base_url": "https://user:secret@api.misaka.io"}, "must not carry a user"),
        ({"max_retries": 11}, "from 0 to 10"),
        ({"max_retries": "2"}, "whole number"),
        ({"total_timeout": 0}, "total_timeout"),
        ({"max_response_bytes": 0}, "max_response_bytes"),
        ({"default_headers": {"X-A": "1\n2"}}, "line break"),
    ],
)
def test_bad_settings_raise_at_construction(settings: dict[str, Any], message: str) -> None:
    settings.setdefault("api_token", TOKEN)
    settings.setdefault("base_url", BASE)
    with pytest.raises((ConfigurationError, TypeError)) as info:
        Misaka(**settings)
    assert message in str(info.value)
    assert "secret" not in str(info.value)


# ---- the facade says what the spec says ------------------------------------------------------


def test_docstrings_carry_the_spec() -> None:
    method = make(Recorder()).dns.list_recordsets
    text = inspect.getdoc(method) or ""
    assert "The zone's recordsets" in text  # the operation's description
    assert "zone: The zone's bare domain name" in text  # a parameter's description
    assert "NotFoundError: the server answered 404." in text
    assert "iterating it yields every item of every page" in text


def test_a_delete_answered_204_without_a_body_returns_none() -> None:
    """The spec declares 202 with a ``detail`` (recorded); a plain 204 is done all the same."""
    recorder = Recorder(status=204, content=b"")
    assert make(recorder).dns.delete_recordset("example.net", "www", "A") is None
    detail = make(Recorder(status=202, body={"detail": "Object deleted."}))
    assert detail.dns.delete_recordset("example.net", "www", "A").detail == "Object deleted."


def test_extra_query_adds_but_does_not_replace_declared_parameters() -> None:
    recorder = Recorder(body={"results": []})
    make(recorder).ports.list_ports(offset=5, extra_query={"offset": 0, "expand": "1"})
    params = recorder.requests[0].url.params
    assert params["offset"] == "5" and params["expand"] == "1"


# ---- the answer and the URL as the fast path builds them --------------------------------------


@pytest.mark.parametrize("encoding", ["gzip", "identity"])
def test_the_answer_says_how_many_bytes_were_read_and_no_wire_encoding(encoding: str) -> None:
    body = b'{"results": [], "count": 0, "pad": "' + b"x" * 2000 + b'"}'
    wire = gzip.compress(body) if encoding == "gzip" else body

    def serve(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            headers={"Content-Encoding": encoding, "Transfer-Encoding": "chunked", "X-Kept": "1"},
            content=wire,
        )

    answer = make(httpx.MockTransport(serve)).request("GET", "/v3/teams")
    assert answer.content == body and answer.json()["count"] == 0
    assert answer.headers["content-length"] == str(len(body))
    assert "content-encoding" not in answer.headers
    assert "transfer-encoding" not in answer.headers
    assert answer.headers["x-kept"] == "1"


def test_a_query_in_the_path_and_params_are_both_sent() -> None:
    recorder = Recorder(body={})
    client = make(recorder)
    client.request("GET", "/v3/teams?a=1", params={"b": [2, 3], "c": True})
    client.request("GET", "/v3/teams", params={"b": [2, 3], "c": True, "d": None})
    client.request("GET", "/v3/teams")
    first, second, third = (str(r.url) for r in recorder.requests)
    assert first == f"{BASE}/v3/teams?a=1&b=2&b=3&c=true"
    assert second == f"{BASE}/v3/teams?b=2&b=3&c=true&d="
    assert third == f"{BASE}/v3/teams"


def test_a_client_told_not_to_read_credentials_from_the_environment_has_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from misaka_io import MissingCredentialsError
    from misaka_io.testing import MisakaStub

    with MisakaStub() as stub:
        monkeypatch.setenv("MISAKA_API_TOKEN", stub.api_token)
        with stub.client(api_token=None) as reads_it:
            assert reads_it.ports.list_ports().results is not None
        with (
            stub.client(api_token=None, credentials_from_env=False) as does_not,
            pytest.raises(MissingCredentialsError),
        ):
            does_not.ports.list_ports()
