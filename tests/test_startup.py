"""Start-up stays quick: ``import misaka_io`` and a client import no tag module and nothing of
the command line's libraries or PyJWT; a command imports only its own tag's module."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from misaka_io import Misaka
from misaka_io.testing.stub import StubConfig, create_app
from misaka_io.testing.stub.server import serve

ROOT = Path(__file__).resolve().parent.parent
HEAVY = {"click", "rich", "jmespath", "yaml", "jwt", "asyncio", "cryptography"}


def _loaded(code: str, env: dict[str, str] | None = None) -> set[str]:
    """The modules a fresh interpreter holds after ``code``, beyond those ``import httpx``
    loads by itself (httpx imports click and rich when they are installed)."""
    script = (
        "import sys, json\nimport httpx\nbefore = set(sys.modules)\n"
        f"{code}\nprint(json.dumps(sorted(set(sys.modules) - before)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_importing_the_package_and_making_a_client_loads_no_tag_module_nor_heavy_library() -> None:
    loaded = _loaded(
        "import misaka_io\nmisaka_io.Misaka(api_token='t0ken', base_url='http://127.0.0.1:9')"
    )
    assert "misaka_io._client" in loaded
    assert not {m for m in loaded if m.split(".")[0] in HEAVY}
    assert not {m for m in loaded if m.startswith("misaka_io.resources.")}


def test_a_client_with_an_api_token_loads_no_session_nor_connection_pool_before_a_call() -> None:
    """The session's modules are for email and password; the connection pool (httpcore, the
    certificate store) opens at the first call."""
    made = (
        "import misaka_io\nc = misaka_io.Misaka(api_token='t0ken', base_url='http://127.0.0.1:9')\n"
    )
    loaded = _loaded(made + "c.token_store\nrepr(c)\nc.ensure_session()\nc.logout()")
    later = {"httpcore", "certifi", "misaka_io._transport"}
    session = {"misaka_io._session_io", "misaka_io._session", "misaka_io._login_answer"}
    assert not loaded & (later | session)
    with_session = _loaded(
        made.replace("api_token='t0ken'", "email='a@example.com', password='pw'")
    )
    assert session <= with_session and not with_session & later


def test_a_client_imports_a_tag_module_at_the_first_use_of_that_tag() -> None:
    loaded = _loaded(
        "import misaka_io\nc = misaka_io.Misaka(api_token='t0ken', base_url='http://127.0.0.1:9')\n"
        "c.ports\nc.with_raw_response.ports"
    )
    assert {m for m in loaded if m.startswith("misaka_io.resources.")} == {
        "misaka_io.resources.ports"
    }


def test_a_tag_group_is_built_once_per_client_and_a_copy_builds_its_own() -> None:
    client = Misaka(api_token="t0ken", base_url="http://127.0.0.1:9")
    assert client.ports is client.ports
    raw = client.with_raw_response
    assert raw.ports is raw.ports
    assert raw.ports is not client.with_raw_response.ports  # a view per use, as before
    copied = client.with_options(max_retries=1)
    assert copied.ports is not client.ports and copied.ports is copied.ports


def test_a_command_imports_its_tag_module_only_and_nothing_it_does_not_use(
    tmp_path: Path,
) -> None:
    app = create_app(StubConfig())
    with serve(app) as base_url:
        env = {k: v for k, v in os.environ.items() if not k.startswith("MISAKA_")}
        env.update(
            MISAKA_BASE_URL=base_url,
            MISAKA_API_TOKEN=app.config.api_token,
            MISAKA_CONFIG_DIR=str(tmp_path),
            HOME=str(tmp_path),
        )
        loaded = _loaded(
            "from misaka_io.cli import main\n"
            "assert main(['-o', 'json', 'ports', 'list', '--limit', '1']) == 0\n",
            env,
        )
    assert "misaka_io.resources.ports" in loaded
    assert {m for m in loaded if m.startswith("misaka_io.resources.")} == {
        "misaka_io.resources.ports"
    }
    assert not {m for m in loaded if m.split(".")[0] in HEAVY - {"click", "rich"}}
    # With an API token and no config file: no session, no TOML reader, and no sessions
    # folder made on disk.
    assert not loaded & {"misaka_io._session_io", "misaka_io._session", "tomllib"}
    # Of its tag's request builders, only its own.
    builders = {m for m in loaded if m.startswith("misaka_io_generated.api.ports.")}
    assert builders == {"misaka_io_generated.api.ports.list_ports"}
    assert not (tmp_path / "sessions").exists()
