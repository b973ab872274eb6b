"""``make contract`` follows the spec's links (a zone is created, then read, changed and
deleted) and checks that one account cannot reach another's objects."""

from __future__ import annotations

from typing import Any

from contract_tests.harness import stub_run
from contract_tests.harness.results import new_results
from misaka_io.testing.stub import create_app
from misaka_io.testing.stub.config import OTHER_API_TOKEN

ZONE_OPS = {"create_zone", "get_zone_settings", "update_zone_settings", "delete_zone", "list_zones"}
Scope = dict[str, Any]


def run(app: Any, *, peers: bool = True) -> tuple[dict[str, Any], stub_run.Links]:
    results = new_results()
    links = stub_run.run(
        results,
        "stub",
        token=create_app().config.api_token,
        peer_token=OTHER_API_TOKEN if peers else None,
        app=app,
        max_examples=25,
        operation_ids=ZONE_OPS,
        phases={"stateful"},  # what these tests are about; make contract runs every phase
    )
    return results, links


def failures(results: dict[str, Any]) -> list[str]:
    return [f for op in ZONE_OPS for f in results[op].part("stub").failures]


def test_the_stateful_phase_creates_reads_changes_and_deletes_a_zone_over_the_links() -> None:
    results, links = run(create_app())
    assert failures(results) == []
    reached = {(link, target) for (source, link, target) in links if source == "create_zone"}
    # The link names are the spec's (responses.201.links of Create Zone).
    assert {
        ("GetSettings", "get_zone_settings"),
        ("UpdateSettings", "update_zone_settings"),
    } <= reached
    assert ("Delete", "delete_zone") in reached
    assert "create_zone -[Delete]-> delete_zone: " in stub_run.links_text(links)
    reads = sum(
        n for (s, _, t), n in links.items() if (s, t) == ("create_zone", "get_zone_settings")
    )
    assert f"get_zone_settings {reads}," in stub_run.lifecycle_text(links)
    assert "not reached" not in stub_run.lifecycle_text(links)


class Leaky:
    """In front of the stub: the second account's reads of zone settings are answered as if
    the first account had asked (a tenancy hole at the edge)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] == "GET"
            and scope["path"].endswith("/settings")
        ):
            first = f"Token {create_app().config.api_token}".encode()
            headers = [
                (
                    k,
                    first
                    if k == b"authorization" and v == f"Token {OTHER_API_TOKEN}".encode()
                    else v,
                )
                for k, v in scope["headers"]
            ]
            scope = {**scope, "headers": headers}
        await self.app(scope, receive, send)


def test_one_account_reading_anothers_zone_is_caught() -> None:
    results, _ = run(Leaky(create_app()))
    found = results["get_zone_settings"].part("stub").failures
    assert any(f.startswith("object_level_authorization") for f in found), found


def test_without_the_second_account_the_hole_goes_unseen() -> None:
    """What the run did before: one account only, and the same hole passes."""
    results, _ = run(Leaky(create_app()), peers=False)
    assert not any("object_level_authorization" in f for f in failures(results))


class Forgetful:
    """In front of the stub: a zone made by Create Zone cannot be read back."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        path = scope.get("path", "")
        if scope["type"] == "http" and path.endswith("/settings") and "example.net" not in path:
            body = b'{"detail": "Not found."}'
            headers = [(b"content-type", b"application/json")]
            await send({"type": "http.response.start", "status": 404, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)


def test_a_zone_that_cannot_be_read_after_it_was_made_fails_the_run() -> None:
    results, links = run(Forgetful(create_app()))
    found = [
        f for op in ("create_zone", "get_zone_settings") for f in results[op].part("stub").failures
    ]
    assert any(f.startswith("ensure_resource_availability") for f in found), found
    assert "get_zone_settings not reached this run" in stub_run.lifecycle_text(links)
