"""No lost updates among writers of one recordset on one machine, over HTTP against the stub:
tasks, threads and ``misaka`` processes queue on the recordset's lock; a writer outside the
lock is caught by the read-back and merged; a write whose answer was lost is read for, not sent
again. The stub answers each request a little late, as the real API does, so that two writers
that do not queue overlap."""

from __future__ import annotations

import asyncio
import json
import logging
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from misaka_io import AsyncMisaka, Misaka
from misaka_io._recordset_lock import RecordsetBusyError, RecordsetLock
from misaka_io._retry import RetryPolicy
from misaka_io.dns_records import AsyncDnsRecords, ConcurrentChangeError, DnsRecords, Target
from misaka_io.models import Record, RecordSetWrite
from misaka_io.testing.stub import DEFAULT_API_TOKEN, create_app
from misaka_io.testing.stub.server import serve
from tests.cli_support import MISAKA, Asgi, Cli

ZONE = "example.net"
LATENCY = 0.03  # seconds the stub waits before each answer


# ---- the served stub, a little slow, and a server that does not deduplicate appends -------------


def slow(app: Asgi, seconds: float = LATENCY) -> Asgi:
    async def asgi(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            await asyncio.sleep(seconds)
        await app(scope, receive, send)

    return asgi


async def _call(app: Asgi, scope: Any, method: str, query: bytes, body: bytes) -> tuple[int, bytes]:
    """One request to ``app`` like ``scope`` but with this method, query and body."""
    headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"content-length"]
    headers.append((b"content-length", str(len(body)).encode()))
    inner = {**scope, "method": method, "query_string": query, "headers": headers}
    answer: dict[str, Any] = {"body": b""}
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]
        else:
            answer["body"] += message.get("body", b"")

    await app(inner, receive, send)
    return answer["status"], answer["body"]


def duplicating(app: Asgi) -> Asgi:
    """The stub, except that ``PUT ...?append=true`` adds every value sent, also one that is
    there already (a server that does not deduplicate)."""

    async def asgi(scope: Any, receive: Any, send: Any) -> None:
        if not (
            scope["type"] == "http"
            and scope["method"] == "PUT"
            and b"append=true" in scope["query_string"]
        ):
            await app(scope, receive, send)
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        status, current = await _call(app, scope, "GET", b"", b"")
        if status == 200:
            sent = json.loads(body)
            sent["records"] = json.loads(current)["records"] + sent["records"]
            body = json.dumps(sent).encode()
        query = b"" if status == 200 else scope["query_string"]
        status, answer = await _call(app, scope, "PUT", query, body)
        headers = [(b"content-type", b"application/json")]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": answer})

    return asgi


