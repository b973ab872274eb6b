"""Record mode: ``make contract LIVE=1 RECORD=<dir>`` keeps every live interaction, secrets
masked, in the format the replay test reads; the replay test then holds the spec to it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from contract_tests.drifted import Drifted
from contract_tests.harness.__main__ import main
from contract_tests.harness.secrets import MASK
from misaka_io.spec import ROOT
from misaka_io.testing.stub import create_app
from misaka_io.testing.stub.handlers import HANDLERS, Ctx
from misaka_io.testing.stub.server import serve

ACCOUNT_KEY = "acct-key-5b7d3f2a4c6e8b0d1f3a5c7e9b2d9c1e"
COOKIE = "sessionid=c00kie-6e8b0d1f3a5c7e9b2d"
JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMDQyIn0.c2lnbmF0dXJlLXZhbHVl"
PREFIX = 6  # no prefix this long of a secret may show


def record(app: Any, folder: Path, reports: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """``make contract LIVE_WRITE=1 RECORD=<folder>`` against ``app``, served."""
    with serve(app) as url:
        monkeypatch.setenv("MISAKA_BASE_URL", url)
        monkeypatch.setenv("MISAKA_API_TOKEN", create_app().config.api_token)
        return main(["--live", "--write", "--reports", str(reports), "--record", str(folder)])


def replay(folder: Path) -> subprocess.CompletedProcess[str]:
    """The replay test, held to ``folder`` (``RECORDED=<folder>``)."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "contract_tests/test_replay.py",
            "-k",
            "recorded_request or conforms_and_parses",
        ],
        cwd=ROOT,
        env={**os.environ, "RECORDED": str(folder)},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_record_mode_keeps_every_live_interaction_and_the_replay_test_holds_the_spec_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status = record(create_app(), tmp_path / "rec", tmp_path, monkeypatch)
    assert status == 0, capsys.readouterr().out
    (saved,) = (tmp_path / "rec").glob("live-*.json")
    doc = json.loads(saved.read_text())
    drift = json.loads((tmp_path / "live-drift.json").read_text())
    answers = sum(len(op["statuses"]) for op in drift["operations"])
    assert len(doc["interactions"]) == answers >= 30  # every answer live mode checked
    assert doc["dns_base"]["answered"] == ["/v3/dns", "/dns"]
    ops = {i["call"]["operation"] for i in doc["interactions"]}
    assert {"list_zones", "create_zone", "update_zone_settings", "delete_zone"} <= ops
    assert f"recorded {answers} interactions: {saved}" in capsys.readouterr().out
    run = replay(tmp_path / "rec")
    assert run.returncode == 0, run.stdout[-3000:]
    assert f"{2 * answers} passed" in run.stdout  # two checks per interaction


def test_the_replay_test_fails_on_a_recording_of_a_drifted_api(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record(Drifted(create_app()), tmp_path / "rec", tmp_path, monkeypatch)
    run = replay(tmp_path / "rec")
    assert run.returncode == 1
    failed = {
        line.split(": ", 1)[1].split(" #")[0]
        for line in run.stdout.splitlines()
        if line.startswith("FAILED")
    }
    # The field gone and the new status break the spec; a new value of an open string does not.
    assert failed == {"get_zone_settings", "enable_dnssec"}, run.stdout[-3000:]


class Leaky:
    """In front of the stub: every answer sets a session cookie and carries a JWT header."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        async def more_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                extra = [(b"set-cookie", COOKIE.encode()), (b"x-session-token", JWT.encode())]
                message = {**message, "headers": [*message["headers"], *extra]}
            await send(message)

        await self.app(scope, receive, more_headers)


def test_a_recording_masks_tokens_cookies_secret_fields_and_credentials_in_any_shape(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def odd_token(ctx: Ctx, **arguments: Any) -> Any:
        # The credential under a name the spec does not know, and the run's token echoed.
        return {
            "key": ACCOUNT_KEY,
            "token": create_app().config.api_token,
            "created_at": "2026-03-02T09:15:00Z",
        }

    monkeypatch.setitem(HANDLERS, "get_current_user_token", odd_token)
    record(Leaky(create_app()), tmp_path / "rec", tmp_path, monkeypatch)
    (saved,) = (tmp_path / "rec").glob("live-*.json")
    text = saved.read_text()
    for secret in (create_app().config.api_token, ACCOUNT_KEY, COOKIE.split("=")[1], JWT):
        assert secret[:PREFIX] not in text, f"{secret[:PREFIX]}... was written down"
    doc = json.loads(text)
    (token,) = [
        i for i in doc["interactions"] if i["call"]["operation"] == "get_current_user_token"
    ]
    assert token["response"]["body"] == {
        "key": MASK,
        "token": MASK,
        "created_at": "2026-03-02T09:15:00Z",
    }
    headers = {k.lower(): v for k, v in token["response"]["headers"].items()}
    assert headers["set-cookie"] == MASK and headers["x-session-token"] == MASK
    assert "authorization" not in json.dumps([i["request"] for i in doc["interactions"]]).lower()


def test_record_mode_needs_live_mode(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["--record", str(tmp_path)]) == 2
    assert "add --live" in capsys.readouterr().out
    assert not list(tmp_path.iterdir())


def test_make_contract_passes_RECORD_to_the_harness() -> None:
    run = subprocess.run(
        ["make", "-n", "contract", "LIVE=1", "RECORD=some/dir"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert "--live" in run.stdout and "--record some/dir" in run.stdout
