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


def test_user_script_sees_real_types(tmp_path: Path) -> None:
    if subprocess.run([sys.executable, "-m", "mypy", "--version"], capture_output=True).returncode:
        pytest.skip("mypy is not installed here")
    result = mypy(tmp_path, GOOD)
    assert 'Revealed type is "misaka_io_generated.models.record_set.RecordSet"' in result.stdout
    assert "error" not in result.stdout.replace("Revealed", ""), result.stdout


def test_user_mistakes_are_caught(tmp_path: Path) -> None:
    if subprocess.run([sys.executable, "-m", "mypy", "--version"], capture_output=True).returncode:
        pytest.skip("mypy is not installed here")
    result = mypy(tmp_path, BAD)
    assert result.returncode == 1
    assert (
        'Argument "limit" to "list_ports" of "PortsResource" has incompatible type "str"'
        in result.stdout
    )
    assert 'Missing positional argument "port_id"' in result.stdout
