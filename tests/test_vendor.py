"""make vendor: a renamed copy that imports and works on its own, and re-vendoring rules."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from misaka_io.testing.stub import create_app
from misaka_io.testing.stub.server import serve
from scripts.vendor import ROOT, VendorError, main, rewrite, vendor

SMOKE = """
import sys
sys.modules["misaka_io"] = None            # the originals must not be needed
sys.modules["misaka_io_generated"] = None
import acme_misaka
from acme_misaka.models import ZoneCreate
with acme_misaka.Misaka(api_token=sys.argv[2], base_url=sys.argv[1]) as client:
    ports = client.ports.list_ports()
    zone = client.dns.create_zone(body=ZoneCreate(name="vendored.example"))
    try:
        client.dns.create_zone(body=ZoneCreate(name="vendored.example"))
    except acme_misaka.ConflictError as exc:
        conflict = exc.status_code
print(len(ports.results), zone.name, conflict, type(ports.listing).__module__, acme_misaka.__file__)
"""


def test_rewrite_only_touches_imports() -> None:
    source = (
        "from misaka_io._auth import MisakaAuth\n"
        "    from misaka_io_generated.models import Port\n"
        "import misaka_io.models\n"
        'log = logging.getLogger("misaka_io")\n'
        "from misaka_iox import other\n"
    )
    assert rewrite(source, "acme") == (
        "from acme._auth import MisakaAuth\n"
        "    from acme._generated.models import Port\n"
        "import acme.models\n"
        'log = logging.getLogger("misaka_io")\n'
        "from misaka_iox import other\n"
    )


@pytest.mark.parametrize("flags", [[], ["--no-cli"]], ids=["with-cli", "library-only"])
def test_vendored_copy_works_in_a_fresh_interpreter(tmp_path: Path, flags: list[str]) -> None:
    src = tmp_path / "project" / "src"
    assert main([str(src), "--package", "acme_misaka", *flags]) == 0
    package = src / "acme_misaka"
    for path in package.rglob("*.py"):
        assert not re.search(r"^\s*(from|import)\s+misaka_io", path.read_text(), re.M), path
    info = (package / "VENDORED.md").read_text()
    spec_sha = hashlib.sha256((ROOT / "spec" / "misaka-v3.yaml").read_bytes()).hexdigest()
    assert spec_sha in info and "openapi-python-client 0.29.1" in info and "\nhttpx==" in info
    app = create_app()
    with serve(app) as url:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        run = subprocess.run(
            [sys.executable, "-c", SMOKE, url, app.config.api_token],
            cwd=src,
            env={**env, "PYTHONPATH": str(src)},
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert run.returncode == 0, run.stderr
    count, zone, conflict, module, where = run.stdout.split()
    assert (count, zone, conflict) == ("3", "vendored.example", "409")
    assert module == "acme_misaka._generated.models.port_list"
    assert Path(where).is_relative_to(src)


def test_vendoring_again_replaces_cleanly_and_keeps_user_files(tmp_path: Path) -> None:
    vendor(tmp_path, "acme")
    package = tmp_path / "acme"
    (package / "my_helpers.py").write_text("X = 1\n")
    manifest = json.loads((package / ".vendored-files").read_text())
    (package / "obsolete.py").write_text("")
    manifest["obsolete.py"] = hashlib.sha256(b"").hexdigest()
    (package / ".vendored-files").write_text(json.dumps(manifest))
    vendor(tmp_path, "acme")
    assert (package / "my_helpers.py").read_text() == "X = 1\n"
    assert not (package / "obsolete.py").exists()
    assert (package / "_generated" / "client.py").is_file()


def test_hand_edited_vendored_files_stop_the_command(tmp_path: Path) -> None:
    vendor(tmp_path, "acme")
    edited = tmp_path / "acme" / "_retry.py"
    edited.write_text(edited.read_text() + "\n# local tweak\n")
    with pytest.raises(VendorError, match=r"changed by hand.*_retry\.py"):
        vendor(tmp_path, "acme")
    vendor(tmp_path, "acme", force=True)
    assert "# local tweak" not in edited.read_text()


def test_refuses_a_folder_it_did_not_make(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "acme").mkdir()
    (tmp_path / "acme" / "__init__.py").write_text("")
    assert main([str(tmp_path), "--package", "acme"]) == 1
    assert "was not made by `make vendor`" in capsys.readouterr().err
    assert main([str(tmp_path), "--package", "not-a-name"]) == 1


HOST_SCRIPT = """
from acme_misaka import Misaka, SyncPage
from acme_misaka.models import Port, ZoneCreate


