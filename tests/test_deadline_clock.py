"""Deadlines and retries run on the client's injected clocks (``monotonic=``, ``clock=``,
``sleep=``): a whole retry budget, a body's deadline and a ``Retry-After`` date are decided
on them, so these tests never wait."""

from __future__ import annotations

import email.utils
from collections.abc import Iterator

import httpx
import pytest

from misaka_io import APIStatusError, APITimeoutError, AsyncMisaka, Misaka
from tests.conftest import BASE

START = 1_000_000.0  # far from the real monotonic clock either way


class FakeTime:
    """A monotonic clock that moves only when slept on (or when the test moves it)."""

    def __init__(self) -> None:
        self.now = START
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)


def _busy(attempts: list[float], time_: FakeTime) -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        attempts.append(time_.now)
        return httpx.Response(503, headers={"retry-after": "10"}, json={"detail": "busy"})

    return httpx.MockTransport(answer)


def test_a_whole_retry_budget_runs_on_the_injected_clock_without_waiting() -> None:
    time_, attempts = FakeTime(), list[float]()
    client = Misaka(
        api_token="t",
        base_url=BASE,
        transport=_busy(attempts, time_),
        max_retries=10,
        total_timeout=30,
        monotonic=time_.clock,
        sleep=time_.sleep,
    )
    with pytest.raises(APIStatusError) as caught:
        client.teams.list_teams()
    assert caught.value.status_code == 503
    # at 0, 10 and 20 s; a fourth, at 30 s, would end past the call's 30 s
    assert [t - START for t in attempts] == [0.0, 10.0, 20.0]
    assert time_.slept == [10.0, 10.0]


async def test_an_async_retry_budget_runs_on_the_injected_clock_without_waiting() -> None:
    time_, attempts = FakeTime(), list[float]()

    async def answer(request: httpx.Request) -> httpx.Response:
        attempts.append(time_.now)
        return httpx.Response(503, headers={"retry-after": "10"}, json={"detail": "busy"})

    client = AsyncMisaka(
        api_token="t",
        base_url=BASE,
        transport=httpx.MockTransport(answer),
        max_retries=10,
        total_timeout=30,
        monotonic=time_.clock,
        sleep=time_.async_sleep,
    )
    with pytest.raises(APIStatusError):
        await client.teams.list_teams()
    assert [t - START for t in attempts] == [0.0, 10.0, 20.0]
    await client.close()


class SlowBody(httpx.SyncByteStream):
    """A body whose every chunk takes two seconds of the injected clock."""

    def __init__(self, time_: FakeTime) -> None:
        self.time_ = time_

    def __iter__(self) -> Iterator[bytes]:
        yield b'{"results": ['
        for _ in range(10):
            self.time_.now += 2.0
            yield b"  "
        yield b'], "count": 0}'


def test_a_body_that_outlasts_the_deadline_on_the_injected_clock_times_out() -> None:
    time_ = FakeTime()

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, headers={"content-type": "application/json"}, stream=SlowBody(time_)
        )

    client = Misaka(
        api_token="t",
        base_url=BASE,
        transport=httpx.MockTransport(answer),
        max_retries=0,
        timeout=5,
        monotonic=time_.clock,
        sleep=time_.sleep,
    )
    with pytest.raises(APITimeoutError):
        client.teams.list_teams()


def test_a_retry_after_date_is_read_on_the_injected_wall_clock() -> None:
    time_, now = FakeTime(), 2_000_000_000.0  # the client's wall clock: in 2033
    waits = iter([email.utils.formatdate(now + 20, usegmt=True)])

    def answer(request: httpx.Request) -> httpx.Response:
        when = next(waits, None)
        if when is None:
            return httpx.Response(200, json={"results": [], "count": 0})
        return httpx.Response(503, headers={"retry-after": when}, json={"detail": "busy"})

    client = Misaka(
        api_token="t",
        base_url=BASE,
        transport=httpx.MockTransport(answer),
        clock=lambda: now,
        monotonic=time_.clock,
        sleep=time_.sleep,
    )
    client.teams.list_teams()
    assert time_.slept == [pytest.approx(20.0, abs=1.0)]