def lowercasing(app: Asgi) -> Asgi:
    """The stub, except that it stores every value written in lower case (a server that
    writes values its own way)."""

    async def asgi(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT"):
            await app(scope, receive, send)
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        sent = json.loads(body)
        for record in sent.get("records", []):
            record["value"] = record["value"].lower()
        status, answer = await _call(
            app, scope, scope["method"], scope["query_string"], json.dumps(sent).encode()
        )
        headers = [(b"content-type", b"application/json")]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": answer})

    return asgi


@pytest.fixture
def url() -> Iterator[str]:
    with serve(slow(create_app())) as base:
        yield base


@pytest.fixture
def lock_dir(tmp_path: Path) -> Path:
    return tmp_path / "run" / "misaka-io" / "locks"


def _values(client: Misaka, name: str) -> list[str]:
    found = DnsRecords(client, lock_dir=None).get(Target(ZONE, name, "TXT"))
    return [] if found is None else [r.value for r in found.records]


# ---- one process ---------------------------------------------------------------------------------


def test_fifty_concurrent_async_removals_in_one_process_remove_all_fifty(
    url: str, lock_dir: Path
) -> None:
    values = [f"token-{i:02d}" for i in range(50)]

    async def main() -> tuple[list[str], object]:
        async with AsyncMisaka(api_token=DEFAULT_API_TOKEN, base_url=url) as client:
            dns = AsyncDnsRecords(client, lock_dir=lock_dir)
            await dns.set(f"_acme-challenge.{ZONE}", "TXT", values)
            done = await asyncio.gather(
                *(dns.remove(f"_acme-challenge.{ZONE}", "TXT", [v]) for v in values)
            )
            left = await dns.get(Target(ZONE, "_acme-challenge", "TXT"))
            return [o.action for o in done], left

    actions, left = asyncio.run(main())
    assert left is None
    assert sorted(set(actions)) == ["delete", "replace"] and actions.count("delete") == 1


def test_a_removal_and_an_add_at_once_from_two_clients_lose_nothing_in_20_runs(
    url: str, lock_dir: Path
) -> None:
    with (
        Misaka(api_token=DEFAULT_API_TOKEN, base_url=url) as one,
        Misaka(api_token=DEFAULT_API_TOKEN, base_url=url) as two,
    ):
        remover, adder = DnsRecords(one, lock_dir=lock_dir), DnsRecords(two, lock_dir=lock_dir)
        for run in range(20):
            name = f"run{run}.{ZONE}"
            remover.set(name, "TXT", ["a", "b"])
            start = threading.Barrier(2)

            def remove(name: str = name, start: threading.Barrier = start) -> None:
                start.wait()
                remover.remove(name, "TXT", ["a"])

            def add(name: str = name, start: threading.Barrier = start) -> None:
                start.wait()
                adder.add(name, "TXT", ["c"])

            with ThreadPoolExecutor(2) as pool:
                for future in [pool.submit(remove), pool.submit(add)]:
                    future.result()
            assert sorted(_values(one, f"run{run}")) == ["b", "c"], f"run {run}"


def test_a_removal_and_an_add_at_once_from_two_cli_processes_lose_nothing_in_10_runs(
    url: str, tmp_path: Path
) -> None:
    cli = Cli(url, tmp_path / "config")
    env = cli.env(MISAKA_LOCK_DIR=str(tmp_path / "locks"))
    with Misaka(api_token=DEFAULT_API_TOKEN, base_url=url) as api:
        for run in range(10):
            name = f"cli{run}.{ZONE}"
            DnsRecords(api, lock_dir=None).set(name, "TXT", ["a", "b"])
            calls = [("rm", name, "TXT", "a"), ("add", name, "TXT", "c")]
            procs = [
                subprocess.Popen(
                    [str(MISAKA), "dns", "record", *args],
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                )
                for args in calls
            ]
            for proc in procs:
                _, err = proc.communicate(timeout=60)
                assert proc.returncode == 0, err
            assert sorted(_values(api, f"cli{run}")) == ["b", "c"], f"run {run}"


# ---- writers outside the lock, lost answers ------------------------------------------------------


class Hooked(httpx.BaseTransport):
    """A transport over HTTP that runs ``hook`` on each request after its answer came."""

    def __init__(self, hook: Callable[[httpx.Request], None]) -> None:
        self.inner, self.hook = httpx.HTTPTransport(), hook
        self.puts: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if request.method == "PUT":
            self.puts.append(request.url.query.decode())
        response.read()
        self.hook(request)
        return response

    def close(self) -> None:
        self.inner.close()


def test_a_lost_append_answer_is_read_for_and_the_value_is_stored_once(tmp_path: Path) -> None:
    lost: list[str] = []

    def drop_first_append_answer(request: httpx.Request) -> None:
        if request.method == "PUT" and "append=true" in str(request.url) and not lost:
            lost.append(str(request.url))  # the server applied it; its answer never arrives
            raise httpx.ReadTimeout("the answer was lost", request=request)

    transport = Hooked(drop_first_append_answer)
    with (
        serve(duplicating(create_app())) as base,
        Misaka(api_token=DEFAULT_API_TOKEN, base_url=base, transport=transport) as client,
    ):
        dns = DnsRecords(client, lock_dir=tmp_path / "locks")
        dns.add(f"_acme-challenge.{ZONE}", "TXT", ["first"])
        outcome = dns.add(f"_acme-challenge.{ZONE}", "TXT", ["second"])
        assert lost and transport.puts == ["append=true"]  # sent once, not again
        assert outcome.action == "append" and outcome.values == ("first", "second")
        assert _values(client, "_acme-challenge") == ["first", "second"]


def test_a_writer_outside_the_lock_that_undoes_a_removal_is_merged_and_written_again(
    url: str, lock_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with Misaka(api_token=DEFAULT_API_TOKEN, base_url=url) as other:
        undone: list[bool] = []

        def another_machine(request: httpx.Request) -> None:
            # It read {a, b} before our write and writes {a, b, c} after it.
            if request.method == "PUT" and not undone:
                undone.append(True)
                body = RecordSetWrite(records=[Record(value=v) for v in ("a", "b", "c")])
                other.dns.update_recordset(ZONE, "shared", "TXT", body=body)

        transport = Hooked(another_machine)
        with Misaka(api_token=DEFAULT_API_TOKEN, base_url=url, transport=transport) as client:
            dns = DnsRecords(client, lock_dir=lock_dir)
            dns.set(f"shared.{ZONE}", "TXT", ["a", "b"])
            transport.puts.clear()
            with caplog.at_level(logging.WARNING, logger="misaka_io"):
                outcome = dns.remove(f"shared.{ZONE}", "TXT", ["a"])
    assert outcome.action == "replace" and outcome.values == ("b", "c")
    assert transport.puts == ["append=false", "append=false"]  # written again once, merged
    assert "changed by another writer" in caplog.text


def test_a_recordset_that_keeps_changing_stops_after_five_writes(url: str, lock_dir: Path) -> None:
    with Misaka(api_token=DEFAULT_API_TOKEN, base_url=url) as other:

        def always_undo(request: httpx.Request) -> None:
            if request.method == "PUT":
                body = RecordSetWrite(records=[Record(value="a"), Record(value="b")])
                other.dns.update_recordset(ZONE, "busy", "TXT", body=body)

        transport = Hooked(always_undo)
        with Misaka(api_token=DEFAULT_API_TOKEN, base_url=url, transport=transport) as client:
            dns = DnsRecords(client, lock_dir=lock_dir)
            dns.set(f"busy.{ZONE}", "TXT", ["a", "b"])
            transport.puts.clear()
            with pytest.raises(ConcurrentChangeError, match="after 5 writes"):
                dns.remove(f"busy.{ZONE}", "TXT", ["a"])
    assert len(transport.puts) == 5


def test_a_server_that_writes_values_its_own_way_is_written_to_once(tmp_path: Path) -> None:
    transport = Hooked(lambda request: None)
    with (
        serve(lowercasing(create_app())) as base,
        Misaka(api_token=DEFAULT_API_TOKEN, base_url=base, transport=transport) as client,
    ):
        dns = DnsRecords(client, lock_dir=tmp_path / "locks")
        outcome = dns.add(f"mixed.{ZONE}", "TXT", ["MiXeD"])
        assert dns.add(f"mixed.{ZONE}", "TXT", ["other"]).values == ("mixed", "other")
    assert (outcome.action, outcome.values) == ("create", ("mixed",))
    assert transport.puts == ["append=true"]  # one create, one append: no write made again


# ---- the retry option and the lock ---------------------------------------------------------------


def test_a_policy_that_does_not_resend_unanswered_requests_resends_only_unsent_ones() -> None:
    put = httpx.Request("PUT", "https://api.example/v3/dns/zones/z/recordsets/a/TXT")
    careful, usual = RetryPolicy(resend_unanswered=False), RetryPolicy()
    assert usual.after_error(put, httpx.ReadTimeout("lost", request=put), 0) is not None
    assert careful.after_error(put, httpx.ReadTimeout("lost", request=put), 0) is None
    assert careful.after_error(put, httpx.ConnectError("refused", request=put), 0) is not None
    assert careful.after_status(put, httpx.Response(502, request=put), 0) is None
    assert careful.after_status(put, httpx.Response(429, request=put), 0) is not None


def test_the_lock_is_held_by_one_process_at_a_time(tmp_path: Path) -> None:
    directory = tmp_path / "run" / "misaka-io" / "locks"
    key = ("https://api.example", ZONE, "www", "TXT")
    with RecordsetLock(*key, directory=directory):
        holder = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from pathlib import Path; "
                "from misaka_io._recordset_lock import RecordsetLock, RecordsetBusyError\n"
                "try:\n"
                f"    RecordsetLock(*{key!r}, directory=Path({str(directory)!r}), wait=0.2)"
                ".__enter__()\n"
                "except RecordsetBusyError: sys.exit(3)\n",
            ],
            capture_output=True,
            timeout=60,
            check=False,
        )
    assert holder.returncode == 3, holder.stderr
    assert (directory.stat().st_mode & 0o777) == 0o700
    assert (directory.parent.stat().st_mode & 0o777) == 0o700


