"""A process that takes the DNS lock as a user's process would, for the lock tests: run as
``python -m tests.lock_worker MODE ...``, with the lock's place and URL in its environment
(``MISAKA_LOCK_DIR``, ``MISAKA_LOCK_URL``, ``MISAKA_LOCK_LEASE``). It reports on stdout, one
line per event, and takes orders on stdin, one line each.

- ``hold KEY WAIT``: take the lock ("held", or "busy" and exit 3), then per line ``check``
  answer "ok" or "lost ..." (``ensure_held``); at end of input let go.
- ``fork KEY``: take the lock and fork; the child says "child held"/"child lost" and waits for
  the end of input; the parent lets go at the first line ("released") and waits too.
- ``leave KEY``: take the lock and fork; the child leaves the ``with`` block and exits; the
  parent says "child left", and lets go at the first line ("released").
- ``sections KEY ROUNDS LOG``: ROUNDS times, under the lock, append "PID in" then "PID out"
  to LOG, with a pause between.
- ``dns BASE_URL``: per line ``add|rm NAME TYPE VALUE``, that change through ``DnsRecords``
  ("ok", or "error TYPE: MESSAGE").
"""

from __future__ import annotations

import os
import sys
import time

from misaka_io._recordset_lock import Locking, RecordsetBusyError
from misaka_io._shared_lock import SharedLockError


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def hold(key: str, wait: float) -> int:
    lock = Locking.of(wait=wait).lock(key)
    try:
        lock.__enter__()
    except RecordsetBusyError:
        say("busy")
        return 3
    say("held")
    for line in sys.stdin:
        if line.strip() == "check":
            try:
                lock.ensure_held()
            except SharedLockError as exc:
                say(f"lost {type(exc).__name__}: {exc}")
            else:
                say("ok")
    lock.__exit__(None, None, None)
    return 0


def fork(key: str) -> int:
    with Locking.of(wait=10).lock(key) as lock:
        if os.fork() == 0:
            try:
                lock.ensure_held()
            except SharedLockError:
                say("child lost")
            else:
                say("child held")
            sys.stdin.read()
            os._exit(0)
        sys.stdin.readline()
    say("released")
    sys.stdin.read()
    os.wait()
    return 0


def leave(key: str) -> int:
    child = False
    with Locking.of(wait=10).lock(key):
        child = os.fork() == 0
        if not child:
            os.waitpid(-1, 0)
            say("child left")
            sys.stdin.readline()
    if child:
        os._exit(0)
    say("released")
    sys.stdin.read()
    return 0


def sections(key: str, rounds: int, log: str) -> int:
    locking = Locking.of(wait=60)
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    for _ in range(rounds):
        with locking.lock(key):
            os.write(fd, f"{os.getpid()} in\n".encode())
            time.sleep(0.005)
            os.write(fd, f"{os.getpid()} out\n".encode())
    os.close(fd)
    return 0


def dns(base_url: str) -> int:
    from misaka_io import Misaka
    from misaka_io.dns_records import DnsRecords
    from misaka_io.testing.stub import DEFAULT_API_TOKEN

    with Misaka(api_token=DEFAULT_API_TOKEN, base_url=base_url) as client:
        records = DnsRecords(client, lock_wait=60)
        say("ready")
        for line in sys.stdin:
            verb, name, rtype, value = line.split()
            try:
                if verb == "add":
                    records.add(name, rtype, [value])
                else:
                    records.remove(name, rtype, [value])
            except Exception as exc:  # reported to the test, which judges it
                say(f"error {type(exc).__name__}: {exc}")
            else:
                say("ok")
    return 0


def main(argv: list[str]) -> int:
    mode, *args = argv
    if mode == "hold":
        return hold(args[0], float(args[1]))
    if mode == "fork":
        return fork(args[0])
    if mode == "leave":
        return leave(args[0])
    if mode == "sections":
        return sections(args[0], int(args[1]), args[2])
    return dns(args[0])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
