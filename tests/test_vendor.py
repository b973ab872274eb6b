"""make vendor: a renamed copy that imports and works on its own, and re-vendoring rules."""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from misaka_io.testing.stub import create_app
from misaka_io.testing.stub.server import serve
from scripts.vendor import (
    GENERATED,
    OVERLAY,
    ROOT,
    VendorError,
    _locked,
    main,
    rewrite,
    vendor,
)
from tests.venvs import clean_env, fresh_venv, install_pinned, needed

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
    assert not (package / "cli").exists() and ".cli" not in (package / "__main__.py").read_text()
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


# ---- the copy works whole: nothing imports the original names, the command line included ----

IMPORTERS = {"import_module", "__import__", "find_spec"}
OWN_NAME = re.compile(r"misaka_io(_generated)?\.\w")


def _docstrings(tree: ast.AST) -> set[int]:
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, kinds) and node.body and isinstance(node.body[0], ast.Expr)
    }


def string_built_imports(source: bytes) -> list[str]:
    """Where ``source`` names a module of the original packages in a string (outside
    docstrings: an import built from it would escape vendoring's rewrite), or imports a module
    by an absolute name written in the code."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) not in docs and OWN_NAME.match(node.value):
                found.append(f"line {node.lineno}: {node.value!r}")
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            head = first.values[0] if isinstance(first, ast.JoinedStr) else first
            literal = isinstance(head, ast.Constant) and isinstance(head.value, str)
            if called in IMPORTERS and literal and not head.value.startswith("."):
                found.append(f"line {node.lineno}: {called}({head.value!r}...)")
    return found


def test_nothing_in_the_overlay_or_the_generated_code_builds_an_import_from_its_name() -> None:
    found = {
        path.relative_to(ROOT).as_posix(): where
        for base in (OVERLAY, GENERATED)
        for path in sorted(base.rglob("*.py"))
        if (where := string_built_imports(path.read_bytes()))
    }
    assert found == {}, f"import these relative to the package (__name__): {found}"


def test_a_string_built_import_is_caught() -> None:
    bad = b"""import importlib
def load(module):
    return importlib.import_module(f"misaka_io.cli.{module}")
MODELS = "misaka_io.models"
def fine(name):
    return importlib.import_module(f".{name}", __name__)
"""
    found = sorted(w.split(":")[0] for w in string_built_imports(bad))
    assert found == ["line 3", "line 3", "line 4"]


def _blocks(vendored_md: str) -> list[list[str]]:
    return [b.splitlines() for b in re.findall(r"```text\n(.*?)```", vendored_md, re.S)]


@pytest.mark.parametrize("cli", [True, False], ids=["with-cli", "library-only"])
def test_vendored_md_says_exactly_what_was_copied_and_pins_exactly_what_the_lock_pins(
    tmp_path: Path, cli: bool
) -> None:
    vendor(tmp_path, "acme_misaka", cli=cli)
    info = (tmp_path / "acme_misaka" / "VENDORED.md").read_text()
    assert "\\" not in info
    assert "| generator | openapi-python-client 0.29.1 |\n" in info
    pins = set(_locked().values())
    for line in (line for block in _blocks(info) for line in block):
        assert line == "# nothing more" or line in pins, line


def test_the_readme_lists_what_a_library_only_copy_needs_as_vendored_md_does(
    tmp_path: Path,
) -> None:
    vendor(tmp_path, "acme", cli=False)
    runtime = _blocks((tmp_path / "acme" / "VENDORED.md").read_text())[0]
    readme = " ".join((ROOT / "README.md").read_text().split())
    said = re.search(r"a library-only copy's `VENDORED\.md` lists (.*?) to run it", readme)
    assert said, "README: say what a library-only copy's VENDORED.md lists to run it"
    named = {n.strip(" `").lower() for n in re.split(r",|\band\b", said[1]) if n.strip()}
    assert named == {line.split("==")[0] for line in runtime}


# One venv for the whole module: what the full copy's VENDORED.md lists to run it (and what
# those need, by hash from requirements.lock), no misaka_io.
COMMANDS = {
    "help": (["--help"], "whoami"),
    "whoami": (["whoami"], '"auth": "api token"'),
    "configure list": (["configure", "list"], '"profile": "default"'),
    "completion": (["completion", "bash"], "complete "),
    "create zone": (["dns", "create-zone", "--name", "vendored.example"], '"vendored.example"'),
    "record list": (["dns", "record", "list", "vendored.example"], '"NS"'),
    "acme help": (["acme", "--help"], "auth"),
    "dry run": (["dns", "delete-zone", "vendored.example", "--dry-run"], '"dry_run": true'),
}


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the venv's python, the scratch folder holding ``full/`` and ``library/`` copies)."""
    root = tmp_path_factory.mktemp("vendored-host")
    vendor(root / "full", "acme_misaka")
    vendor(root / "library", "acme_misaka", cli=False)
    runtime = _blocks((root / "full" / "acme_misaka" / "VENDORED.md").read_text())[0]
    bin_dir = fresh_venv(root / "venv")
    install_pinned(bin_dir, needed(runtime), root)
    return bin_dir / "python", root


def _run_copy(host: tuple[Path, Path], copy: str, url: str, token: str, args: list[str]) -> Any:
    python, root = host
    env = clean_env(
        PYTHONPATH=str(root / copy), MISAKA_BASE_URL=url, MISAKA_API_TOKEN=token,
        MISAKA_CONFIG_DIR=str(root / "config"), HOME=str(root / "home"),
    )  # fmt: skip
    return subprocess.run(
        [str(python), "-m", "acme_misaka", *args],
        cwd=root, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_a_vendored_copys_command_line_works_in_a_venv_with_only_vendored_mds_pins(
    host: tuple[Path, Path],
) -> None:
    python, _ = host
    alone = subprocess.run(
        [str(python), "-c", "import misaka_io"], capture_output=True, text=True, check=False
    )
    assert "No module named 'misaka_io'" in alone.stderr
    app = create_app()
    with serve(app) as url:
        for name, (args, expected) in COMMANDS.items():
            ran = _run_copy(host, "full", url, app.config.api_token, args)
            assert ran.returncode == 0 and expected in ran.stdout, (name, ran.stderr[-2000:])


def test_a_library_only_copy_says_it_has_no_command_line(host: tuple[Path, Path]) -> None:
    for name, (args, _) in COMMANDS.items():
        ran = _run_copy(host, "library", "http://127.0.0.1:9", "unused", args)
        assert ran.returncode == 2 and ran.stdout == "", name
        assert ran.stderr.startswith("acme_misaka was vendored without its command line"), name
