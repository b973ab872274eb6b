"""The evidence of facts section 4c: login tokens in any of their three places, a refused
token's ``token_not_valid`` code, and the older ``/dns`` base."""

from __future__ import annotations

import asyncio
import importlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import jwt
import pytest

from misaka_io import (
    AsyncMisaka,
    AuthenticationError,
    ConfigurationError,
    Misaka,
    NotFoundError,
    PermissionDeniedError,
    ResponseValidationError,
    TwoFactorRequired,
)
from misaka_io._response import APIResponse
from misaka_io._table_types import tags as table_tags
from misaka_io.dns_records import DnsRecords
from misaka_io.models import Record, RecordSetWrite
from misaka_io.spec import load_spec, operations
from misaka_io.testing.stub import (
    DEFAULT_API_TOKEN,
    STUB_OTP,
    ManualClock,
    StubApp,
    StubConfig,
    create_app,
)
from misaka_io.testing.stub.server import serve
from tests.cli_support import Cli
from tests.conftest import EMAIL, PASSWORD, AsyncCounting, Counting

LOGIN, LOGIN_2FA = "/v3/session/login", "/v3/session/login/2fa"
REFRESH = "/v3/session/refresh"
PLACES = ["documented", "top", "older", "user"]
SECURE = {"email": "secure@example.net", "password": "otp-guarded-secret"}
TOKEN = {"Authorization": f"Token {DEFAULT_API_TOKEN}"}
A_RECORD = RecordSetWrite(records=[Record(value="192.0.2.7")], ttl=300)


@pytest.fixture
def stub(clock: ManualClock, request: pytest.FixtureRequest) -> StubApp:
    """The stub, its login answering with the tokens where the test's parameter says."""
    where = getattr(request, "param", "documented")
    return create_app(StubConfig(clock=clock, access_ttl=300, login_tokens=where))


# ---- login: the tokens at the top level, under the older names, or inside `user` -----------


@pytest.mark.parametrize("stub", PLACES, indirect=True)
def test_login_takes_the_tokens_from_wherever_the_answer_keeps_them(
    make_client: Callable[..., Misaka], transport: Counting
) -> None:
    client = make_client()
    assert client.teams.list_teams().results
    assert transport.paths[LOGIN] == 1 and transport.paths[LOGIN_2FA] == 0
    tokens = client.token_store.load()
    assert tokens is not None and tokens.access.count(".") == 2 and tokens.refresh


@pytest.mark.parametrize("stub", PLACES, indirect=True)
def test_async_login_takes_the_tokens_from_wherever_the_answer_keeps_them(
    amake_client: Callable[..., AsyncMisaka], atransport: AsyncCounting
) -> None:
    async def main() -> None:
        client = amake_client()
        assert (await client.teams.list_teams()).results
        assert (await client.ports.list_ports()).results

    asyncio.run(main())
    assert atransport.paths[LOGIN] == 1 and atransport.paths[LOGIN_2FA] == 0


@pytest.mark.parametrize("stub", ["user"], indirect=True)
def test_a_session_opened_from_tokens_inside_user_refreshes(
    make_client: Callable[..., Misaka], transport: Counting, clock: ManualClock
) -> None:
    client = make_client()
    client.teams.list_teams()
    clock.advance(400)  # the access token expired: the refresh token read from `user` is used
    assert client.teams.list_teams().results
    assert transport.paths["/v3/session/refresh"] == 1 and transport.paths[LOGIN] == 1


@pytest.mark.parametrize("stub", PLACES, indirect=True)
def test_an_answer_with_only_detail_still_asks_for_the_second_factor(
    make_client: Callable[..., Misaka], transport: Counting
) -> None:
    with pytest.raises(TwoFactorRequired):
        make_client(**SECURE).teams.list_teams()
    assert transport.paths[LOGIN_2FA] == 0
    assert make_client(**SECURE, otp=STUB_OTP).teams.list_teams().results
    assert transport.paths[LOGIN_2FA] == 1


