"""An operation the spec marks ``deprecated: true`` warns when called, and its docstring and
``api.md`` say so (a spec fixture: ``list_ports`` marked deprecated)."""

from __future__ import annotations

import copy
import types
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from misaka_io import AsyncMisaka, Misaka
from misaka_io.spec import load_spec
from scripts import generate_api_md, generate_facade, optable

GENERATED = Path(__file__).resolve().parent.parent / "generated" / "misaka_io_generated"


def _deprecated_table() -> dict[str, Any]:
    doc = copy.deepcopy(load_spec())
    doc["paths"]["/v3/ports"]["get"]["deprecated"] = True
    return optable.build(doc)[1]


@pytest.fixture(scope="module")
def ports_module() -> types.ModuleType:
    source = generate_facade.render(_deprecated_table())["ports.py"]
    module = types.ModuleType("deprecated_ports_fixture")
    exec(compile(source, "ports.py (fixture)", "exec"), module.__dict__)  # noqa: S102
    return module


def test_the_generated_method_says_it_is_deprecated(ports_module: types.ModuleType) -> None:
    doc = ports_module.PortsResource.list_ports.__doc__
    assert "Deprecated" in doc
    assert "Deprecated" not in ports_module.PortsResource.get_port.__doc__


def test_calling_it_warns_and_still_works(
    ports_module: types.ModuleType, make_client: Callable[..., Misaka]
) -> None:
    resource = ports_module.PortsResource(make_client())
    with pytest.warns(DeprecationWarning, match="list_ports is deprecated"):
        page = resource.list_ports(limit=1)
    assert page.results is not None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        resource.get_port(page.results[0].id)  # not deprecated: no warning


async def test_the_async_method_warns_too(
    ports_module: types.ModuleType, amake_client: Callable[..., AsyncMisaka]
) -> None:
    resource = ports_module.AsyncPortsResource(amake_client())
    with pytest.warns(DeprecationWarning, match="list_ports is deprecated"):
        await resource.list_ports(limit=1)


def test_api_md_marks_it() -> None:
    text = generate_api_md.render(generate_facade.methods(_deprecated_table()))
    section = text.split("### `ports.list_ports`", 1)[1].split("### ", 1)[0]
    assert "**Deprecated**" in section
    assert "**Deprecated**" not in generate_api_md.render(generate_facade.methods())
