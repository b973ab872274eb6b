"""``make contract``: the contract harness.

Default: the stub in process and over HTTP (schemathesis), and the client (respx); one row
per operation, a summary line, a JUnit XML file; exit status 1 on any failure.
``--live`` (``make contract LIVE=1``): check the server at MISAKA_BASE_URL with
MISAKA_API_TOKEN instead and write a drift report; ``--write`` (``LIVE_WRITE=1``) adds the
mutating operations that can be undone; SIGTERM, SIGHUP and Ctrl-C stop the checks and
still remove what the run made. Exit status 2 when live mode cannot start (no credentials,
or the server refuses them), 3 when the run left objects on the account (the report names
them), 128 + the signal's number when a signal stopped it. ``--sweep`` (``SWEEP=1``)
removes what earlier runs left, older than an hour. ``--record DIR`` (``RECORD=<dir>``):
also save every live interaction, secrets masked, as ``DIR/live-<time>.json`` in the format
the replay test reads (``harness/record.py``).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import time
from pathlib import Path
from typing import Any

from contract_tests.harness import client_run, report, stub_run
from contract_tests.harness.cleanup import Cleanup
from contract_tests.harness.live import CredentialsRefused, preflight, probe_dns_bases, run_live
from contract_tests.harness.record import Recorder
from contract_tests.harness.results import (
    OperationResult,
    failures_text,
    new_results,
    summary,
    table,
    write_junit,
)
from contract_tests.harness.sweep import sweep
from misaka_io import Misaka
from misaka_io.spec import ROOT, SPEC_PATH
from misaka_io.testing.stub import create_app
from misaka_io.testing.stub.server import serve


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m contract_tests.harness", description=__doc__.splitlines()[0]
    )
    add = parser.add_argument
    add("--examples", type=int, default=25, help="schemathesis examples per operation and mode")
    add("--client-examples", type=int, default=10, help="generated inputs/bodies per client check")
    add("--only", help="comma-separated operation ids")
    add("--spec", type=Path, default=SPEC_PATH, help="the spec to check the stub against")
    add("--parts", default="stub,stub-http,client", help="which parts to run")
    add("--reports", type=Path, default=ROOT / "reports", help="where reports go")
    add("--explore", action="store_true", help="new random data each run (default: the same)")
    add("--live", action="store_true", help="check MISAKA_BASE_URL instead of the stub")
    add("--write", action="store_true", help="live: run the mutating operations too")
    add("--sweep", action="store_true", help="live: remove what earlier runs left (>1 h old)")
    add("--record", type=Path, help="live: save every interaction (secrets masked) in this folder")
    return parser.parse_args(argv)


def run_parts(args: argparse.Namespace, only: set[str] | None) -> dict[str, OperationResult]:
    """Run the asked parts (stub, stub-http, client) and collect one result per operation;
    print the links the stateful phase followed."""
    parts = [p for p in args.parts.split(",") if p]
    results = new_results()
    app = create_app()
    common: dict[str, Any] = {
        "token": app.config.api_token,
        "peer_token": app.config.other_api_token,  # the second account: tenancy is checked
        "spec_path": args.spec,
        "max_examples": args.examples,
        "operation_ids": only,
        "explore": args.explore,
    }
    if "stub" in parts:
        links = stub_run.run(results, "stub", app=create_app(), **common)
        print(f"stateful phase (stub), link steps answered 2xx:\n{stub_run.links_text(links)}")
        print(stub_run.lifecycle_text(links))
    if "stub-http" in parts:
        with serve(app) as url:
            stub_run.run(results, "stub-http", base_url=url, **common)
    if "client" in parts:
        client_run.run(results, examples=args.client_examples, operation_ids=only)
    return results if only is None else {k: v for k, v in results.items() if k in only}


def print_results(
    results: dict[str, OperationResult], parts: list[str], reports: Path, elapsed: float
) -> None:
    print(table(results, parts))
    problems = failures_text(results)
    if problems:
        print("\nFailures:\n" + problems)
    junit = reports / "contract-junit.xml"
    write_junit(results, junit)
    print(f"\nJUnit XML: {junit}  ({elapsed:.0f} s)")
    print(summary(results))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.sweep and not args.live:
        print("--sweep works on a live server: add --live (make contract LIVE=1 SWEEP=1)")
        return 2
    if args.record and not args.live:
        print(
            "--record keeps a live server's answers: add --live (make contract LIVE=1 RECORD=<dir>)"
        )
        return 2
    if args.live:
        return live(args)
    only = set(args.only.split(",")) if args.only else None
    started = time.perf_counter()
    results = run_parts(args, only)
    parts = [p for p in args.parts.split(",") if p]
    print_results(results, parts, args.reports, time.perf_counter() - started)
    return 0 if all(r.passed for r in results.values()) else 1


def live(args: argparse.Namespace) -> int:
    base_url, token = os.environ.get("MISAKA_BASE_URL"), os.environ.get("MISAKA_API_TOKEN")
    if not base_url or not token:
        print("live mode needs MISAKA_BASE_URL and MISAKA_API_TOKEN", file=sys.stderr)
        return 2
    redact = report.Redact(token)
    if args.sweep:
        return live_sweep(base_url, token, redact)
    cleanup = Cleanup()
    recorder = Recorder(token, base_url) if args.record else None
    try:
        drifts = run_live(
            base_url,
            token,
            write=args.write,
            prefix=os.environ.get("LIVE_TEST_PREFIX"),
            redact=redact,
            cleanup=cleanup,
            recorder=recorder,
        )
    except CredentialsRefused as exc:
        print(f"live: stopped before any check: {redact(str(exc))}", file=sys.stderr)
        return 2
    with Misaka(api_token=token, base_url=base_url, max_retries=2) as client:
        dns_base = probe_dns_bases(client)
    info = dataclasses.replace(
        report.RunInfo.now(base_url, args.write, dns_base),
        interrupted=cleanup.interrupted,
        left_behind=tuple(cleanup.left_behind),
    )
    json_path, md_path = report.write_report(drifts, info, args.reports, redact)
    if recorder is not None:
        saved = recorder.write(args.record, dns_base.as_json())
        print(f"recorded {len(recorder.interactions)} interactions: {saved}")
    print(f"live drift check of {info.host} at {info.checked_at} (spec {info.spec_version})")
    print(redact(dns_base.line()))
    print("\n".join(report.console_lines(drifts, redact)))
    status, line = report.final_verdict(drifts, info)
    print(f"\n{line}\ndrift report: {md_path} and {json_path}")
    return status


def live_sweep(base_url: str, token: str, redact: report.Redact) -> int:
    """``--live --sweep``: 0 when nothing old of the harness's is left, 3 when a delete
    failed, 1 when a listing could not be read."""
    with Misaka(api_token=token, base_url=base_url, max_retries=2) as client:
        try:
            preflight(client)
        except CredentialsRefused as exc:
            print(f"sweep: {redact(str(exc))}", file=sys.stderr)
            return 2
        swept = sweep(client)
    print("\n".join(redact(line) for line in swept.lines()))
    return report.LEFT_BEHIND if swept.left_behind else 1 if swept.unlisted else 0


if __name__ == "__main__":
    raise SystemExit(main())