def test_every_place_the_client_reads_a_login_token_is_in_the_spec() -> None:
    schemas = load_spec()["components"]["schemas"]
    places = schemas["LoginResponse"]["x-misaka-tokens"]
    assert places["access"] == ["access", "access_token", "user.access_token"]
    assert places["refresh"] == ["refresh", "refresh_token", "user.refresh_token"]
    assert {"access_token", "refresh_token"} <= set(schemas["LoginUser"]["properties"])
    assert "user.access_token" in schemas["LoginResponse"]["description"]


def test_over_http_tokens_inside_user_log_in_and_token_not_valid_refreshes_once(
    clock: ManualClock,
) -> None:
    app = create_app(StubConfig(clock=clock, access_ttl=300, login_tokens="user"))
    transport = Counting(httpx.HTTPTransport())
    with (
        serve(app) as url,
        Misaka(
            email=EMAIL,
            password=PASSWORD,
            base_url=url,
            transport=transport,
            clock=lambda: 0.0,  # the client believes its token stays fresh...
        ) as client,
    ):
        assert client.teams.list_teams().results
        clock.advance(301)  # ...the server's clock says it expired: 401 token_not_valid
        assert client.ports.list_ports().results
        assert (transport.paths[LOGIN], transport.paths[REFRESH]) == (1, 1)


