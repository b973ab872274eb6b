"""The DNS lock shared by machines (``MISAKA_LOCK_URL``), against a real ``redis-server`` on a
free loopback port: writers with separate lock directories (two machines) lose nothing with
it and lose a value without it; a dead holder's lock frees when its lease ends, a live one
keeps it, a paused one learns it lost it; an unreachable or refusing Redis stops the write
with the URL named without its password; Redis stopped mid-run sends no write."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from misaka_io import Misaka
from misaka_io._exceptions import ConfigurationError
from misaka_io._recordset_lock import Locking, RecordsetBusyError, RecordsetLock
from misaka_io._shared_lock import Lease, LeaseLostError, SharedLockUnavailableError
from misaka_io.dns_records import DnsRecords
from misaka_io.testing.stub import DEFAULT_API_TOKEN, create_app
from misaka_io.testing.stub.server import serve
from tests.cli_support import MISAKA, Asgi
from tests.redis_support import RedisServer, free_port, redis_server
from tests.test_environment import _self_signed
from tests.test_lock_place import bare_env, first_line, try_once, worker

ZONE = "example.net"
PASSWORD = "lock-pass-5b1e"
TIMEOUT = 60


@pytest.fixture(scope="module")
def redis(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    with redis_server(tmp_path_factory.mktemp("redis"), PASSWORD) as server:
        yield server


def racy(app: Asgi) -> Asgi:
    """The stub, except that an append is applied 0.1 s late and a replacement 0.4 s late: a
    remover that read before an adder's append overwrites it after the adder read it back."""

    async def asgi(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] == "PUT":
            late = b"append=true" in scope["query_string"]
            await asyncio.sleep(0.1 if late else 0.4)
        await app(scope, receive, send)

    return asgi


def _values(client: Misaka, name: str) -> list[str]:
    found = client.dns.get_recordset(ZONE, name, "TXT")
    return sorted(r.value for r in found.records)


def _order(proc: subprocess.Popen[str], line: str) -> None:
    assert proc.stdin is not None
    proc.stdin.write(line + "\n")
    proc.stdin.flush()


def lost_rounds(tmp_path: Path, rounds: int, url: str | None) -> list[int]:
    """Two writer processes, each with its own lock directory (two machines) and ``url``:
    per round one removes ``a`` while the other adds ``c``; the rounds that lost ``c``."""
    lost = []
    with serve(racy(create_app())) as base:
        envs = [bare_env(MISAKA_LOCK_DIR=str(tmp_path / f"machine{n}")) for n in (1, 2)]
        if url:
            for env in envs:
                env["MISAKA_LOCK_URL"] = url
        remover, adder = (worker("dns", base, env=env) for env in envs)
        try:
            assert first_line(remover) == first_line(adder) == "ready"
            with Misaka(api_token=DEFAULT_API_TOKEN, base_url=base) as api:
                for run in range(rounds):
                    name = f"r{run}.{ZONE}"
                    DnsRecords(api, lock_dir=None).set(name, "TXT", ["a", "b"])
                    _order(remover, f"rm {name} TXT a")
                    _order(adder, f"add {name} TXT c")
                    assert (first_line(remover), first_line(adder)) == ("ok", "ok")
                    if _values(api, f"r{run}") != ["b", "c"]:
                        lost.append(run)
        finally:
            for proc in (remover, adder):
                proc.communicate("", timeout=TIMEOUT)
    return lost


def test_writers_on_two_machines_lose_nothing_with_the_shared_lock_in_20_rounds(
    tmp_path: Path, redis: RedisServer
) -> None:
    assert lost_rounds(tmp_path, 20, redis.url) == []


def test_writers_on_two_machines_lose_a_value_without_the_shared_lock(tmp_path: Path) -> None:
    assert lost_rounds(tmp_path, 5, None) != []  # what the lock above prevents can happen


def _hold(tmp_path: Path, url: str, key: str, lease: str) -> subprocess.Popen[str]:
    env = bare_env(
        MISAKA_LOCK_DIR=str(tmp_path / "holder"), MISAKA_LOCK_URL=url, MISAKA_LOCK_LEASE=lease
    )
    holder = worker("hold", key, "5", env=env)
    assert first_line(holder) == "held"
    return holder


