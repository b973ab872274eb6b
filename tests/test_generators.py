"""The generators read the spec and write code: they import nothing of the runtime (the
error class a failure raises is named by the generator, and must be the one the client
raises), and the table they write keeps each parameter's parts apart (nothing in it is
parsed back from a string)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from misaka_io._exceptions import error_class
from misaka_io._table_types import operations

ROOT = Path(__file__).resolve().parent.parent
# What a generator may load of misaka_io: the spec reader (which the client never imports).
SPEC_READER = {"misaka_io", "misaka_io._version", "misaka_io.spec"}


def test_the_generators_import_nothing_of_the_runtime() -> None:
    probe = (
        "import sys\n"
        "import scripts.generate, scripts.optable, scripts.generate_facade\n"
        "import scripts.generate_api_md\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('misaka_io'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert set(done.stdout.split()) <= SPEC_READER, done.stdout


def test_the_error_class_each_declared_failure_names_is_the_one_the_client_raises() -> None:
    named = {
        (status, name) for op in operations().values() for status, name in op["errors"].items()
    }
    assert named, "no operation declares a failure"
    assert all(error_class(status).__name__ == name for status, name in named), sorted(named)
    for status in (400, 401, 403, 404, 409, 422, 429, 418, 500, 503):
        from scripts.optable import error_class_name

        assert error_class_name(status) == error_class(status).__name__, status


def test_a_parameter_row_keeps_its_annotation_and_default_apart() -> None:
    for op in operations().values():
        for param in op["params"]:
            assert set(param) >= {"python", "annotation", "default_code"}
            assert "declaration" not in param
            assert ":" not in param["python"] and "=" not in param["annotation"]
        if op["body"] is not None:
            assert "declaration" not in op["body"]


def test_no_generator_script_or_template_is_over_500_lines() -> None:
    scripts = ROOT / "scripts"
    files = [*scripts.glob("*.py"), *scripts.glob("templates/*")]
    long = {
        f.name: n for f in files if (n := len(f.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert long == {}