def _answering(login: dict[str, object]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == LOGIN:
            return httpx.Response(200, json=login)
        return httpx.Response(200, json={"results": []})

    return httpx.MockTransport(handler)


@pytest.mark.parametrize(
    "answer",
    [
        {"detail": "ok", "refresh": "eyJ.r.s"},
        {"detail": "ok", "user": {"id": 1, "access_token": 42}},
        {"detail": "ok", "sliding_token": "eyJ.s.s"},
    ],
)
def test_a_login_answer_with_a_token_but_no_usable_access_token_is_a_validation_error(
    answer: dict[str, object],
) -> None:
    client = Misaka(
        email="a@example.net", password="secret-pw", transport=_answering(answer), max_retries=0
    )
    # read through LoginResponse: a token of the wrong type does not fit the model
    wanted = "without an access token|does not fit LoginResponse at [$].user.access_token"
    with client, pytest.raises(ResponseValidationError, match=wanted):
        client.teams.list_teams()


def test_a_user_that_is_not_an_object_does_not_fit_the_login_answer_model() -> None:
    client = Misaka(
        email="a@example.net",
        password="secret-pw",
        transport=_answering({"detail": "need 2FA", "user": "a@example.net"}),
    )
    with client, pytest.raises(ResponseValidationError) as caught:
        client.teams.list_teams()
    assert caught.value.field == "$.user" and caught.value.model == "LoginResponse"


# ---- a refused session token: 401, or 403 with "code": "token_not_valid" ---------------------


def _jwt(kind: str, n: int) -> str:
    claims = {"sub": "1", "typ": kind, "jti": f"{kind}{n}", "exp": 4_000_000_000}
    return jwt.encode(claims, "k" * 32, algorithm="HS256")


class Server:
    """Login and refresh hand out numbered tokens; ``/v3/teams`` answers ``teams`` in turn
    (the last one again when they run out) and records the bearer of each request."""

    def __init__(self, *teams: tuple[int, dict[str, str]]) -> None:
        self.teams = list(teams)
        self.bearers: list[str] = []
        self.refreshes = 0

    def handle(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == LOGIN:
            return httpx.Response(200, json={"access": _jwt("a", 0), "refresh": _jwt("r", 0)})
        if request.url.path == "/v3/session/refresh":
            self.refreshes += 1
            n = self.refreshes
            return httpx.Response(200, json={"access": _jwt("a", n), "refresh": _jwt("r", n)})
        self.bearers.append(request.headers["authorization"].removeprefix("Bearer "))
        status, body = self.teams.pop(0) if len(self.teams) > 1 else self.teams[0]
        return httpx.Response(status, json=body)


NOT_VALID = {"detail": "Given token not valid for any token type", "code": "token_not_valid"}
OK = (200, {"results": []})


def _sync(server: Server) -> Misaka:
    return Misaka(
        email="a@example.net", password="secret-pw", transport=httpx.MockTransport(server.handle)
    )


def _async(server: Server) -> AsyncMisaka:
    return AsyncMisaka(
        email="a@example.net", password="secret-pw", transport=httpx.MockTransport(server.handle)
    )


@pytest.mark.parametrize("status", [401, 403])
def test_token_not_valid_refreshes_once_and_sends_the_request_again(status: int) -> None:
    server = Server((status, NOT_VALID), OK)
    with _sync(server) as client:
        assert client.teams.list_teams().results == []
    assert server.refreshes == 1 and server.bearers == [_jwt("a", 0), _jwt("a", 1)]


@pytest.mark.parametrize("status", [401, 403])
def test_async_token_not_valid_refreshes_once_and_sends_the_request_again(status: int) -> None:
    server = Server((status, NOT_VALID), OK)

    async def main() -> None:
        async with _async(server) as client:
            assert (await client.teams.list_teams()).results == []

    asyncio.run(main())
    assert server.refreshes == 1 and server.bearers == [_jwt("a", 0), _jwt("a", 1)]


@pytest.mark.parametrize(
    ("status", "error"), [(401, AuthenticationError), (403, PermissionDeniedError)]
)
def test_a_token_refused_again_after_the_refresh_is_an_error_not_a_loop(
    status: int, error: type[Exception]
) -> None:
    server = Server((status, NOT_VALID))
    with _sync(server) as client, pytest.raises(error, match="not valid"):
        client.teams.list_teams()
    assert server.refreshes == 1 and len(server.bearers) == 2

    async def main() -> None:
        async with _async(again := Server((status, NOT_VALID))) as client:
            with pytest.raises(error):
                await client.teams.list_teams()
        assert again.refreshes == 1 and len(again.bearers) == 2

    asyncio.run(main())


def test_a_403_without_the_code_is_not_a_refused_token() -> None:
    server = Server((403, {"detail": "You do not have permission to perform this action."}))
    with _sync(server) as client, pytest.raises(PermissionDeniedError):
        client.teams.list_teams()
    assert server.refreshes == 0 and len(server.bearers) == 1


# ---- dns_base_path: the DNS operations under the older /dns base ------------------------------


@pytest.fixture
def older_only(clock: ManualClock) -> Iterator[str]:
    """The stub over HTTP serving the DNS operations under ``/dns`` only (``/v3/dns`` is 404)."""
    with serve(create_app(StubConfig(clock=clock, served_bases=("/dns",)))) as url:
        yield url


def _sent(answer: APIResponse[object]) -> str:
    return answer.http_response.request.url.raw_path.decode().split("?")[0]


def _use_dns(client: Misaka) -> list[str]:
    """A listing, a read, a write and a workflow; the paths they were sent to."""
    raw = client.with_raw_response.dns
    paths = [
        _sent(raw.list_zones()),
        _sent(raw.get_recordset("example.net", "@", "NS")),
        _sent(raw.create_recordset("example.net", "www2", "A", body=A_RECORD)),
    ]
    DnsRecords(client).add("_acme-challenge.example.net", "TXT", ["tok"])
    assert client.dns.get_recordset("example.net", "_acme-challenge", "TXT").records
    paths.append(_sent(client.with_raw_response.teams.list_teams()))
    return paths


SENT_TO_DNS = [
    "/dns/zones",
    "/dns/zones/example.net/recordsets/%40/NS",
    "/dns/zones/example.net/recordsets/www2/A",
    "/v3/teams",  # not a DNS operation: the spec's path
]


def test_dns_base_path_sends_the_dns_operations_under_the_older_base(older_only: str) -> None:
    with Misaka(api_token=DEFAULT_API_TOKEN, base_url=older_only, dns_base_path="/dns") as client:
        assert client.dns_base_path == "/dns"
        assert _use_dns(client) == SENT_TO_DNS


def test_misaka_dns_base_in_the_environment_does_the_same(
    older_only: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MISAKA_DNS_BASE", "/dns/")
    with Misaka(api_token=DEFAULT_API_TOKEN, base_url=older_only) as client:
        assert client.dns_base_path == "/dns"
        assert _use_dns(client) == SENT_TO_DNS
    spec_paths = Misaka(api_token=DEFAULT_API_TOKEN, base_url=older_only, dns_base_path="/v3/dns")
    with spec_paths, pytest.raises(NotFoundError):  # the argument wins over the environment
        spec_paths.dns.list_zones()


def test_async_dns_base_path_sends_the_dns_operations_under_the_older_base(
    older_only: str,
) -> None:
    async def main() -> list[str]:
        async with AsyncMisaka(
            api_token=DEFAULT_API_TOKEN, base_url=older_only, dns_base_path="/dns"
        ) as client:
            raw = client.with_raw_response.dns
            page = await client.dns.list_recordsets("example.net", limit=1)
            assert len([r async for r in page]) == page.listing.count  # every page, /dns too
            return [
                _sent(await raw.list_zones()),
                _sent(await raw.get_recordset("example.net", "@", "NS")),
            ]

    assert asyncio.run(main()) == SENT_TO_DNS[:2]


def test_without_dns_base_path_the_spec_paths_are_used(older_only: str) -> None:
    with Misaka(api_token=DEFAULT_API_TOKEN, base_url=older_only) as client:
        assert client.dns_base_path is None
        with pytest.raises(NotFoundError):  # this stub serves /dns only
            client.dns.list_zones()


@pytest.mark.parametrize("bad", ["dns", "/dns?x=1", "/dns#x", "/../dns", "//dns", "/a b", "/"])
def test_a_dns_base_path_that_is_not_a_plain_path_is_refused(bad: str) -> None:
    with pytest.raises(ConfigurationError, match="dns_base_path"):
        Misaka(api_token="t", dns_base_path=bad)


@pytest.mark.parametrize("source", ["profile", "environment", "flag"])
def test_the_command_line_takes_the_dns_base_from_profile_environment_or_flag(
    older_only: str, tmp_path: Path, source: str
) -> None:
    cli = Cli(older_only, tmp_path / "config")
    args: tuple[str, ...] = ("--debug", "dns", "list-zones", "-o", "json")
    extra = {}
    if source == "profile":
        cli.config_dir.mkdir()
        (cli.config_dir / "config.toml").write_text('[default]\ndns_base = "/dns"\n')
    elif source == "environment":
        extra["MISAKA_DNS_BASE"] = "/dns"
    else:
        args = ("--dns-base", "/dns", *args)
    done = cli(*args, **extra)
    assert done.code == 0, done.err
    assert [z["name"] for z in json.loads(done.out)] == ["example.net"]
    assert f"GET {older_only}/dns/zones?" in done.err and "/v3/dns" not in done.err


def test_every_dns_operation_is_under_the_base_the_spec_names_for_its_tag() -> None:
    bases = table_tags()["dns"]["base_paths"]
    assert bases == {"current": "/v3/dns", "older": ["/dns"]}
    current = bases["current"]
    dns = [op for op in operations() if op.data["tags"][0] == "dns"]
    assert len(dns) == 15 and all(op.path.startswith(current + "/") for op in dns)
    for op in operations():
        generated = importlib.import_module(
            f"misaka_io_generated.api.{op.data['tags'][0].replace('-', '_')}.{op.operation_id}"
        ).OPERATION
        assert generated.tag == op.data["tags"][0].replace("-", "_")
        bases = table_tags()[op.data["tags"][0]]["base_paths"]
        assert (bases is not None and bases["current"] == current) is (generated.tag == "dns")


def test_the_stub_serves_the_dns_operations_under_both_bases() -> None:
    app = create_app()
    with serve(app) as url, httpx.Client(base_url=url, headers=TOKEN) as http:
        for base in ("/v3/dns", "/dns"):
            ns = http.get(f"{base}/zones/example.net/recordsets/@/NS")
            assert ns.status_code == 200 and len(ns.json()["records"]) == 6
            made = http.post(f"{base}/zones", json={"name": f"z{len(base)}.example"})
            assert made.status_code == 201
        names = {z["name"] for z in http.get("/dns/zones").json()["results"]}
        assert {"z4.example", "z7.example"} <= names  # one state behind both bases
        assert http.get("/dns/teams").status_code == 404  # only the DNS tag has an older base