def _elsewhere(tmp_path: Path, url: str, wait: float) -> Locking:
    return Locking.of(tmp_path / "elsewhere", wait, url=url, lease=1)


def test_a_forked_child_leaving_the_lock_lets_go_of_neither_its_parents_file_nor_lease(
    tmp_path: Path, redis: RedisServer
) -> None:
    here = bare_env(MISAKA_LOCK_DIR=str(tmp_path / "here"), MISAKA_LOCK_URL=redis.url)
    parent = worker("leave", "inherited", env=here)
    try:
        assert first_line(parent) == "child left"
        same_machine = bare_env(MISAKA_LOCK_DIR=str(tmp_path / "here"))
        other_machine = bare_env(MISAKA_LOCK_DIR=str(tmp_path / "there"), MISAKA_LOCK_URL=redis.url)
        assert try_once("inherited", same_machine) == "busy"  # the file is still the parent's
        assert try_once("inherited", other_machine) == "busy"  # and so is the lease
        _order(parent, "let go")
        assert first_line(parent) == "released"
        assert try_once("inherited", other_machine) == "held"
    finally:
        parent.communicate("", timeout=TIMEOUT)


def test_a_rediss_url_takes_the_lock_over_tls_and_a_plain_one_is_refused(tmp_path: Path) -> None:
    cert_and_key = _self_signed(tmp_path)
    with redis_server(tmp_path, PASSWORD, tls=cert_and_key) as server:
        assert server.url.startswith("rediss://")
        with Locking.of(tmp_path / "a", 5, url=server.url).lock("tls") as lock:
            lock.ensure_held()
            other = _elsewhere(tmp_path, server.url, 0.3)
            with pytest.raises(RecordsetBusyError), other.lock("tls"):
                pass
        plain = server.url.replace("rediss://", "redis://").split("?")[0]
        with pytest.raises(SharedLockUnavailableError, match=r"redis://:\*\*\*@"):
            Locking.of(tmp_path / "b", 5, url=plain).lock("tls").__enter__()


def test_a_killed_holders_lock_frees_when_its_lease_ends(
    tmp_path: Path, redis: RedisServer
) -> None:
    holder = _hold(tmp_path, redis.url, "killed", "1")
    with (
        pytest.raises(RecordsetBusyError) as busy,
        _elsewhere(tmp_path, redis.url, 0.3).lock("killed"),
    ):
        pass
    assert str(busy.value) == (
        "another writer here or on another machine held the lock for more than 0.3 s"
    )
    holder.kill()
    holder.communicate(timeout=TIMEOUT)
    with _elsewhere(tmp_path, redis.url, 20).lock("killed") as lock:
        lock.ensure_held()


def test_a_live_holder_keeps_the_lock_past_its_lease(tmp_path: Path, redis: RedisServer) -> None:
    holder = _hold(tmp_path, redis.url, "live", "1.5")
    try:
        time.sleep(4)  # more than two leases
        with (
            pytest.raises(RecordsetBusyError),
            _elsewhere(tmp_path, redis.url, 0.3).lock("live"),
        ):
            pass
        _order(holder, "check")
        assert first_line(holder) == "ok"
    finally:
        holder.communicate("", timeout=TIMEOUT)


def test_a_holder_paused_past_its_lease_writes_nothing_and_says_so(
    tmp_path: Path, redis: RedisServer
) -> None:
    holder = _hold(tmp_path, redis.url, "paused", "1")
    try:
        holder.send_signal(signal.SIGSTOP)
        with _elsewhere(tmp_path, redis.url, 20).lock("paused"):
            holder.send_signal(signal.SIGCONT)
            _order(holder, "check")
            answer = first_line(holder)
        assert answer.startswith("lost LeaseLostError: the DNS lock at redis://:***@"), answer
        assert PASSWORD not in answer
    finally:
        holder.send_signal(signal.SIGCONT)
        holder.communicate("", timeout=TIMEOUT)


