"""Live runs leave nothing behind: signals, lost answers, failed deletes, and the sweep."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from contract_tests.harness import report
from contract_tests.harness.__main__ import main
from contract_tests.harness.cleanup import PREFIX, Cleanup, aged, unique_name
from contract_tests.harness.live import run_live
from misaka_io.spec import ROOT
from misaka_io.testing.stub import StubApp, create_app
from misaka_io.testing.stub.server import serve
from misaka_io.testing.stub.transport import SyncASGITransport

ANNOUNCED = "198.51.100.0/24"
Scope = dict[str, Any]


class Tamper:
    """In front of the stub: slows the run's zone writes down, or fails its deletes."""

    def __init__(self, app: StubApp, *, delay: float = 0.0, fail_deletes: bool = False) -> None:
        self.app, self.delay, self.fail_deletes = app, delay, fail_deletes

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        ours = scope["type"] == "http" and PREFIX in scope["path"]
        if ours and scope["method"] != "DELETE" and self.delay:
            await asyncio.sleep(self.delay)
        if ours and scope["method"] == "DELETE" and self.fail_deletes:
            headers = [(b"content-type", b"application/json")]
            await send({"type": "http.response.start", "status": 500, "headers": headers})
            await send({"type": "http.response.body", "body": b'{"detail": "boom"}'})
            return
        await self.app(scope, receive, send)


def listing(url: str, token: str, path: str) -> list[dict[str, Any]]:
    answer = httpx.get(url + path, headers={"Authorization": f"Token {token}"}, timeout=5)
    assert answer.status_code == 200
    results: list[dict[str, Any]] = answer.json()["results"]
    return results


def harness_zones(url: str, token: str) -> list[str]:
    return [z["name"] for z in listing(url, token, "/v3/dns/zones") if PREFIX in z["name"]]


# ---- signals --------------------------------------------------------------------------------


def stop_as_soon_as_the_zone_exists(url: str, token: str, tmp: Path, signum: int) -> int:
    env = {**os.environ, "MISAKA_BASE_URL": url, "MISAKA_API_TOKEN": token}
    command = [sys.executable, "-m", "contract_tests.harness", "--live", "--write"]
    with (tmp / "out.txt").open("w") as out:
        run = subprocess.Popen(
            [*command, "--reports", str(tmp)], cwd=ROOT, env=env, stdout=out, stderr=out
        )
        try:
            deadline = time.monotonic() + 60
            while not harness_zones(url, token):
                assert run.poll() is None, (tmp / "out.txt").read_text()
                assert time.monotonic() < deadline, "the run made no zone"
                time.sleep(0.02)
            run.send_signal(signum)
            return run.wait(timeout=60)
        finally:
            if run.poll() is None:
                run.kill()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGTERM, signal.SIGTERM, signal.SIGHUP])
def test_a_write_run_stopped_by_a_signal_once_its_zone_exists_leaves_nothing(
    signum: signal.Signals, tmp_path: Path
) -> None:
    app = create_app()
    token = app.config.api_token
    with serve(Tamper(app, delay=0.3)) as url:
        status = stop_as_soon_as_the_zone_exists(url, token, tmp_path, signum)
        assert harness_zones(url, token) == []
    output = (tmp_path / "out.txt").read_text()
    assert status == 128 + signum, output
    assert "Traceback" not in output
    data = json.loads((tmp_path / "live-drift.json").read_text())
    assert (data["interrupted"], data["left_behind"]) == (signum.name, [])
    drifts = {op["operation_id"]: op for op in data["operations"]}
    assert drifts["delete_zone"]["statuses"] == [204]


def test_a_second_signal_during_the_cleanup_does_not_stop_it() -> None:
    cleanup, removed = Cleanup(), []

    def remove(name: str) -> bool:
        os.kill(os.getpid(), signal.SIGTERM)  # arrives while the cleanup runs
        removed.append(name)
        return True

    with cleanup.signals():
        cleanup.add("zone", "a", lambda: remove("a"))
        cleanup.add("zone", "b", lambda: remove("b"))
        assert cleanup.finish() == []
    assert removed == ["a", "b"] and cleanup.interrupted == "SIGTERM"


# ---- lost answers and failed deletes ----------------------------------------------------------


def losing_creates(app: StubApp) -> httpx.MockTransport:
    """The stub, except that the answers to creates are lost after the stub made the object."""
    stub = SyncASGITransport(app)

    def handle(request: httpx.Request) -> httpx.Response:
        response = stub.handle_request(request)
        if request.method == "POST" and request.url.path in (
            "/v3/dns/zones",
            "/v3/ip-announcements",
        ):
            raise httpx.ReadError("connection reset", request=request)
        return response

    return httpx.MockTransport(handle)


