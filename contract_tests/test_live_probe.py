"""Live mode says which DNS base answered: the spec's ``/v3/dns`` or the older ``/dns``
(facts section 4c: every live DNS integration uses ``/dns``)."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from contract_tests.harness.__main__ import main
from contract_tests.harness.live import probe_dns_bases
from misaka_io import Misaka
from misaka_io.testing.stub import StubConfig, create_app
from misaka_io.testing.stub.server import serve


@pytest.mark.parametrize(("served", "other"), [("/dns", "/v3/dns"), ("/v3/dns", "/dns")])
def test_live_mode_reports_the_dns_base_that_answered(
    served: str,
    other: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    app = create_app(StubConfig(served_bases=(served,)))
    with serve(app) as url:
        monkeypatch.setenv("MISAKA_BASE_URL", url)
        monkeypatch.setenv("MISAKA_API_TOKEN", app.config.api_token)
        main(["--live", "--reports", str(tmp_path)])
    probed = {served: 200, other: 404}
    out = capsys.readouterr().out
    line = f"DNS base: {served} answered (/v3/dns/zones {probed['/v3/dns']}; /dns/zones "
    assert line + f"{probed['/dns']})" in out.splitlines()
    data = json.loads((tmp_path / "live-drift.json").read_text())
    assert data["dns_base"] == {"answered": [served], "probed": probed}
    assert f"- {line}" in (tmp_path / "live-drift.md").read_text()


def test_the_probe_says_when_neither_base_answered() -> None:
    def down(request: httpx.Request) -> httpx.Response:
        if request.url.path.startswith("/dns"):
            raise httpx.ConnectError("connection refused", request=request)
        return httpx.Response(404, json={"detail": "Not found."})

    with Misaka(api_token="t", transport=httpx.MockTransport(down), max_retries=0) as client:
        probe = probe_dns_bases(client)
    assert probe.answered == [] and probe.answers["/v3/dns"] == 404
    assert "connection refused" in str(probe.answers["/dns"])
    assert probe.line().startswith("DNS base: neither answered (/v3/dns/zones 404; /dns/zones no")