def _cli_add(base: str, tmp_path: Path, name: str, **lock: str) -> subprocess.CompletedProcess[str]:
    env = bare_env(
        MISAKA_BASE_URL=base,
        MISAKA_API_TOKEN=DEFAULT_API_TOKEN,
        MISAKA_CONFIG_DIR=str(tmp_path / "config"),
        MISAKA_LOCK_DIR=str(tmp_path / "locks"),
        **lock,
    )
    return subprocess.run(
        [str(MISAKA), "dns", "record", "add", f"{name}.{ZONE}", "TXT", "v"],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def test_an_unreachable_redis_stops_the_write_and_is_named_without_its_password(
    tmp_path: Path,
) -> None:
    closed = f"127.0.0.1:{free_port()}"
    with serve(create_app()) as base, Misaka(api_token=DEFAULT_API_TOKEN, base_url=base) as api:
        done = _cli_add(base, tmp_path, "gone", MISAKA_LOCK_URL=f"redis://:hush-1@{closed}/0")
        assert DnsRecords(api, lock_dir=None).list(f"gone.{ZONE}") == []
    assert done.returncode == 5, done.stderr
    assert f"redis://:***@{closed}/0" in done.stderr and "hush-1" not in done.stderr


def test_the_password_comes_from_the_url_or_the_environment_and_a_wrong_one_is_refused(
    tmp_path: Path, redis: RedisServer
) -> None:
    bare = f"redis://127.0.0.1:{redis.port}/0"
    wrong = f"redis://:not-it@127.0.0.1:{redis.port}/0"
    with serve(create_app()) as base, Misaka(api_token=DEFAULT_API_TOKEN, base_url=base) as api:
        refused = _cli_add(base, tmp_path, "refused", MISAKA_LOCK_URL=wrong)
        unnamed = _cli_add(base, tmp_path, "unnamed", MISAKA_LOCK_URL=bare)
        by_env = _cli_add(
            base, tmp_path, "env", MISAKA_LOCK_URL=bare, MISAKA_LOCK_PASSWORD=PASSWORD
        )
        by_url = _cli_add(base, tmp_path, "url", MISAKA_LOCK_URL=redis.url)
        assert DnsRecords(api, lock_dir=None).list(f"refused.{ZONE}") == []
        assert DnsRecords(api, lock_dir=None).list(f"unnamed.{ZONE}") == []
        assert _values(api, "env") == _values(api, "url") == ["v"]
    assert (refused.returncode, unnamed.returncode) == (5, 5), (refused.stderr, unnamed.stderr)
    assert "not-it" not in refused.stderr and "redis://:***@" in refused.stderr
    assert (by_env.returncode, by_url.returncode) == (0, 0), (by_env.stderr, by_url.stderr)


def test_redis_stopped_mid_run_sends_no_write(tmp_path: Path) -> None:
    with (
        redis_server(tmp_path) as server,
        serve(create_app()) as base,
        Misaka(api_token=DEFAULT_API_TOKEN, base_url=base) as api,
    ):
        env = bare_env(MISAKA_LOCK_DIR=str(tmp_path / "locks"), MISAKA_LOCK_URL=server.url)
        writer = worker("dns", base, env=env)
        answers = []
        try:
            assert first_line(writer) == "ready"
            for n in range(8):
                if n == 4:
                    server.stop()
                _order(writer, f"add mid.{ZONE} TXT v{n}")
                answers.append(first_line(writer))
        finally:
            writer.communicate("", timeout=TIMEOUT)
        assert _values(api, "mid") == ["v0", "v1", "v2", "v3"]
    assert answers[:4] == ["ok"] * 4
    for answer in answers[4:]:
        assert answer.startswith("error SharedLockUnavailableError: cannot take the DNS lock at")


def test_a_holder_whose_redis_went_away_stops_writing(tmp_path: Path) -> None:
    with redis_server(tmp_path) as server:
        lock = Locking.of(tmp_path / "locks", 5, url=server.url, lease=0.9).lock("away")
        with lock:
            lock.ensure_held()
            server.stop()
            deadline = time.monotonic() + 20
            with pytest.raises(LeaseLostError, match="may be held by another writer"):
                while time.monotonic() < deadline:
                    lock.ensure_held()
                    time.sleep(0.05)


def test_tasks_on_two_machines_take_the_shared_lock_in_turn(
    tmp_path: Path, redis: RedisServer
) -> None:
    machines = [Locking.of(tmp_path / f"m{n}", 30, url=redis.url) for n in range(2)]
    log: list[str] = []

    async def writer(n: int) -> None:
        async with machines[n % 2].lock("https://api.example", ZONE) as lock:
            lock.ensure_held()
            log.append(f"{n} in")
            await asyncio.sleep(0.01)
            log.append(f"{n} out")

    async def main() -> None:
        await asyncio.gather(*(writer(n) for n in range(12)))

    asyncio.run(main())
    assert len(log) == 24
    for inside, outside in zip(log[::2], log[1::2], strict=True):
        assert outside == inside.replace("in", "out"), log


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:6379", "redis://", "redis://host:port/0", "redis://host/zero"],
)
def test_a_lock_url_that_names_no_redis_server_is_refused(url: str) -> None:
    with pytest.raises(ConfigurationError, match="lock URL"):
        Locking.of(None, 5, url=url)


