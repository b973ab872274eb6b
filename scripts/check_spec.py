"""Validate the spec: openapi-spec-validator, then Redocly CLI lint with zero problems.

Redocly reports warnings with exit status 0, so this script reads its JSON report and fails
on any error or warning.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "misaka-v3.yaml"


def redocly_command() -> list[str]:
    local = ROOT / "node_modules" / ".bin" / "redocly"
    if local.exists():
        return [str(local)]
    if shutil.which("redocly"):
        return ["redocly"]
    raise SystemExit("Redocly CLI is not installed: run `npm ci` (make does it for you)")


def main() -> int:
    spec, _ = read_from_filename(str(SPEC))
    validate(spec)
    print(f"openapi-spec-validator: {SPEC.name} is valid OpenAPI {spec['openapi']}")

    env = dict(os.environ, REDOCLY_TELEMETRY="off", REDOCLY_SUPPRESS_UPDATE_NOTICE="true")
    run = subprocess.run(
        [*redocly_command(), "lint", str(SPEC), "--format", "json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        sys.stderr.write(run.stdout + run.stderr)
        raise SystemExit("redocly lint gave no JSON report") from None
    totals = report["totals"]
    for problem in report["problems"]:
        where = problem["location"][0]["pointer"] if problem.get("location") else "?"
        print(f"  {problem['severity']}: {problem['ruleId']}: {problem['message']} at {where}")
    print(f"redocly lint (recommended): {totals['errors']} errors, {totals['warnings']} warnings")
    return 1 if totals["errors"] or totals["warnings"] or run.returncode else 0


if __name__ == "__main__":
    raise SystemExit(main())
