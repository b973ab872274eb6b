"""Retries: which statuses and errors, which methods, how long to wait."""

from __future__ import annotations

import email.utils
import time

import httpx
import pytest
import respx

from misaka_io import (
    APIConnectionError,
    APITimeoutError,
    AsyncMisaka,
    InternalServerError,
    Misaka,
    NotFoundError,
    RateLimitError,
)
from misaka_io._retry import NOT_SENT, RetryPolicy, parse_retry_after
from tests.conftest import Sleeps

BASE = "https://api.misaka.io"
PATHS = {
    "GET": "/v3/teams",
    "PUT": "/v3/shield/rules",
    "DELETE": "/v3/dns/zones/example.net",
    "POST": "/v3/ip-announcements",
    "PATCH": "/v3/ip-announcements/ann-1",
}
OK = {
    "GET": httpx.Response(200, json={"results": []}),
    "PUT": httpx.Response(200, json={"results": []}),
    "DELETE": httpx.Response(204),
    "POST": httpx.Response(201, json={"id": "ann-1", "prefix": "192.0.2.0/24"}),
    "PATCH": httpx.Response(200, json={"id": "ann-1", "prefix": "192.0.2.0/24"}),
}


def call(client: Misaka, method: str) -> httpx.Response:
    body = {"prefix": "192.0.2.0/24", "origin_asn": 64500} if method == "POST" else {"rules": []}
    return client.request(method, PATHS[method], json=None if method in ("GET", "DELETE") else body)


@pytest.fixture
def client(sleeps: Sleeps) -> Misaka:
    return Misaka(api_token="t0ken-retry-tests", sleep=sleeps.sleep)


# status -> which methods retry it without a Retry-After header
RULES = {
    408: {"GET", "PUT", "DELETE"},
    429: {"GET", "PUT", "DELETE", "POST", "PATCH"},
    500: {"GET", "PUT", "DELETE"},
    502: {"GET", "PUT", "DELETE"},
    503: {"GET", "PUT", "DELETE"},
    504: {"GET", "PUT", "DELETE"},
}


@pytest.mark.parametrize("method", list(PATHS))
@pytest.mark.parametrize("status", list(RULES))
def test_status_retry_rules(client: Misaka, sleeps: Sleeps, method: str, status: int) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.route(method=method, path=PATHS[method])
        route.side_effect = [httpx.Response(status, json={"detail": "busy"}), OK[method]]
        if method in RULES[status]:
            assert call(client, method).is_success
            assert route.call_count == 2 and len(sleeps) == 1
        else:
            with pytest.raises(Exception) as info:
                call(client, method)
            assert getattr(info.value, "status_code", None) == status
            assert route.call_count == 1 and sleeps == []


@pytest.mark.parametrize("method", ["POST", "PATCH"])
def test_post_retries_503_only_with_retry_after(
    client: Misaka, sleeps: Sleeps, method: str
) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.route(method=method, path=PATHS[method])
        route.side_effect = [
            httpx.Response(503, headers={"Retry-After": "3"}, json={"detail": "x"}),
            OK[method],
        ]
        assert call(client, method).is_success
    assert sleeps == [3.0]


def test_gives_up_after_max_retries(client: Misaka, sleeps: Sleeps) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/v3/teams").respond(500, json={"detail": "down"})
        with pytest.raises(InternalServerError) as info:
            client.teams.list_teams()
    assert route.call_count == 3 and len(sleeps) == 2
    assert info.value.detail == "down"


def test_max_retries_zero_disables(sleeps: Sleeps) -> None:
    with (
        respx.mock(base_url=BASE) as mock,
        Misaka(api_token="t0ken-retry", max_retries=0, sleep=sleeps.sleep) as client,
    ):
        route = mock.get("/v3/teams").respond(503, json={"detail": "x"})
        with pytest.raises(InternalServerError):
            client.teams.list_teams()
    assert route.call_count == 1 and sleeps == []


