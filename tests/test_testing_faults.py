"""misaka_io.testing: faults aimed at operations, faults never met, the request log, reset()."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from misaka_io import APIConnectionError, APITimeoutError, InternalServerError, Misaka
from misaka_io.testing import MisakaStub, UnmetFaultsError

RECORDS = {"ttl": 60, "records": [{"value": "192.0.2.1"}]}


@pytest.fixture
def stub() -> Iterator[MisakaStub]:
    with MisakaStub(zones=["example.net"]) as made:
        yield made


def _put(client: Misaka, name: str = "www") -> None:
    client.request("PUT", f"/v3/dns/zones/example.net/recordsets/{name}/A", json=RECORDS)


def _post(client: Misaka, name: str = "www") -> None:
    client.request("POST", f"/v3/dns/zones/example.net/recordsets/{name}/A", json=RECORDS)


def test_a_fault_aimed_at_an_operation_leaves_the_others_alone(stub: MisakaStub) -> None:
    stub.fail("dns.update_recordset", status=503, times=2)
    with stub.client(max_retries=0) as client:
        _post(client)
        assert [z.name for z in client.dns.list_zones()] == ["example.net"]
        for _ in range(2):
            with pytest.raises(InternalServerError) as failed:
                _put(client)
            assert failed.value.status_code == 503
        _put(client)
    assert [r.status for r in stub.requests.filter("dns.update_recordset")] == [503, 503, 200]
    assert stub.requests.filter("dns.list_zones").last.status == 200


def test_a_fault_aimed_by_method_and_path_pattern(stub: MisakaStub) -> None:
    stub.fail(method="POST", path="/v3/dns/zones/*/recordsets/mail/*", status=500)
    with stub.client(max_retries=0) as client:
        _post(client, "www")
        with pytest.raises(InternalServerError):
            _post(client, "mail")
    assert stub.requests.count(status=500) == 1


def test_timeouts_and_drops_aimed_at_an_operation(stub: MisakaStub) -> None:
    stub.fail("get_recordset", timeout=True)
    stub.fail("dns.list_recordsets", drop=True)
    with stub.client(max_retries=0) as client:
        assert list(client.dns.list_zones())
        with pytest.raises(APITimeoutError):
            client.dns.get_recordset("example.net", "@", "NS")
        with pytest.raises(APIConnectionError, match="closed the connection"):
            client.dns.list_recordsets("example.net")
    assert [r.fault for r in stub.requests] == [
        None,
        "timeout on get_recordset",
        "dropped connection on dns.list_recordsets",
    ]


def test_a_post_that_failed_with_503_is_retried_only_when_the_answer_says_when(
    stub: MisakaStub,
) -> None:
    stub.fail("dns.create_recordset", status=503)
    with stub.client(max_retries=2, sleep=lambda s: None) as client:
        with pytest.raises(InternalServerError):
            _post(client)
        assert stub.requests.count("dns.create_recordset") == 1
        stub.fail("dns.create_recordset", status=503, retry_after=0)
        _post(client, "mail")
    assert [r.status for r in stub.requests.filter("create_recordset")] == [503, 503, 200]


def test_an_unknown_operation_or_an_impossible_fault_is_refused(stub: MisakaStub) -> None:
    with pytest.raises(ValueError, match=r"no operation 'dns\.update_recordsets'"):
        stub.fail("dns.update_recordsets")
    with pytest.raises(ValueError, match="400-599"):
        stub.fail("dns.list_zones", status=302)
    with pytest.raises(ValueError, match="not both"):
        stub.fail("dns.list_zones", timeout=True, drop=True)
    with pytest.raises(ValueError, match="retry_after"):
        stub.fail("dns.list_zones", retry_after=-1)


def test_a_fault_never_met_fails_naming_it_and_how_often_it_was_met() -> None:
    with pytest.raises(UnmetFaultsError) as unmet, MisakaStub(zones=["example.net"]) as stub:
        stub.fail("dns.update_recordset", status=503, times=2)
        stub.fail_next(502)
        with stub.client(max_retries=0) as client, pytest.raises(InternalServerError):
            _put(client)
    message = str(unmet.value)  # faults are tried in the order they were set up
    assert "HTTP 503 on dns.update_recordset, met 1 of 2 times" in message
    assert "HTTP 502 on any request, met 0 of 1 times" in message


def test_a_fault_may_be_let_go_per_fault_and_per_stub() -> None:
    with MisakaStub() as stub:
        stub.fail("dns.update_recordset", required=False)
    with MisakaStub(assert_all_met=False) as stub:
        stub.fail("dns.update_recordset")
        assert [f.operation for f in stub.unmet_faults()] == ["dns.update_recordset"]


def test_the_log_names_operation_body_and_account_never_the_secret(stub: MisakaStub) -> None:
    with stub.client() as client:
        _post(client)
    with stub.client(api_token=stub.other_api_token, max_retries=0) as other:
        list(other.dns.list_zones())
    with stub.client(email=stub.email, password=stub.password) as session:
        list(session.dns.list_zones())
        session.logout()
    post, other_list, login, session_list, logout = stub.requests
    assert (post.operation, post.operation_id, post.json) == (
        "dns.create_recordset",
        "create_recordset",
        RECORDS,
    )
    assert (post.account, post.credential) == (stub.account_id, "api_token")
    assert (other_list.account, other_list.credential) == (1043, "other_api_token")
    assert login.operation == "session.login" and login.account is None
    assert (session_list.account, session_list.credential) == (stub.account_id, "session")
    assert (logout.operation, logout.account) == ("session.logout", stub.account_id)
    assert stub.requests.filter(method="GET", account=stub.account_id) == [session_list]
    assert stub.requests.count(operation="dns.list_zones") == 2
    assert stub.requests.last is logout
    for secret in (stub.api_token, stub.other_api_token, stub.password):
        assert secret not in repr(stub.requests)


def test_the_log_stays_a_list(stub: MisakaStub) -> None:
    with stub.client() as client:
        list(client.dns.list_zones())
    log = stub.requests
    assert isinstance(log, list) and len(log) == 1 and log[0] is log[-1]
    assert log[:1] == log and log.filter(path="/v3/dns/*").last is log[0]
    assert log.count(log[0]) == 1
    with pytest.raises(IndexError):
        _ = log.filter("dns.delete_zone").last


def test_reset_gives_back_a_fresh_stub_with_its_seeds(stub: MisakaStub) -> None:
    stub.add_zone("example.org")
    stub.fail("dns.delete_zone")
    with stub.client() as client:
        list(client.dns.list_zones())
        stub.reset()
        assert stub.requests == [] and stub.unmet_faults() == []
        assert [z.name for z in client.dns.list_zones()] == ["example.net"]