def use(client: Misaka) -> list[str]:
    ports: SyncPage[Port] = client.ports.list_ports(limit=5)
    zone = client.dns.create_zone(body=ZoneCreate(name="vendored.example"))
    return [p.id for p in ports] + [zone.name]
"""


def _listed(vendored_md: str) -> list[str]:
    """The requirement lines of VENDORED.md's blocks (to run, and to type-check)."""
    blocks = re.findall(r"```text\n(.*?)```", vendored_md, re.S)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def test_a_library_only_copy_leaves_the_command_line_and_its_dependencies_out(
    tmp_path: Path,
) -> None:
    assert main([str(tmp_path), "--package", "acme", "--no-cli"]) == 0
    package = tmp_path / "acme"
    assert not (package / "cli").exists() and not (package / "__main__.py").exists()
    assert not (package / "certbot_dns.py").exists() and not (package / "octodns.py").exists()
    listed = " ".join(_listed((package / "VENDORED.md").read_text())).lower()
    assert "httpx==" in listed and "msgspec==" in listed and "pyjwt==" in listed
    for left_out in ("click", "rich", "jmespath", "pyyaml", "tomlkit", "certbot", "octodns"):
        assert left_out not in listed
    full = tmp_path / "full"
    vendor(full, "acme")
    listed = " ".join(_listed((full / "acme" / "VENDORED.md").read_text())).lower()
    assert "types-pyyaml==" in listed and "types-jmespath==" in listed and "click==" in listed


def _mypy_pin() -> str:
    lock = (ROOT / "requirements.lock").read_text()
    found = re.search(r"^mypy==\S+", lock, re.M)
    assert found, "mypy is not pinned in requirements.lock"
    return found[0]


@pytest.mark.parametrize("cli", [False, True], ids=["library-only", "with-cli"])
def test_a_vendored_copy_passes_mypy_strict_in_a_host_with_only_what_vendored_md_lists(
    tmp_path: Path, cli: bool
) -> None:
    """A fresh venv gets exactly VENDORED.md's runtime and type-checking lines (plus mypy);
    the host module and the copy pass ``mypy --strict`` there (the integrations, which need
    certbot or octoDNS, are checked only where those are installed: not here)."""
    vendor(tmp_path, "acme_misaka", cli=cli)
    (tmp_path / "host.py").write_text(HOST_SCRIPT)
    listed = _listed((tmp_path / "acme_misaka" / "VENDORED.md").read_text())
    integrations = re.search(
        r"Only for .*?```text\n(.*?)```",
        (tmp_path / "acme_misaka" / "VENDORED.md").read_text(),
        re.S,
    )
    skip = set(integrations[1].split()) if integrations else set()
    wanted = [line for line in listed if line not in skip and not line.startswith("#")]
    venv = tmp_path / "host-venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    host_python = venv / "bin" / "python"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(host_python),
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-input",
            *wanted,
            _mypy_pin(),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert install.returncode == 0, install.stderr
    run = subprocess.run(
        [
            str(host_python),
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "host.py",
            "acme_misaka",
            "--exclude",
            r"acme_misaka/(certbot_dns|octodns)\.py$",
        ],
        cwd=tmp_path,
        env={**os.environ, "MYPYPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