def test_the_lock_url_is_read_from_the_environment_and_shown_without_its_password() -> None:
    environ = {"MISAKA_LOCK_URL": "rediss://:s3cret@redis.example:6380/2"}
    locking = Locking.of(None, 5, environ=environ)
    assert locking.shared is not None
    assert locking.shared.display == "rediss://:***@redis.example:6380/2"
    assert "s3cret" not in repr(locking)
    assert Locking.of(None, 5, environ={}).shared is None
    assert Locking.of(None, 5, url=None, environ=environ).shared is None


@pytest.mark.parametrize(
    ("url", "displayed"),
    [
        ("redis://127.0.0.1:1/0?password=hunter2", "redis://127.0.0.1:1/0?password=***"),
        (
            "rediss://h:6380/0?ssl_ca_certs=/etc/ca.pem&Password=hunter2",
            "rediss://h:6380/0?ssl_ca_certs=/etc/ca.pem&Password=***",
        ),
        ("redis://user:hunter2@h:1/0?password=hunter2", "redis://user:***@h:1/0?password=***"),
    ],
)
def test_a_password_in_the_lock_urls_query_is_never_shown(url: str, displayed: str) -> None:
    locking = Locking.of(None, 5, url=url)
    assert locking.shared is not None and locking.shared.display == displayed
    assert "hunter2" not in repr(locking)


def test_a_holder_that_cannot_extend_its_lease_stops_at_once(tmp_path: Path) -> None:
    now = [100.0]
    with redis_server(tmp_path) as server:
        locking = Locking.of(None, 5, url=server.url, lease=30).shared
        assert locking is not None
        hold = locking.hold("at-once", clock=lambda: now[0])
        assert hold.acquire(lambda: 1.0, time.sleep)
        try:
            assert hold.renew()
            hold.ensure_held()
            server.stop()
            assert not hold.renew()
            with pytest.raises(LeaseLostError, match="could not be extended: ConnectionError"):
                hold.ensure_held()  # though the clock did not move
        finally:
            hold.release()


def test_a_lease_is_trusted_for_two_thirds_of_its_length_after_its_last_confirmation() -> None:
    lease = Lease(30.0)
    assert not lease.trusted(0.0)  # never taken
    lease.confirmed(100.0)
    assert lease.renew_every == 10.0
    assert lease.trusted(119.9) and not lease.trusted(120.0)
    lease.confirmed(115.0)
    assert lease.trusted(134.9)
    lease.lose("gone")
    assert not lease.trusted(115.0) and lease.why_not(115.0) == "gone"


