"""misaka_io.testing starts fast: a new stub in a fresh process imports only what its first
call needs, and reads the spec from a cache once it has been parsed (bench/testing.py times
it against respx)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

FIRST_CALL = """
import sys
from misaka_io.testing import MisakaStub
with MisakaStub() as stub, stub.client() as client:
    list(client.ports.list_ports())
print(sorted(m for m in ("jwt", "cryptography", "dns.zone", "dns.rdata", "uvicorn")
             if m in sys.modules))
"""


def _first_call(cache: Path) -> list[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    ran = subprocess.run(
        [sys.executable, "-c", FIRST_CALL], env=env, capture_output=True, text=True, check=True
    )
    return list(json.loads(ran.stdout.replace("'", '"')))


def test_a_first_call_imports_no_session_signing_nor_dns_parsing_nor_server(
    tmp_path: Path,
) -> None:
    assert _first_call(tmp_path) == []


def test_the_parsed_spec_is_kept_by_digest_and_a_broken_copy_is_read_again(
    tmp_path: Path,
) -> None:
    _first_call(tmp_path)
    (kept,) = (tmp_path / "misaka-io").glob("spec-*.json")
    assert (tmp_path / "misaka-io").stat().st_mode & 0o077 == 0
    assert json.loads(kept.read_text())["openapi"].startswith("3.1")
    kept.write_text("{not json")
    assert _first_call(tmp_path) == []  # the YAML again, and a good copy written
    assert json.loads(kept.read_text())["openapi"].startswith("3.1")
