"""The facts of section 4d in the spec and the stub: the 404 text with its period, the
informational headers of every recorded answer, the three name-server domains and where API
tokens are made."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from misaka_io.spec import load_spec, resolve
from misaka_io.testing.stub import DEFAULT_API_TOKEN, create_app
from misaka_io.testing.stub.server import serve

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT.parent / "shared" / "reference" / "misaka-api-facts.md"
SPEC = load_spec()
TOKEN = {"Authorization": f"Token {DEFAULT_API_TOKEN}"}
RECORDED_404 = b'{"detail":"Not found."}'
# The headers section 4d names, and the value each had on every recorded answer (a pattern
# where it varied).
INFORMATIONAL = {
    "X-Misaka-Debug": r"r=[^,]+, i=\S+",
    "X-Served-By": r"portal-\S+",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
}


def section_4d() -> str:
    if not FACTS.exists():
        pytest.skip(f"{FACTS} is not beside this checkout")
    text = FACTS.read_text(encoding="utf-8")
    return text[text.index("## 4d.") : text.index("## 5.")]


@pytest.fixture(scope="module")
def http() -> Iterator[httpx.Client]:
    with serve(create_app()) as url, httpx.Client(base_url=url, headers=TOKEN) as client:
        yield client


# ---- the 404 text ------------------------------------------------------------------------


def test_the_spec_says_the_recorded_404_text_with_its_period() -> None:
    assert '`{"detail": "Not found."}`, with the period' in section_4d()
    not_found = SPEC["components"]["responses"]["NotFound"]
    assert not_found["content"]["application/json"]["example"] == {"detail": "Not found."}
    assert '`{"detail": "Not found."}`' in not_found["description"]
    assert not_found["x-misaka-provenance"]["certainty"] == "recorded"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v3/no-such-thing"),
        ("GET", "/v3/dns/zones/missing.example/settings"),
        ("GET", "/dns/zones/example.net/recordsets/missing/TXT"),
        ("GET", "/v3/teams/999999/members"),
        ("DELETE", "/v3/ip-announcements/missing"),
        ("GET", "/v3/ports/missing-port"),
    ],
)
def test_the_stub_answers_a_missing_object_with_exactly_the_recorded_body(
    http: httpx.Client, method: str, path: str
) -> None:
    answer = http.request(method, path)
    assert (answer.status_code, answer.content) == (404, RECORDED_404)


# ---- the informational headers -----------------------------------------------------------


def _declared(response: dict[str, object]) -> dict[str, dict[str, object]]:
    headers = resolve(response).get("headers", {})
    return {name: resolve(header) for name, header in headers.items()}


def test_the_recorded_headers_are_declared_optional_where_the_recordings_saw_them() -> None:
    facts = section_4d()
    for name in INFORMATIONAL:
        assert f"`{name}" in facts, name
    recorded = SPEC["paths"]["/v3/dns/zones/{zone}/recordsets/{name}/{type}"]["get"]
    for response in (recorded["responses"]["200"], SPEC["components"]["responses"]["NotFound"]):
        declared = _declared(response)
        assert "X-Request-Id" in declared
        for name in INFORMATIONAL:
            header = declared[name]
            assert header["required"] is False and header["x-misaka-informational"] is True
            assert "recorded" in str(header["x-misaka-provenance"])
            assert re.fullmatch(INFORMATIONAL[name], str(header["example"])), name


def test_the_stub_sends_the_informational_headers_on_every_answer(http: httpx.Client) -> None:
    answers = {
        "200": http.get("/v3/dns/zones/example.net/settings"),
        "401": http.get("/v3/dns/zones", headers={"Authorization": "Token wrong"}),
        "404": http.get("/v3/no-such-thing"),
        "422": http.get("/v3/dns/zones", params={"limit": "many"}),
    }
    for status, answer in answers.items():
        assert str(answer.status_code) == status
        assert re.fullmatch(r"[0-9a-f]{32}", answer.headers["X-Request-Id"]), status
        for name, value in INFORMATIONAL.items():
            assert re.fullmatch(value, answer.headers.get(name, "")), (status, name)


# ---- name servers and API tokens ---------------------------------------------------------


def test_the_spec_names_the_three_name_server_domains_where_it_describes_name_servers() -> None:
    facts = section_4d()
    assert '`ns53.net` ("legacy domains")' in facts and "`reversedns.org`" in facts
    nameservers = SPEC["components"]["schemas"]["Zone"]["properties"]["nameservers"]
    for domain in ("*.m1ns.*", "legacy `ns53.net`", "`reversedns.org`"):
        assert domain in nameservers["description"], domain
    ptr = SPEC["paths"]["/v3/dns/ptr"]["post"]["description"]
    assert "`reversedns.org`" in ptr and "PTR zones only" in ptr


def test_the_api_token_scheme_says_where_tokens_are_made() -> None:
    assert "https://console.misaka.io/settings" in section_4d()
    scheme = SPEC["components"]["securitySchemes"]["ApiToken"]["description"]
    assert "made in the console, at https://console.misaka.io/settings" in scheme