def test_threads_and_tasks_take_turns_and_a_long_wait_is_an_error(tmp_path: Path) -> None:
    directory = tmp_path / "locks" / "misaka-io" / "locks"
    held = threading.Event()
    release = threading.Event()

    def holder() -> None:
        with RecordsetLock("k", directory=directory):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=holder)
    thread.start()
    held.wait(10)

    async def main() -> list[str]:
        order: list[str] = []
        with pytest.raises(RecordsetBusyError):
            async with RecordsetLock("k", directory=directory, wait=0.05):
                pass
        ticks = asyncio.create_task(asyncio.sleep(0.05))  # the loop runs while a task waits
        waiting = asyncio.create_task(_take(order, directory))
        await ticks
        order.append("loop ran")
        release.set()
        await waiting
        return order

    assert asyncio.run(main()) == ["loop ran", "task"]
    thread.join(10)


async def _take(order: list[str], directory: Path | None, key: str = "k") -> None:
    async with RecordsetLock(key, directory=directory, wait=10):
        order.append("task")


class AsyncDropFirstAppendAnswer(httpx.AsyncBaseTransport):
    """Over HTTP; the answer of the first ``PUT ...?append=true`` is lost after the server
    applied it."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.puts: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if request.method == "PUT":
            self.puts.append(request.url.query.decode())
            if len(self.puts) == 1 and "append=true" in self.puts[0]:
                await response.aread()
                await response.aclose()
                raise httpx.RemoteProtocolError("connection dropped", request=request)
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


def test_async_a_lost_append_answer_is_read_for_and_not_sent_again(tmp_path: Path) -> None:
    transport = AsyncDropFirstAppendAnswer()

    async def main() -> tuple[str, tuple[str, ...]]:
        async with AsyncMisaka(
            api_token=DEFAULT_API_TOKEN, base_url=base, transport=transport
        ) as client:
            dns = AsyncDnsRecords(client, lock_dir=tmp_path / "locks")
            await dns.add(f"www.{ZONE}", "TXT", ["first"])
            outcome = await dns.add(f"www.{ZONE}", "TXT", ["second"])
            return outcome.action, outcome.values

    with serve(duplicating(create_app())) as base:
        assert asyncio.run(main()) == ("append", ("first", "second"))
    assert transport.puts == ["append=true"]


def test_a_task_cancelled_while_waiting_does_not_keep_the_lock() -> None:
    async def main() -> None:
        holder = RecordsetLock("c", directory=None)
        await holder.__aenter__()
        waiting = asyncio.create_task(_take([], None, "c"))
        await asyncio.sleep(0.01)
        waiting.cancel()
        await holder.__aexit__(None, None, None)  # handed to the cancelled task, or skipped
        with pytest.raises(asyncio.CancelledError):
            await waiting
        async with RecordsetLock("c", directory=None, wait=1):
            pass

    asyncio.run(main())
