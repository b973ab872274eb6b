"""Live mode writes no secret down: not the run's token, not a credential a server answers
with (in the shape the spec says or any other), not a prefix of one; and the spec marks every
field that carries a credential."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import pytest
import rich.pretty

from contract_tests.harness import report
from contract_tests.harness.__main__ import main
from contract_tests.harness.secrets import MASK, carries_secrets, marked_fields
from misaka_io._redact import Redactor
from misaka_io.spec import current, operation
from misaka_io.testing.stub import create_app
from misaka_io.testing.stub.handlers import HANDLERS, Ctx
from misaka_io.testing.stub.server import serve
from misaka_io_generated import models

ACCOUNT_KEY = "acct-tok-9c1e5b7d3f2a4c6e8b0d1f3a5c7e9b2d"
PREFIX = 6  # no prefix this long of a secret may show


def run_live_main(
    answer: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any, caplog: Any
) -> tuple[str, list[str]]:
    """Run ``make contract LIVE=1`` against a stub whose token endpoint answers ``answer``
    (a callable of the run's token); all it wrote, printed and logged, and its secrets."""
    caplog.set_level(logging.DEBUG)
    app = create_app()
    token = app.config.api_token

    def handler(ctx: Ctx, **arguments: Any) -> Any:
        return answer(token)

    monkeypatch.setitem(HANDLERS, "get_current_user_token", handler)
    with serve(app) as url:
        monkeypatch.setenv("MISAKA_BASE_URL", url)
        monkeypatch.setenv("MISAKA_API_TOKEN", token)
        main(["--live", "--reports", str(tmp_path)])
    out = capsys.readouterr()
    written = [(tmp_path / name).read_text() for name in ("live-drift.json", "live-drift.md")]
    logged = [caplog.text, *(r.getMessage() for r in caplog.records)]
    return "\n".join([out.out, out.err, *written, *logged]), [token, ACCOUNT_KEY]


def assert_nothing_leaks(text: str, secrets: list[str]) -> None:
    for secret in secrets:
        assert secret[:PREFIX] not in text, f"{secret[:PREFIX]}... leaked"


def test_an_account_key_in_an_unexpected_field_is_not_written_down(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any, caplog: Any
) -> None:
    def account_key(token: str) -> Any:
        return {"key": ACCOUNT_KEY, "created": "2026-03-02T09:15:00Z"}

    text, secrets = run_live_main(account_key, tmp_path, monkeypatch, capsys, caplog)
    assert "get_current_user_token" in text and "drift" in text  # the drift is reported
    assert MASK in text
    assert_nothing_leaks(text, secrets)


def test_a_list_holding_tokens_is_masked_before_it_is_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any, caplog: Any
) -> None:
    """The JSON of the list passes 80 characters in the middle of the run's own token."""

    def listed(token: str) -> Any:
        return ["the token of this account is the following one:", token, ACCOUNT_KEY]

    text, secrets = run_live_main(listed, tmp_path, monkeypatch, capsys, caplog)
    assert "is not of type 'object'" in text
    assert_nothing_leaks(text, secrets)


def test_a_secret_is_masked_in_every_escaped_form() -> None:
    secret = "pa\"ss\\wörd's"
    redactor = Redactor()
    redactor.add(secret)
    import json

    texts = [
        secret,
        json.dumps({"detail": secret}),
        json.dumps({"detail": secret}, ensure_ascii=False),
        repr({"detail": secret}),
        repr(f"both ' and \" around {secret}"),
        json.dumps(repr([secret]), ensure_ascii=False),
        json.dumps(json.dumps(secret)),
    ]
    for text in texts:
        scrubbed = redactor.scrub(text)
        assert "ss" not in scrubbed.replace("***", ""), scrubbed


def test_secret_named_fields_are_masked_by_shape() -> None:
    redactor = Redactor()
    text = '{"token": "never-seen-before-9f8e", "refresh": 7200, "name": "ok"}'
    assert redactor.scrub(text) == '{"token": "***", "refresh": 7200, "name": "ok"}'
    assert redactor.scrub(repr({"password": "p'w\"d"})) == "{'password': '***'}"


# ---- the spec's marks --------------------------------------------------------------------------

CREDENTIAL = re.compile(
    r"(^|_)(token|key|password|passwd|secret|otp|refresh|access|sliding|credential)s?($|_)"
)


def _can_be_text(schema: dict[str, Any]) -> bool:
    schema = current().resolve(schema)
    if schema.get("type") == "string":
        return True
    return any(_can_be_text(s) for s in schema.get("anyOf", []) + schema.get("oneOf", []))


def credential_like(node: Any, where: str = "#") -> list[tuple[str, dict[str, Any]]]:
    """Every property that can be text, and every parameter, anywhere in the spec, whose name
    says credential."""
    found = []
    if isinstance(node, dict):
        if "in" in node and CREDENTIAL.search(str(node.get("name", ""))):  # a parameter
            found.append((f"{where} ({node['name']})", node))
        for name, sub in (node.get("properties") or {}).items():
            if CREDENTIAL.search(name) and isinstance(sub, dict) and _can_be_text(sub):
                found.append((f"{where}/properties/{name}", sub))
        for key, value in node.items():
            found += credential_like(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += credential_like(value, f"{where}/{i}")
    return found


def test_every_credential_looking_field_says_whether_it_is_a_secret() -> None:
    """A new token field cannot be forgotten: it is marked true, or false on purpose."""
    fields = credential_like(current().doc)
    assert len(fields) >= 19
    unmarked = [where for where, sub in fields if not isinstance(sub.get("x-misaka-secret"), bool)]
    assert unmarked == [], "give each x-misaka-secret: true (a credential) or false (on purpose)"


def test_the_marks_are_on_text_fields_of_requests_and_answers() -> None:
    marks = marked_fields(current())
    secret = {k for k, v in marks.items() if v is True}
    assert {"UserToken.token", "LoginRequest.password", "LoginWith2FARequest.otp"} <= secret
    assert {"LoginResponse.sliding_token", "RefreshResponse.refresh"} <= secret
    assert "ZoneSettings.refresh" not in secret and "FlowFilter.key" not in secret
    schemas = current().doc["components"]["schemas"]
    for name in secret:
        schema, prop = name.split(".")
        assert _can_be_text(schemas[schema]["properties"][prop]), name


def test_generated_models_mask_exactly_the_marked_fields() -> None:
    marks = marked_fields(current())
    for name in {k.split(".")[0] for k in marks}:
        cls = getattr(models, name)
        want = {k.split(".")[1] for k, v in marks.items() if v is True and k.startswith(name + ".")}
        assert set(cls.__secret_fields__) == want, name
    token = models.UserToken.from_dict({"token": ACCOUNT_KEY, "created_at": "2026-01-01T00:00:00Z"})
    assert ACCOUNT_KEY[:PREFIX] not in repr(token) and "token=***" in repr(token)
    pretty = rich.pretty.pretty_repr(token)  # Rich asks __rich_repr__, not __repr__
    assert ACCOUNT_KEY[:PREFIX] not in pretty and "token=***" in pretty


def test_the_token_endpoint_is_known_to_carry_a_secret() -> None:
    assert carries_secrets(operation("get_current_user_token"))
    assert carries_secrets(operation("login"))
    assert not carries_secrets(operation("list_zones"))
    assert not carries_secrets(operation("get_zone_settings"))


def test_the_report_redaction_masks_with_its_own_word() -> None:
    assert report.Redact("s3cret-token-value")('a "s3cret-token-value"') == 'a "[redacted]"'
