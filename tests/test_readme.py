"""The README's usage examples run, unchanged, against the stub over HTTP."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from misaka_io.testing.stub import DEFAULT_API_TOKEN, create_app
from misaka_io.testing.stub.server import serve

README = Path(__file__).resolve().parent.parent / "README.md"


def usage_blocks() -> list[str]:
    text = README.read_text(encoding="utf-8")
    usage = text.split("## Usage", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", usage, flags=re.S)


def test_readme_has_the_usage_examples() -> None:
    blocks = usage_blocks()
    assert len(blocks) == 5
    joined = "\n".join(blocks)
    for needle in (
        "otp=",
        "AsyncMisaka",
        "client.request(",
        "ConflictError",
        "FileTokenStore",
        "with_raw_response",
        "has_next_page()",
    ):
        assert needle in joined


@pytest.mark.parametrize("index", range(5))
def test_readme_example_runs(
    index: int,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    with serve(create_app()) as url:
        monkeypatch.setenv("MISAKA_BASE_URL", url)
        monkeypatch.setenv("MISAKA_API_TOKEN", DEFAULT_API_TOKEN)
        code = usage_blocks()[index]
        exec(compile(code, f"README.md example {index + 1}", "exec"), {"__name__": "__readme__"})  # noqa: S102
    out = capsys.readouterr().out
    assert out.strip(), "every example prints what it got"
    expected = [
        "port-hkg1-cr1-et-0-0-3 100000 up",
        "17 Example Networks NOC True",
        "['example.net'] ['Packet loss towards AS4134 from TYO1']",
        "2 True ['host0', 'host1', 'host2', 'host3', 'host4']\n"
        "200 application/json 192.0.2.1 100000\n"
        "body does not fit ZoneCreate: Object contains unknown field `nmae`",
        "409 An announcement of 203.0.113.0/24 exists already",
    ][index]
    assert expected in out