def test_a_task_cancelled_while_waiting_for_the_shared_lock_leaves_it_free(
    tmp_path: Path, redis: RedisServer
) -> None:
    async def main() -> None:
        with _elsewhere(tmp_path, redis.url, 5).lock("cancelled"):
            waiting = asyncio.create_task(_take_async(tmp_path / "m2", redis.url, 30))
            await asyncio.sleep(0.3)
            waiting.cancel()
            with pytest.raises(asyncio.CancelledError):
                await waiting
        await _take_async(tmp_path / "m3", redis.url, 2)  # no one keeps it

    asyncio.run(main())


async def _take_async(directory: Path, url: str, wait: float) -> None:
    async with Locking.of(directory, wait, url=url).lock("cancelled") as lock:
        lock.ensure_held()


def test_an_async_writer_finds_the_shared_lock_held_elsewhere_busy_after_its_wait(
    tmp_path: Path, redis: RedisServer
) -> None:
    holder = _hold(tmp_path, redis.url, "async-held", "5")

    async def main() -> None:
        with pytest.raises(RecordsetBusyError, match="here or on another machine"):
            async with _elsewhere(tmp_path, redis.url, 0.3).lock("async-held"):
                pass

    try:
        asyncio.run(main())
    finally:
        holder.kill()
        holder.communicate(timeout=TIMEOUT)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_lease_is_judged_on_the_clock_the_lock_was_given(
    tmp_path: Path, redis: RedisServer, mode: str
) -> None:
    """The lock's injected clock is the one its Redis lease is trusted on: moved past two
    thirds of the lease, the holder learns it may have lost the lock (no real time passes)."""
    now = [1000.0]
    shared = Locking.of(None, 5, url=redis.url, lease=30).shared
    lock = RecordsetLock(
        ZONE, f"judged-{mode}", directory=tmp_path / "locks", shared=shared, clock=lambda: now[0]
    )

    def check() -> None:
        lock.ensure_held()
        now[0] += 20.5  # past 2/3 of 30 s on the lock's clock, a moment of real time
        with pytest.raises(LeaseLostError):
            lock.ensure_held()

    if mode == "sync":
        with lock:
            check()
        return

    async def main() -> None:
        async with lock:
            check()

    asyncio.run(main())


@pytest.mark.parametrize("given", ["argument", "environment"])
def test_a_lease_given_as_an_argument_or_in_the_environment_is_the_one_held(
    tmp_path: Path, redis: RedisServer, given: str
) -> None:
    """A lease of 12 s is trusted for 8 s after it was taken, on the lock's clock: a holder
    with the default lease (30 s) would still trust it 8.1 s later. (The holder's renewer
    extends the lease after 4 s of real time; the test takes far less.)"""
    if given == "argument":
        shared = Locking.of(None, 5, url=redis.url, lease=12, environ={}).shared
    else:
        shared = Locking.of(None, 5, url=redis.url, environ={"MISAKA_LOCK_LEASE": "12"}).shared
    now = [1000.0]
    lock = RecordsetLock(
        ZONE, f"lease-{given}", directory=tmp_path, shared=shared, clock=lambda: now[0]
    )
    with lock:
        now[0] += 7.9
        lock.ensure_held()
        now[0] += 0.2
        with pytest.raises(LeaseLostError):
            lock.ensure_held()


def test_a_lease_that_is_not_seconds_is_refused_before_redis_is_asked(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError) as refused:
        Locking.of(tmp_path, 5, url="redis://127.0.0.1:1/0", environ={"MISAKA_LOCK_LEASE": "soon"})
    assert str(refused.value) == "MISAKA_LOCK_LEASE must be seconds, not 'soon'"


def test_the_password_is_read_from_the_environment_the_lock_was_given(
    tmp_path: Path, redis: RedisServer
) -> None:
    bare = f"redis://127.0.0.1:{redis.port}/0"
    given = {"MISAKA_LOCK_PASSWORD": PASSWORD}
    with Locking.of(tmp_path / "given", 5, url=bare, environ=given).lock("env-given") as lock:
        lock.ensure_held()
    with pytest.raises(SharedLockUnavailableError):  # the process's own environment has none
        Locking.of(tmp_path / "own", 5, url=bare, environ={}).lock("env-given").__enter__()
