"""misaka_io.testing: the stub for users' own tests (MisakaStub and the pytest fixtures)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from misaka_io import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AsyncMisaka,
    InternalServerError,
    Misaka,
    NotFoundError,
    RateLimitError,
    UnprocessableEntityError,
)
from misaka_io.dns_values import InvalidValueError
from misaka_io.testing import BASE_URL, MisakaStub


@pytest.fixture
def stub() -> Iterator[MisakaStub]:
    with MisakaStub() as made:
        yield made


def test_each_stub_starts_with_its_own_empty_dns(stub: MisakaStub) -> None:
    stub.add_zone("example.org")
    with MisakaStub() as other, other.client() as client:
        assert [z.name for z in client.dns.list_zones()] == []
    with stub.client() as client:
        assert [z.name for z in client.dns.list_zones()] == ["example.org"]


def test_the_example_zone_is_there_when_asked_for() -> None:
    with MisakaStub(example_zone=True) as stub, stub.client() as client:
        assert [z.name for z in client.dns.list_zones()] == ["example.net"]


def test_client_options_are_passed_on_and_the_base_url_is_a_placeholder_of_its_own(
    stub: MisakaStub,
) -> None:
    with stub.client(max_retries=0, max_pages=3) as client, MisakaStub() as other:
        assert (client.max_retries, client.max_pages) == (0, 3)
        assert client.base_url.host.endswith("." + httpx.URL(BASE_URL).host)
        assert str(client.base_url).startswith(stub.base_url)
        assert BASE_URL.startswith("https://") and other.base_url != stub.base_url


def test_requests_are_still_checked_against_the_spec(stub: MisakaStub) -> None:
    stub.add_zone("example.org")
    with stub.client() as client, pytest.raises(UnprocessableEntityError) as caught:
        client.request("POST", "/v3/dns/zones/example.org/recordsets/www/A", json={"ttl": "x"})
    assert caught.value.errors


def test_seeded_recordsets_and_ports_are_read_through_the_client(stub: MisakaStub) -> None:
    stub.add_zone("Example.org.")
    stub.add_recordset("example.org", "www", "a", ["192.0.2.7"], ttl=60)
    stub.add_port("port-test-1", speed=1000)
    with stub.client() as client:
        found = {(r.name, r.type_): r for r in client.dns.list_recordsets("example.org")}
        assert found[("www", "A")].ttl == 60
        assert [rec.value for rec in found[("www", "A")].records] == ["192.0.2.7"]
        assert client.ports.get_port("port-test-1").speed == 1000
    with stub.client(api_token=stub.other_api_token) as other, pytest.raises(NotFoundError):
        other.dns.list_recordsets("example.org")


def test_seeding_refuses_what_the_api_would_refuse(stub: MisakaStub) -> None:
    stub.add_zone("example.org")
    with pytest.raises(InvalidValueError):
        stub.add_recordset("example.org", "www", "A", ["not-an-address"])
    with pytest.raises(ValueError, match="add_zone"):
        stub.add_recordset("missing.org", "www", "A", ["192.0.2.1"])
    with pytest.raises(ValueError, match="exists"):
        stub.add_zone("example.org")
    with pytest.raises(TypeError):
        stub.add_recordset("example.org", "www", "TXT", "one string")  # type: ignore[arg-type]


def test_a_failure_answers_the_next_requests_then_the_stub_answers_again(
    stub: MisakaStub,
) -> None:
    stub.fail_next(503, times=2, retry_after=0)
    with stub.client(max_retries=2) as client:
        assert list(client.ports.list_ports())
    assert [r.status for r in stub.requests] == [503, 503, 200]


def test_a_failure_carries_its_status_and_retry_after(stub: MisakaStub) -> None:
    stub.fail_next(429, retry_after=7)
    with stub.client(max_retries=0) as client:
        with pytest.raises(RateLimitError) as caught:
            client.ports.list_ports()
        assert caught.value.response.headers["retry-after"] == "7"
        assert list(client.ports.list_ports())


def test_a_timeout_and_a_dropped_connection_reach_the_client_as_network_errors(
    stub: MisakaStub,
) -> None:
    stub.fail_next(timeout=True)
    stub.drop_next()
    with stub.client(max_retries=0) as client:
        with pytest.raises(APITimeoutError, match="timed out"):
            client.ports.list_ports()
        with pytest.raises(APIConnectionError, match="closed the connection") as dropped:
            client.ports.list_ports()
        assert not isinstance(dropped.value, APITimeoutError)
    assert [r.status for r in stub.requests] == [None, None]


def test_the_record_shows_each_request_with_credentials_masked(stub: MisakaStub) -> None:
    stub.add_zone("example.org")
    with stub.client() as client:
        client.request(
            "POST",
            "/v3/dns/zones/example.org/recordsets/www/TXT",
            json={"ttl": 60, "records": [{"value": '"hello"'}]},
            params={"trace": "1"},
        )
    with stub.client(email=stub.email, password=stub.password) as session:
        session.login()
    put, login = stub.requests[0], stub.requests[1]
    assert (put.method, put.path, put.query) == (
        "POST",
        "/v3/dns/zones/example.org/recordsets/www/TXT",
        {"trace": "1"},
    )
    assert put.json == {"ttl": 60, "records": [{"value": '"hello"'}]}
    assert put.headers["authorization"] == "Token ***"
    assert login.json["password"] == "***"
    assert stub.api_token not in repr(stub.requests)
    assert stub.password not in repr(stub.requests)


async def test_the_async_client_is_bound_to_the_same_stub(stub: MisakaStub) -> None:
    stub.add_zone("example.org")
    stub.fail_next(500)
    async with stub.async_client(max_retries=0) as client:
        with pytest.raises(InternalServerError):
            await client.dns.get_zone_settings("example.org")
        settings = await client.dns.get_zone_settings("example.org")
    assert settings.name == "example.org"


def test_serve_answers_over_http_with_the_same_state_and_faults(stub: MisakaStub) -> None:
    stub.add_zone("example.org")
    with stub.serve() as url:
        assert url.startswith("http://127.0.0.1:")
        with Misaka(base_url=url, api_token=stub.api_token, max_retries=0) as client:
            assert [z.name for z in client.dns.list_zones()] == ["example.org"]
            stub.fail_next(502)
            with pytest.raises(APIStatusError) as failed:
                client.dns.list_zones()
            assert failed.value.status_code == 502
            stub.drop_next()
            with pytest.raises(APIConnectionError):
                client.dns.list_zones()
            stub.fail_next(timeout=True)
            with pytest.raises(APITimeoutError):
                client.dns.list_zones(timeout=0.3)
            assert [z.name for z in client.dns.list_zones()] == ["example.org"]
    assert [r.status for r in stub.requests] == [200, 502, None, None, 200]


def test_the_fixtures_give_a_fresh_stub_and_clients_bound_to_it(
    misaka_stub: MisakaStub, misaka_client: Misaka, async_misaka_client: AsyncMisaka
) -> None:
    assert misaka_client.max_retries == 0
    assert async_misaka_client.max_retries == 0
    misaka_stub.add_zone("example.org")
    assert [z.name for z in misaka_client.dns.list_zones()] == ["example.org"]
    assert len(misaka_stub.requests) == 1


def test_fault_arguments_are_checked(stub: MisakaStub) -> None:
    with pytest.raises(ValueError, match="400-599"):
        stub.fail_next(200)
    with pytest.raises(ValueError, match="times"):
        stub.fail_next(503, times=0)
    with pytest.raises(ValueError, match="times"):
        stub.drop_next(times=0)


def test_the_readme_example_passes_as_a_test_file(tmp_path: Path) -> None:
    text = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = text.split("## Testing code that uses misaka-io", 1)[1].split("\n## ", 1)[0]
    (example,) = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    (tmp_path / "test_readme_example.py").write_text(example)
    ran = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert ran.returncode == 0, ran.stdout[-3000:]
    assert "6 passed" in ran.stdout


def test_the_stub_writes_times_before_year_1000_with_four_digit_years(stub: MisakaStub) -> None:
    """A usage series asked for from year 105 (schemathesis found it) is RFC 3339 all through:
    the stub wrote ``105-10-11T00:00:00Z``, which its own spec refuses."""
    with stub.client() as client:
        port = next(iter(client.ports.list_ports()))
        usage = client.with_raw_response.ports.get_port_usage_metrics(
            port.id, start=datetime(105, 10, 10, 19, 44, tzinfo=UTC),
            end=datetime(105, 10, 14, tzinfo=UTC), resolution=86400,
        )  # fmt: skip
    times = [point["time"] for point in usage.http_response.json()["points"]]
    assert times and all(re.fullmatch(r"0105-10-1\dT00:00:00Z", t) for t in times), times