def test_backoff_doubles_caps_and_jitters_down(sleeps: Sleeps) -> None:
    with (
        respx.mock(base_url=BASE) as mock,
        Misaka(api_token="t0ken-retry", max_retries=6, sleep=sleeps.sleep) as client,
    ):
        mock.get("/v3/teams").respond(502, json={"detail": "x"})
        with pytest.raises(InternalServerError):
            client.teams.list_teams()
    nominal = [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    assert len(sleeps) == 6
    for waited, full in zip(sleeps, nominal, strict=True):
        assert full * 0.75 <= waited <= full


def test_retry_after_seconds_and_cap(client: Misaka, sleeps: Sleeps) -> None:
    with respx.mock(base_url=BASE) as mock:
        mock.get("/v3/teams").side_effect = [
            httpx.Response(429, headers={"Retry-After": "7"}, json={"detail": "slow down"}),
            httpx.Response(429, headers={"Retry-After": "3600"}, json={"detail": "slow down"}),
            httpx.Response(200, json={"results": []}),
        ]
        client.teams.list_teams()
    assert sleeps == [7.0, 60.0]


def test_retry_after_http_date(client: Misaka, sleeps: Sleeps) -> None:
    when = email.utils.formatdate(time.time() + 20, usegmt=True)
    with respx.mock(base_url=BASE) as mock:
        mock.get("/v3/teams").side_effect = [
            httpx.Response(503, headers={"Retry-After": when}, json={"detail": "x"}),
            httpx.Response(200, json={"results": []}),
        ]
        client.teams.list_teams()
    (waited,) = sleeps
    assert 18.0 <= waited <= 20.0


@pytest.mark.parametrize("status", [503, 429])
def test_a_retry_after_date_is_read_on_the_clients_clock(sleeps: Sleeps, status: int) -> None:
    """The client's injected clock, not the machine's, says how far off the date is."""
    with (
        respx.mock(base_url=BASE) as mock,
        Misaka(api_token="t0ken-retry", clock=lambda: 1445412470.0, sleep=sleeps.sleep) as client,
    ):
        mock.get("/v3/teams").side_effect = [
            httpx.Response(
                status, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, json={}
            ),
            httpx.Response(200, json={"results": []}),
        ]
        client.teams.list_teams()
    assert sleeps == [10.0]


def test_rate_limit_error_after_retries(client: Misaka, sleeps: Sleeps) -> None:
    with respx.mock(base_url=BASE) as mock:
        mock.get("/v3/teams").respond(
            429, headers={"Retry-After": "1"}, json={"detail": "throttled"}
        )
        with pytest.raises(RateLimitError):
            client.teams.list_teams()
    assert sleeps == [1.0, 1.0]


def test_parse_retry_after() -> None:
    assert parse_retry_after("2.5") == 2.5
    assert parse_retry_after("-4") == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    # without a clock, the date is read against this machine's
    ahead = parse_retry_after(email.utils.formatdate(time.time() + 20, usegmt=True))
    assert ahead is not None and 10.0 <= ahead <= 20.0


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_connect_errors_retry_for_every_method(client: Misaka, sleeps: Sleeps, method: str) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.route(method=method, path=PATHS[method])
        route.side_effect = [httpx.ConnectError("refused"), OK[method]]
        assert call(client, method).is_success
    assert route.call_count == 2


@pytest.mark.parametrize(
    ("error", "method", "retried", "raised"),
    [
        (httpx.ReadTimeout("slow"), "GET", True, APITimeoutError),
        (httpx.ReadTimeout("slow"), "POST", False, APITimeoutError),
        (httpx.RemoteProtocolError("connection reset"), "GET", True, APIConnectionError),
        (httpx.RemoteProtocolError("connection reset"), "PATCH", False, APIConnectionError),
        (httpx.ConnectTimeout("no answer"), "POST", True, APITimeoutError),
    ],
)
def test_transport_errors(
    client: Misaka,
    sleeps: Sleeps,
    error: Exception,
    method: str,
    retried: bool,
    raised: type[Exception],
) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.route(method=method, path=PATHS[method])
        route.side_effect = error
        with pytest.raises(raised) as info:
            call(client, method)
    assert route.call_count == (3 if retried else 1)
    assert PATHS[method] in str(info.value)


async def test_async_retries_and_waits(sleeps: Sleeps) -> None:
    async with AsyncMisaka(api_token="t0ken-async", sleep=sleeps.async_sleep) as client:
        with respx.mock(base_url=BASE) as mock:
            mock.get("/v3/teams").side_effect = [
                httpx.Response(503, headers={"Retry-After": "2"}, json={"detail": "x"}),
                httpx.ConnectError("refused"),
                httpx.Response(200, json={"results": [{"id": 17, "name": "NOC"}]}),
            ]
            teams = await client.teams.list_teams()
    assert teams.results[0].name == "NOC"
    assert sleeps[0] == 2.0 and len(sleeps) == 2


def test_policy_is_a_plain_value() -> None:
    policy = RetryPolicy(max_retries=1)
    request = httpx.Request("GET", "https://x/")
    assert policy.after_status(request, httpx.Response(500), 0) is not None
    assert policy.after_status(request, httpx.Response(500), 1) is None
    assert policy.after_status(request, httpx.Response(501), 0) is None


# Every error that proves the request never reached the server (a failed connect, no free
# connection in the pool), named here rather than read from NOT_SENT: a member dropped from
# that tuple fails the tests below instead of taking its tests away with it.
NEVER_SENT = [
    pytest.param(cls, id=cls.__name__)
    for cls in (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
]


def test_the_never_sent_errors_are_exactly_the_ones_these_tests_name() -> None:
    assert set(NOT_SENT) == {p.values[0] for p in NEVER_SENT}


@pytest.mark.parametrize("error", NEVER_SENT)
@pytest.mark.parametrize("method", ["POST", "PATCH"])
def test_a_post_or_patch_that_never_left_is_sent_again(
    client: Misaka, sleeps: Sleeps, method: str, error: type[httpx.RequestError]
) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.route(method=method, path=PATHS[method])
        route.side_effect = [error("never sent"), OK[method]]
        assert call(client, method).is_success
    assert route.call_count == 2 and len(sleeps) == 1


@pytest.mark.parametrize("error", NEVER_SENT)
async def test_an_async_post_that_never_left_is_sent_again(
    sleeps: Sleeps, error: type[httpx.RequestError]
) -> None:
    async with AsyncMisaka(api_token="t0ken-async", sleep=sleeps.async_sleep) as client:
        with respx.mock(base_url=BASE) as mock:
            route = mock.post(PATHS["POST"])
            route.side_effect = [error("never sent"), OK["POST"]]
            body = {"prefix": "192.0.2.0/24", "origin_asn": 64500}
            assert (await client.request("POST", PATHS["POST"], json=body)).is_success
    assert route.call_count == 2 and len(sleeps) == 1


@pytest.mark.parametrize("error", NEVER_SENT)
def test_a_careful_put_that_never_left_is_sent_again(
    sleeps: Sleeps, error: type[httpx.RequestError]
) -> None:
    with (
        respx.mock(base_url=BASE) as mock,
        Misaka(api_token="t0ken-careful", sleep=sleeps.sleep) as usual,
    ):
        route = mock.put(PATHS["PUT"])
        route.side_effect = [error("never sent"), OK["PUT"]]
        assert call(usual.with_options(resend_unanswered=False), "PUT").is_success
    assert route.call_count == 2


@pytest.mark.parametrize(
    "error", [httpx.ReadTimeout, httpx.WriteTimeout, httpx.ReadError, httpx.RemoteProtocolError]
)
def test_a_post_that_may_have_arrived_is_not_sent_again(
    client: Misaka, sleeps: Sleeps, error: type[httpx.RequestError]
) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.post(PATHS["POST"])
        route.side_effect = error("maybe processed")
        with pytest.raises((APITimeoutError, APIConnectionError)):
            call(client, "POST")
    assert route.call_count == 1 and sleeps == []


@pytest.mark.parametrize("error", NEVER_SENT)
def test_a_delete_that_never_left_and_then_finds_nothing_is_an_error(
    client: Misaka, error: type[httpx.RequestError]
) -> None:
    """Only a DELETE whose answer may have been lost takes a later 404 as done."""
    with respx.mock(base_url=BASE) as mock:
        route = mock.delete(PATHS["DELETE"])
        route.side_effect = [error("never sent"), httpx.Response(404, json={"detail": "gone"})]
        with pytest.raises(NotFoundError):
            call(client, "DELETE")
    assert route.call_count == 2


def test_a_retry_after_date_without_a_time_zone_is_ignored() -> None:
    """``-0000`` says the zone is unknown: the date could be hours off, so backoff applies
    (it would read as 10 s on a machine whose local time is UTC)."""
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 -0000", now=1445412470.0) is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 +0000", now=1445412470.0) == 10.0
