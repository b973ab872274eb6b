"""The spec the stub routes and checks by, read from YAML once per version of its text.

Parsing the YAML is most of what a new stub costs in a fresh process (about 25 ms, where JSON
takes about 1 ms). So the parsed document is kept as JSON in the user's cache
(``$XDG_CACHE_HOME``, else ``~/.cache``, ``/misaka-io/spec-<digest>.json``), named by the
SHA-256 of the YAML text: a changed spec is a new file, never a stale one. It is written only
when JSON holds the document exactly (a YAML date or a number as a key would not survive), in
a new file moved into place (no reader sees half of one, however many processes write it),
in a directory of this user (0700). Any failure to read or write it falls back to the YAML.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from misaka_io.spec import SPEC_PATH, Spec, current


def cache_dir() -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME", "")
    try:
        root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    except (RuntimeError, KeyError):
        return None
    return root / "misaka-io"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".spec-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load() -> Spec:
    """The working copy of the spec (as ``misaka_io.spec.current()``), from the cache when
    it holds this version."""
    directory = cache_dir()
    try:
        digest = hashlib.sha256(SPEC_PATH.read_bytes()).hexdigest()[:40]
    except OSError:
        return current()
    path = None if directory is None else directory / f"spec-{digest}.json"
    if path is not None:
        try:
            return Spec(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            pass
    spec = current()
    if path is not None:
        try:
            text = json.dumps(spec.doc, separators=(",", ":"))
            if json.loads(text) == spec.doc:
                _write(path, text)
        except (OSError, TypeError, ValueError):
            pass
    return spec
