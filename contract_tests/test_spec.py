"""The rules the curated spec must keep (issue: spec, pipeline and skeleton)."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from contract_tests.inventory import (
    PUBLIC,
    RECORDED,
    inventory,
    load,
)
from misaka_io.spec import (
    ROOT,
    Operation,
    Spec,
    SpecError,
    component_validator,
    current,
    load_spec,
    operation,
    operations,
    resolve,
    validator,
)

SPEC = load_spec()
OPS = list(operations())
# The facts the spec is held to, from the repository (a clone without it fails here).
FACTS_IN_REPO = load()
INVENTORY = inventory(FACTS_IN_REPO)
AUTH = [{"ApiToken": []}, {"WebSession": []}]


def by_id(op: Operation) -> str:
    return op.operation_id


def walk(node: Any, where: str = "#") -> Iterator[tuple[str, Any]]:
    yield where, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from walk(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk(value, f"{where}/{i}")


# ---- provenance (the facts themselves: test_spec_evidence.py) ------------------------------


def test_operation_ids_are_unique_snake_case() -> None:
    ids = [op.operation_id for op in OPS]
    assert len(set(ids)) == len(ids)
    for op_id in ids:
        assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", op_id), f"{op_id}: use snake_case"


@pytest.mark.parametrize("op", OPS, ids=by_id)
def test_provenance_is_recorded_and_matches_the_inventory(op: Operation) -> None:
    prov = op.data.get("x-misaka-provenance")
    fix = "give the operation x-misaka-provenance: {certainty: <documented, recorded, "
    fix += "corroborated or inferred>, source: <where the fact comes from, over 20 characters>}"
    assert isinstance(prov, dict), fix
    assert prov.get("certainty") in {"documented", "recorded", "corroborated", "inferred"}, fix
    assert isinstance(prov.get("source"), str) and len(prov["source"]) > 20, fix
    certainties = {(s, m): c for s, m, c in INVENTORY}
    key = (op.data["summary"], op.method)
    assert key in certainties, f"{key} is not in spec/evidence.yaml (facts section 1)"
    expected = certainties[key]
    if op.operation_id in RECORDED.values():
        expected = "recorded"
    assert prov["certainty"] == expected, f"the inventory (facts section 1) says {expected}"
    if expected == "documented":
        assert prov["source"].startswith("https://docs.misaka.io/api/"), "source: the docs page"


@pytest.mark.parametrize("op", OPS, ids=by_id)
def test_operation_has_one_declared_tag(op: Operation) -> None:
    declared = {t["name"] for t in SPEC["tags"]}
    assert len(op.data["tags"]) == 1, "give the operation one tag (tags: [<one of the spec's>])"
    assert op.data["tags"][0] in declared, f"declare the tag under tags: or use one of {declared}"


@pytest.mark.parametrize("op", OPS, ids=by_id)
def test_paths_are_under_v3(op: Operation) -> None:
    assert op.path.startswith("/v3/")
    assert re.fullmatch(r"(/([a-z0-9-]+|\{[a-z_]+\}))+", op.path), op.path


# ---- the documented operations, to the letter --------------------------------------------


def props(schema_name: str) -> dict[str, Any]:
    properties: dict[str, Any] = SPEC["components"]["schemas"][schema_name]["properties"]
    return properties


def nullable(prop: dict[str, Any], type_: str) -> bool:
    return [alt.get("type") for alt in prop.get("anyOf", [])] == [type_, "null"]


def body_schema(op_id: str) -> dict[str, Any]:
    body = operation(op_id).request_body()
    assert body is not None
    return resolve(body["content"]["application/json"]["schema"])


def ok_schema(op_id: str) -> dict[str, Any]:
    response = operation(op_id).responses()["200"]
    return resolve(response["content"]["application/json"]["schema"])


def test_login_is_as_documented() -> None:
    op = operation("login")
    assert (op.path, op.method, op.data.get("security")) == ("/v3/session/login", "post", [])
    schema = body_schema("login")
    assert schema["required"] == ["password"]
    p = schema["properties"]
    assert set(p) == {"username", "email", "password", "sliding"}
    assert nullable(p["username"], "string") and nullable(p["email"], "string")
    assert p["email"]["anyOf"][0]["format"] == "email"
    assert p["password"] == {**p["password"], "type": "string", "minLength": 6}
    assert nullable(p["sliding"], "boolean") and p["sliding"]["default"] is False
    out = ok_schema("login")
    assert set(out["properties"]) == {
        "detail",
        "user",
        "access",
        "refresh",
        "access_token",
        "refresh_token",
        "sliding_token",
    }
    user = props("LoginUser")
    assert {"services", "modules", "teams", "whmcs_uuid", "is_staff", "country"} <= set(user)
    assert user["services"]["items"] == {"type": "string"}
    assert user["modules"]["items"]["additionalProperties"] == {"type": "string"}


def test_login_rejects_a_short_password_and_accepts_legacy_username() -> None:
    check = component_validator("LoginRequest")
    assert not check.is_valid({"email": "a@example.net", "password": "12345"})
    assert check.is_valid({"username": "a@example.net", "password": "123456", "sliding": None})


@pytest.mark.parametrize("team_id", [17, "17"])
def test_team_id_accepts_integer_and_string(team_id: object) -> None:
    for schema in ("LoginUser", "SessionUser"):
        user = {"id": 1, "teams": [{"id": team_id, "name": "NOC", "is_admin": True}]}
        assert component_validator(schema).is_valid(user)
    assert not component_validator("UserTeam").is_valid({"id": 1.5})


def test_refresh_is_as_documented() -> None:
    op = operation("refresh_user_token")
    assert (op.path, op.method, op.data.get("security")) == ("/v3/session/refresh", "post", [])
    schema = body_schema("refresh_user_token")
    assert schema["required"] == ["refresh"]
    assert set(schema["properties"]) == {"refresh", "etag"}
    assert nullable(schema["properties"]["etag"], "string")
    out = ok_schema("refresh_user_token")
    assert set(out["properties"]) == {"access", "refresh", "user_etag", "user"}
    assert not {"services", "modules"} & set(props("SessionUser"))


def test_change_password_is_as_documented() -> None:
    op = operation("change_password")
    assert (op.path, op.method, op.data["security"]) == ("/v3/account/password", "post", AUTH)
    schema = body_schema("change_password")
    assert sorted(schema["required"]) == ["current_password", "new_password"]
    p = schema["properties"]
    assert p["current_password"]["minLength"] == 6 and p["new_password"]["minLength"] == 6
    assert nullable(p["logout_all_sessions"], "boolean")
    assert p["logout_all_sessions"]["default"] is False
    assert component_validator("Success").is_valid({"success": True})


# ---- auth ----------------------------------------------------------------------------------


def test_security_schemes() -> None:
    schemes = SPEC["components"]["securitySchemes"]
    token = schemes["ApiToken"]
    assert (token["type"], token["in"], token["name"]) == ("apiKey", "header", "Authorization")
    assert "Token <key>" in token["description"]
    bearer = schemes["WebSession"]
    assert (bearer["type"], bearer["scheme"], bearer["bearerFormat"]) == ("http", "bearer", "JWT")
    assert "security" not in SPEC, "security is declared per operation"


@pytest.mark.parametrize("op", OPS, ids=by_id)
def test_operation_declares_its_auth(op: Operation) -> None:
    if op.operation_id in PUBLIC:
        assert op.data.get("security") == [], "a public operation declares security: []"
    else:
        assert op.data.get("security") == AUTH, (
            f"declare security: {AUTH} (or security: [] and a PUBLIC entry in "
            "contract_tests/inventory.py for an operation that needs no credentials)"
        )


# ---- errors --------------------------------------------------------------------------------


def error_schema(response: dict[str, Any]) -> str:
    ref: str = response["content"]["application/json"]["schema"]["$ref"]
    return ref.rsplit("/", 1)[-1]


@pytest.mark.parametrize("op", OPS, ids=by_id)
def test_operation_declares_its_failures(op: Operation) -> None:
    responses = op.responses()
    params = op.parameters()
    wanted = {"429": ("Error", "TooManyRequests")}
    if op.secured:
        wanted["401"] = ("Error", "Unauthorized")
    if any(p["in"] == "path" for p in params):
        wanted["404"] = ("Error", "NotFound")
    if params or op.request_body():
        wanted["422"] = ("ValidationError", "ValidationFailed")
    for code, (schema, shared) in wanted.items():
        fix = f"declare '{code}': {{$ref: '#/components/responses/{shared}'}}"
        assert code in responses and error_schema(responses[code]) == schema, fix
    assert "Retry-After" in responses["429"]["headers"]
    assert any(code.startswith("2") for code in responses), "declare its success answer (2xx)"


def test_validation_error_shape() -> None:
    check = component_validator("ValidationError")
    assert check.is_valid({"detail": [{"type": "missing", "loc": ["body", "x"], "msg": "m"}]})
    assert check.is_valid({"detail": [{"type": "x", "loc": ["query", "limit", 0], "msg": "m"}]})
    assert not check.is_valid({"detail": "a string"})


# ---- examples ------------------------------------------------------------------------------


def media_examples() -> Iterator[tuple[str, dict[str, Any], Any]]:
    for op in OPS:
        body = op.request_body()
        if body:
            media = body["content"]["application/json"]
            yield f"{op.operation_id} request", media["schema"], media.get("example")
        for code, response in op.responses().items():
            if code.startswith("2") and "content" in response:
                media = response["content"]["application/json"]
                yield f"{op.operation_id} {code}", media["schema"], media.get("example")


EXAMPLES = list(media_examples())


@pytest.mark.parametrize(
    ("schema", "example"), [e[1:] for e in EXAMPLES], ids=[e[0] for e in EXAMPLES]
)
def test_example_exists_and_validates(schema: dict[str, Any], example: Any) -> None:
    assert example is not None, "no example"
    errors = [e.message for e in validator(schema).iter_errors(example)]
    assert errors == []
    placeholders = [w for w, v in walk(example) if v in ("string", "user@example.com")]
    assert placeholders == [], "placeholder values"


def test_every_error_response_example_validates() -> None:
    for name, response in SPEC["components"]["responses"].items():
        media = response["content"]["application/json"]
        assert validator(media["schema"]).is_valid(media["example"]), name


def test_validators_do_reject_bad_examples() -> None:
    # The example check above would be worthless if the validator accepted anything.
    assert not component_validator("IpAnnouncement").is_valid({"prefix": "203.0.113.0/24"})
    assert not component_validator("PortUsage").is_valid(
        {"port_id": "p", "points": [{"time": "yesterday"}]}
    )


# ---- references, links, robustness ----------------------------------------------------------


def test_every_ref_resolves() -> None:
    refs = [(w, v["$ref"]) for w, v in walk(SPEC) if isinstance(v, dict) and "$ref" in v]
    assert len(refs) > 100
    for where, ref in refs:
        target = resolve({"$ref": ref})
        assert isinstance(target, dict), f"{where}: {ref}"


def test_links_name_real_operations_and_parameters() -> None:
    links = {}
    for op in OPS:
        for response in op.responses().values():
            for name, link in response.get("links", {}).items():
                target = operation(link["operationId"])
                names = {p["name"] for p in target.parameters()}
                assert set(link["parameters"]) <= names, f"{op.operation_id} {name}"
                links.setdefault(op.operation_id, set()).add(target.operation_id)
    assert {"update_ip_announcement", "delete_ip_announcement"} <= links["create_ip_announcement"]
    assert {"delete_zone", "get_zone_settings"} <= links["create_zone"]
    assert {"get_recordset", "update_recordset", "delete_recordset"} <= links["create_recordset"]


def test_no_closed_enums_and_no_closed_objects() -> None:
    for where, node in walk(SPEC):
        if isinstance(node, dict):
            assert "enum" not in node, f"closed enum at {where}"
            assert node.get("additionalProperties") is not False, f"closed object at {where}"


IDENTITY = {"id", "name", "type", "key", "port_id", "location", "prefix", "token", "time", "ip"}
# A DNS record is nothing but its value.
IDENTITY |= {"value"}
ENVELOPE = {"results", "points", "series", "updated", "imported", "enabled", "success"}


@pytest.mark.parametrize("op", [o for o in OPS if o.certainty == "inferred"], ids=by_id)
def test_inferred_responses_require_only_identity_fields(op: Operation) -> None:
    def required(schema: dict[str, Any], seen: set[str]) -> Iterator[str]:
        if "$ref" in schema:
            if schema["$ref"] in seen:
                return
            seen = seen | {schema["$ref"]}
        schema = resolve(schema)
        if schema.get("x-misaka-provenance", {}).get("certainty") == "recorded":
            return  # a shape seen in recorded traffic is no design decision
        yield from schema.get("required", [])
        for sub in [*schema.get("allOf", []), *schema.get("anyOf", [])]:
            yield from required(sub, seen)
        for prop in schema.get("properties", {}).values():
            yield from required(prop, seen)
        if "items" in schema and isinstance(schema["items"], dict):
            yield from required(schema["items"], seen)

    for code, response in op.responses().items():
        if code.startswith("2") and "content" in response:
            schema = response["content"]["application/json"]["schema"]
            extra = set(required(schema, set())) - IDENTITY - ENVELOPE
            # ExtendedCommunity is a value triple: meaningless without all three parts.
            extra -= {"global_administrator", "local_administrator"}
            assert extra == set(), f"{code}: {extra}"


@pytest.mark.parametrize("op", OPS, ids=by_id)
def test_time_and_listing_parameters_have_types(op: Operation) -> None:
    params = {p["name"]: p for p in op.parameters() if p["in"] == "query"}
    for name in ("start", "end"):
        if name in params:
            assert resolve(params[name]["schema"])["format"] == "date-time"
    if "resolution" in params:
        assert params["resolution"]["schema"]["type"] == "integer"
    response = op.responses().get("200", {})
    schema = response.get("content", {}).get("application/json", {}).get("schema", {})
    if op.method == "get" and schema.get("$ref", "").endswith("List"):
        assert {"limit", "offset"} <= set(params), "listings page with limit/offset"


def test_spec_documents_the_listing_convention() -> None:
    text = SPEC["info"]["description"]
    assert "## Listing convention" in text and "`limit`" in text and "`offset`" in text


def test_spec_file_is_where_the_pipeline_reads_it() -> None:
    assert (ROOT / "spec" / "misaka-v3.yaml").is_file()
    assert Path(ROOT / "scripts" / "openapi-python-client.yaml").is_file()


# ---- the spec model resolves against the version it was given --------------------------------


def test_a_spec_resolves_inside_itself_not_the_working_copy(tmp_path: Path) -> None:
    doc = copy.deepcopy(SPEC)
    doc["components"]["schemas"]["Port"]["required"] = ["id", "serial_number"]
    other = Spec(doc)
    port = other.operation("get_port").responses()["200"]["content"]["application/json"]
    assert other.resolve(port["schema"])["required"] == ["id", "serial_number"]
    assert resolve(port["schema"])["required"] == ["id"]
    assert not other.validator(port["schema"]).is_valid({"id": "p1"})
    assert validator(port["schema"]).is_valid({"id": "p1"})
    doc["security"] = []
    doc["paths"]["/v3/ports/{port_id}"]["get"].pop("security")
    assert not other.operation("get_port").secured and operation("get_port").secured
    written = tmp_path / "spec.yaml"
    written.write_text(yaml.safe_dump(doc))
    assert Spec.read(written).resolve(port["schema"])["required"] == ["id", "serial_number"]


def test_a_spec_is_read_from_a_git_revision() -> None:
    assert Spec.read("HEAD").by_id().keys() == current().by_id().keys()
    with pytest.raises(SpecError):
        Spec.read("no-such-revision-anywhere")
    with pytest.raises(SpecError):
        Spec({"a": {"$ref": "#/b"}, "b": {"$ref": "#/a"}}).resolve({"$ref": "#/a"})


def test_open_string_values_name_their_known_values_in_the_extension() -> None:
    """A value whose full set is unknown lists what is known in ``x-misaka-known-values`` (the
    harness sends an unknown one to prove the client takes it), not only in prose."""
    for where, node in walk(load_spec()):
        if not isinstance(node, dict):
            continue
        prose = "Known value" in str(node.get("description", ""))
        listed = "x-misaka-known-values" in node
        assert prose <= listed, (
            f"{where}: the description names known values: add x-misaka-known-values: [...]"
        )
        if listed:
            assert node.get("type") == "string" and "enum" not in node, (
                f"{where}: x-misaka-known-values goes on an open string (no enum)"
            )
