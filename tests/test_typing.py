"""mypy --strict sees real types through the client: a user's script type-checks, and a
mistake in one is caught."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

GOOD = """
import asyncio
from misaka_io import AsyncMisaka, Misaka, SyncPage
from misaka_io.models import IpAnnouncement, Port, IpAnnouncementCreate

def sync_use(client: Misaka) -> list[str]:
    ports: SyncPage[Port] = client.ports.list_ports(limit=5)
    created: IpAnnouncement = client.ip_announcements.create_ip_announcement(
        body=IpAnnouncementCreate(prefix="192.0.2.0/24", origin_asn=64500)
    )
    reveal_type(client.dns.get_recordset("example.net", "www", "A"))
    return [p.id for p in ports.results] + [created.id]

async def async_use(client: AsyncMisaka) -> int:
    zones = await client.dns.list_zones()
    return len(zones.results)
"""

BAD = """
from misaka_io import Misaka

def use(client: Misaka) -> None:
    client.ports.list_ports(limit="ten")
    client.ports.get_port()
"""


def mypy(tmp_path: Path, source: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "user_script.py"
    script.write_text(source)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            str(script),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def require_mypy() -> None:
    """mypy is pinned in requirements.in: without it the environment is broken, not lacking."""
    found = subprocess.run([sys.executable, "-m", "mypy", "--version"], capture_output=True)
    if found.returncode:
        pytest.fail("mypy (pinned in requirements.in) is not installed: run make setup")


def test_user_script_sees_real_types(tmp_path: Path) -> None:
    require_mypy()
    result = mypy(tmp_path, GOOD)
    assert 'Revealed type is "misaka_io_generated.models.record_set.RecordSet"' in result.stdout
    assert "error" not in result.stdout.replace("Revealed", ""), result.stdout


def test_user_mistakes_are_caught(tmp_path: Path) -> None:
    require_mypy()
    result = mypy(tmp_path, BAD)
    assert result.returncode == 1
    assert (
        'Argument "limit" to "list_ports" of "PortsResource" has incompatible type "str"'
        in result.stdout
    )
    assert 'Missing positional argument "port_id"' in result.stdout


HONEST = """
from typing import assert_type

import misaka_io
from misaka_io import AsyncMisaka, AsyncPage, APIStatusError, NotFoundError
from misaka_io.models import RecordSet


def fields(client: misaka_io.Misaka) -> object:
    write = misaka_io.models.RecordSetWrite(records=[])
    assert_type(misaka_io.UNSET, misaka_io.Unset)
    try:
        client.ports.get_port("p")
    except APIStatusError as error:
        assert_type(error.request_id, str | None)
        assert_type(error.detail, str | None)
        assert_type(error.status_code, int)
    except NotFoundError:
        pass
    return write


async def walk(client: AsyncMisaka) -> list[str]:
    names = [rs.name async for rs in client.dns.list_recordsets("example.net")]
    async for rs in client.dns.list_recordsets("example.net", limit=5):
        assert_type(rs, RecordSet)
    first = await client.dns.list_recordsets("example.net")
    assert_type(first, AsyncPage[RecordSet])
    return names
"""

TYPOS = """
from misaka_io import Misakaa, NotFoundErorr
import misaka_io

misaka_io.UNSTE
"""


def test_a_user_script_using_models_unset_request_id_and_async_listings_type_checks(
    tmp_path: Path,
) -> None:
    require_mypy()
    result = mypy(tmp_path, HONEST)
    assert result.returncode == 0, result.stdout


def test_a_misspelt_name_from_the_package_fails_the_type_check(tmp_path: Path) -> None:
    require_mypy()
    result = mypy(tmp_path, TYPOS)
    assert result.returncode == 1
    assert 'Module "misaka_io" has no attribute "Misakaa"' in result.stdout
    assert 'Module "misaka_io" has no attribute "NotFoundErorr"' in result.stdout
    assert 'Module has no attribute "UNSTE"' in result.stdout


def test_every_facade_docstring_names_the_parameters_the_method_takes() -> None:
    import importlib
    import inspect
    import re

    from misaka_io.resources import TAGS

    checked = 0
    for tag in TAGS:
        module = importlib.import_module(f"misaka_io.resources.{tag}")
        for cls in vars(module).values():
            if not (isinstance(cls, type) and cls.__name__.endswith("Resource")):
                continue
            for name, method in vars(cls).items():
                if name.startswith("_") or not callable(method):
                    continue
                taken = set(inspect.signature(method).parameters)
                doc = inspect.cleandoc(method.__doc__ or "")
                args = doc.split("\nArgs:\n", 1)[1].split("\n\n", 1)[0]
                for entry in re.findall(r"^    (\w+(?:, \w+)*):", args, re.MULTILINE):
                    for named in entry.split(", "):
                        assert named in taken, (cls.__name__, name, named)
                        checked += 1
    assert checked > 100


def test_the_public_signatures_resolve_at_run_time() -> None:
    """``typing.get_type_hints`` (pydantic's ``validate_call``, beartype, Sphinx) finds every
    name of the clients' and the resources' signatures, though most modules load lazily."""
    import typing

    import misaka_io
    from misaka_io.resources import ports

    for cls in (misaka_io.Misaka, misaka_io.AsyncMisaka):
        assert "token_store" in typing.get_type_hints(cls.__init__)
    for resource in (ports.PortsResource, ports.AsyncPortsResource):
        for name in ("list_ports", "get_port"):
            assert "return" in typing.get_type_hints(getattr(resource, name))
