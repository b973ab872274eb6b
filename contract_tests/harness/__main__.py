"""``make contract``: the contract harness.

Default: the stub in process and over HTTP (schemathesis), and the client (respx); one row
per operation, a summary line, a JUnit XML file; exit status 1 on any failure.
``--live`` (``make contract LIVE=1``): check the server at MISAKA_BASE_URL with
MISAKA_API_TOKEN instead and write a drift report; ``--write`` (``LIVE_WRITE=1``) adds the
mutating operations that can be undone.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from contract_tests.harness import client_run, stub_run
from contract_tests.harness.live import run_live, write_report
from contract_tests.harness.results import failures_text, new_results, summary, table, write_junit
from contract_tests.spec import ROOT, SPEC_PATH
from contract_tests.stub import create_app
from contract_tests.stub.server import serve
from misaka_io._redact import Redactor


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m contract_tests.harness", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--examples", type=int, default=25, help="schemathesis examples per operation and mode"
    )
    parser.add_argument(
        "--client-examples", type=int, default=10, help="generated inputs/bodies per client check"
    )
    parser.add_argument("--only", help="comma-separated operation ids")
    parser.add_argument(
        "--spec", type=Path, default=SPEC_PATH, help="the spec to check the stub against"
    )
    parser.add_argument("--parts", default="stub,stub-http,client", help="which parts to run")
    parser.add_argument("--reports", type=Path, default=ROOT / "reports", help="where reports go")
    parser.add_argument(
        "--explore", action="store_true", help="new random data each run (default: the same data)"
    )
    parser.add_argument(
        "--live", action="store_true", help="check MISAKA_BASE_URL instead of the stub"
    )
    parser.add_argument(
        "--write", action="store_true", help="live: run the mutating operations too"
    )
    args = parser.parse_args(argv)

    if args.live:
        return live(args)
    only = set(args.only.split(",")) if args.only else None
    parts = [p for p in args.parts.split(",") if p]
    results = new_results()
    started = time.perf_counter()
    app = create_app()
    token = app.config.api_token
    if "stub" in parts:
        stub_run.run(
            results,
            "stub",
            token=token,
            app=create_app(),
            spec_path=args.spec,
            max_examples=args.examples,
            operation_ids=only,
            explore=args.explore,
        )
    if "stub-http" in parts:
        with serve(app) as url:
            stub_run.run(
                results,
                "stub-http",
                token=token,
                base_url=url,
                spec_path=args.spec,
                max_examples=args.examples,
                operation_ids=only,
                explore=args.explore,
            )
    if "client" in parts:
        client_run.run(results, examples=args.client_examples, operation_ids=only)
    if only is not None:
        results = {k: v for k, v in results.items() if k in only}
    elapsed = time.perf_counter() - started
    print(table(results, parts))
    problems = failures_text(results)
    if problems:
        print("\nFailures:\n" + problems)
    junit = args.reports / "contract-junit.xml"
    write_junit(results, junit)
    print(f"\nJUnit XML: {junit}  ({elapsed:.0f} s)")
    print(summary(results))
    return 0 if all(r.passed for r in results.values()) else 1


def live(args: argparse.Namespace) -> int:
    base_url, token = os.environ.get("MISAKA_BASE_URL"), os.environ.get("MISAKA_API_TOKEN")
    if not base_url or not token:
        print("live mode needs MISAKA_BASE_URL and MISAKA_API_TOKEN", file=sys.stderr)
        return 2
    drifts = run_live(base_url, token, write=args.write, prefix=os.environ.get("LIVE_TEST_PREFIX"))
    redactor = Redactor()
    redactor.add(token)
    json_path, md_path = write_report(drifts, args.reports, redactor.scrub)
    for d in sorted(drifts, key=lambda d: d.operation_id):
        status = d.status or ""
        reason = redactor.scrub(d.reason)
        print(f"{d.operation_id:32} {d.certainty:13} {d.outcome:9} {status:>4} {reason}")
        for p in d.problems:
            message, value = redactor.scrub(p["message"]), redactor.scrub(p["value"])
            print(f"    {p['path']}: {p['rule']}: {message} (value: {value})")
    drifted = [d for d in drifts if d.outcome in ("drift", "error")]
    checked = [d for d in drifts if d.outcome != "skipped"]
    print(
        f"\nlive: {len(checked)} operations checked, {len(checked) - len(drifted)} conform, "
        f"{len(drifted)} drift, {len(drifts) - len(checked)} skipped"
    )
    print(f"drift report: {md_path} and {json_path}")
    return 1 if drifted else 0


if __name__ == "__main__":
    raise SystemExit(main())