def test_a_create_whose_answer_was_lost_is_found_by_its_name_and_removed() -> None:
    app = create_app()
    transport, cleanup = losing_creates(app), Cleanup()
    drifts = {
        d.operation_id: d
        for d in run_live(
            "http://127.0.0.1",
            app.config.api_token,
            write=True,
            prefix=ANNOUNCED,
            transport=transport,
            cleanup=cleanup,
        )
    }
    assert drifts["create_zone"].outcome == drifts["create_ip_announcement"].outcome == "error"
    assert drifts["delete_zone"].statuses[-1] == 204  # was "skipped: Create Zone failed"
    assert drifts["delete_ip_announcement"].statuses == [204]
    assert cleanup.left_behind == []
    with httpx.Client(transport=SyncASGITransport(app), base_url="http://stub") as client:
        auth = {"Authorization": f"Token {app.config.api_token}"}
        zones = client.get("/v3/dns/zones", headers=auth).json()["results"]
        announcements = client.get("/v3/ip-announcements", headers=auth).json()["results"]
    assert [z["name"] for z in zones] == ["example.net"] and announcements == []


def test_what_could_not_be_removed_is_reported_by_name_and_exits_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    app = create_app()
    token = app.config.api_token
    with serve(Tamper(app, fail_deletes=True)) as url:
        monkeypatch.setenv("MISAKA_BASE_URL", url)
        monkeypatch.setenv("MISAKA_API_TOKEN", token)
        status = main(["--live", "--write", "--reports", str(tmp_path)])
        (left,) = harness_zones(url, token)
    assert status == report.LEFT_BEHIND == 3
    data = json.loads((tmp_path / "live-drift.json").read_text())
    assert data["left_behind"] == [f"zone {left}"]
    assert left in (tmp_path / "live-drift.md").read_text()
    assert "left behind on the account" in capsys.readouterr().out


# ---- the sweep ----------------------------------------------------------------------------------


def test_the_sweep_removes_the_harness_objects_older_than_an_hour_and_nothing_else(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    app = create_app()
    token = app.config.api_token
    two_hours_ago = unique_name(lambda: time.time() - 7200)
    old, young = f"{two_hours_ago}.example", f"{unique_name()}.example"
    auth = {"Authorization": f"Token {token}"}
    with serve(app) as url:
        for zone in (old, young, "customer.example"):
            assert httpx.post(f"{url}/v3/dns/zones", json={"name": zone}, headers=auth).is_success
        body = {"prefix": ANNOUNCED, "origin_asn": 64496, "description": f"{two_hours_ago} (x)"}
        assert httpx.post(f"{url}/v3/ip-announcements", json=body, headers=auth).is_success
        monkeypatch.setenv("MISAKA_BASE_URL", url)
        monkeypatch.setenv("MISAKA_API_TOKEN", token)
        assert main(["--live", "--sweep"]) == 0
        zones = [z["name"] for z in listing(url, token, "/v3/dns/zones")]
        assert listing(url, token, "/v3/ip-announcements") == []
    assert sorted(zones) == sorted(["example.net", young, "customer.example"])
    out = capsys.readouterr().out
    assert f"sweep: removed zone {old}" in out and f"sweep: kept zone {young}" in out
    assert "2 removed, 1 kept, 0 left behind" in out


def test_a_listing_the_sweep_cannot_read_is_named_and_the_other_is_still_swept(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    app = create_app()
    token, old = app.config.api_token, f"{unique_name(lambda: time.time() - 7200)}.example"

    async def no_announcements(scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"] == "/v3/ip-announcements":
            headers = [(b"content-type", b"application/json")]
            await send({"type": "http.response.start", "status": 403, "headers": headers})
            await send({"type": "http.response.body", "body": b'{"detail": "no"}'})
            return
        await app(scope, receive, send)

    auth = {"Authorization": f"Token {token}"}
    with serve(no_announcements) as url:
        assert httpx.post(f"{url}/v3/dns/zones", json={"name": old}, headers=auth).is_success
        monkeypatch.setenv("MISAKA_BASE_URL", url)
        monkeypatch.setenv("MISAKA_API_TOKEN", token)
        assert main(["--live", "--sweep"]) == 1
        assert harness_zones(url, token) == []
    out = capsys.readouterr().out
    assert "sweep: could not list IP announcements" in out and f"removed zone {old}" in out


def test_the_age_of_an_object_comes_from_its_name_else_its_creation_time() -> None:
    now = 1_800_000_000.0
    assert aged(f"{PREFIX}1799996400-0a1b2c3d.example", None, now) == 3600
    assert aged(f"{PREFIX}0a1b2c3d.example", "2027-01-15T08:00:00Z", now) == 0
    assert aged(f"{PREFIX}0a1b2c3d.example", "yesterday", now) is None
    assert aged(f"{PREFIX}0a1b2c3d.example", None, now) is None


def test_sweep_needs_live_mode(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--sweep"]) == 2
    assert "--live" in capsys.readouterr().out
