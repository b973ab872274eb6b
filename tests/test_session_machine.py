"""The session state machine's decisions, on a fake clock and without HTTP: a step is driven
by hand, each ``Ask`` answered with a made-up ``httpx.Response`` (a value: nothing is sent)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import jwt
import pytest

from misaka_io import AuthenticationError, MemoryTokenStore, Tokens, TooManyLogins
from misaka_io._config import Credentials
from misaka_io._redact import Redactor
from misaka_io._session import HOLD_STORE, LOGIN, REFRESH, Session, Step

EMAIL, PASSWORD = "noc@example.net", "correct-horse-battery"
WHERE = "https://api.example.test"
START = 1_800_000_000.0
TTL = 300.0


class Fake:
    """The server and the local clock, both moved by hand; the server issues JWTs."""

    def __init__(self, *, local_offset: float = 0.0) -> None:
        self.now = START  # the server's time
        self.local_offset = local_offset
        self.monotonic = 1000.0
        self.issued = 0

    def local(self) -> float:
        return self.now + self.local_offset

    def token(self, kind: str, ttl: float = TTL) -> str:
        self.issued += 1
        claims = {"exp": int(self.now + ttl), "iat": int(self.now), "jti": f"{kind}-{self.issued}"}
        return jwt.encode(claims, "stub-signing-key-for-tests-only!", algorithm="HS256")

    def tokens(self, ttl: float = TTL) -> dict[str, str]:
        return {"access": self.token("access", ttl), "refresh": self.token("refresh", 86_400)}


def answer(status: int, body: Any = None, **headers: str) -> httpx.Response:
    request = httpx.Request("POST", f"{WHERE}/made-up")
    return httpx.Response(status, json=body, headers=headers, request=request)


def session(fake: Fake, **kwargs: Any) -> Session:
    credentials = kwargs.pop("credentials", Credentials(email=EMAIL, password=PASSWORD))
    return Session(
        credentials,
        WHERE,
        kwargs.pop("redactor", Redactor(names=())),
        kwargs.pop("store", MemoryTokenStore()),
        clock=fake.local,
        monotonic=lambda: fake.monotonic,
        **kwargs,
    )


def run(step: Step, answers: Callable[[str], httpx.Response | None]) -> list[str]:
    """Drive a step to its end; return the kinds it asked for, in order."""
    asked: list[str] = []
    reply: httpx.Response | None = None
    try:
        while True:
            ask = step.send(reply)
            asked.append(ask.kind)
            reply = answers(ask.kind)
    except StopIteration:
        return asked


def server(fake: Fake, *, refresh: httpx.Response | None = None) -> Callable[[str], Any]:
    def answers(kind: str) -> httpx.Response | None:
        if kind == LOGIN:
            return answer(200, fake.tokens())
        if kind == REFRESH:
            return refresh or answer(200, {"access": fake.token("access")})
        return None

    return answers


def fresh(s: Session) -> Step:
    """The step before a request (which may log in when the session has credentials)."""
    return s.before_send("", None, s.can_login())


def logged_in(fake: Fake, **kwargs: Any) -> Session:
    s = session(fake, **kwargs)
    assert run(fresh(s), server(fake)) == [LOGIN]
    return s


def test_a_cold_session_asks_for_one_login_and_keeps_its_tokens() -> None:
    fake, store = Fake(), MemoryTokenStore()
    s = session(fake, store=store)
    step = fresh(s)
    first = next(step)
    assert first.kind == LOGIN and dict(first.body) == {"email": EMAIL, "password": PASSWORD}
    assert PASSWORD not in repr(first)
    assert run_rest(step, answer(200, fake.tokens())) == []
    stored = store.load()
    assert stored is not None and s.access() == stored.access
    assert stored.account == EMAIL and stored.base_url == WHERE
    assert (s.logins, s.refreshes) == (1, 0)


def run_rest(step: Step, reply: httpx.Response) -> list[str]:
    try:
        return [step.send(reply).kind]
    except StopIteration:
        return []


def test_a_fresh_token_asks_for_nothing() -> None:
    fake = Fake()
    s = logged_in(fake)
    fake.now += TTL - 31  # just outside the 30 s window
    assert run(fresh(s), server(fake)) == []


def test_a_token_inside_the_early_window_is_refreshed_once() -> None:
    fake = Fake()
    s = logged_in(fake)
    before = s.access()
    fake.now += TTL - 15
    assert run(fresh(s), server(fake)) == [REFRESH]
    assert s.access() != before and s.refreshes == 1
    assert run(fresh(s), server(fake)) == []


def test_a_short_token_is_refreshed_at_three_quarters_of_its_life() -> None:
    fake = Fake()
    s = session(fake)
    run(fresh(s), lambda kind: answer(200, {"access": fake.token("access", 60), "refresh": "r"}))
    fake.now += 44  # the window is 15 s (a quarter of 60), not 30 s
    assert run(fresh(s), server(fake)) == []
    fake.now += 2
    assert run(fresh(s), server(fake)) == [REFRESH]


def test_a_failed_early_refresh_keeps_the_token_and_pauses_before_the_next_try() -> None:
    fake = Fake()
    s = logged_in(fake)
    held = s.access()
    fake.now += TTL - 20
    busy = answer(503, {"detail": "busy"})
    assert run(fresh(s), server(fake, refresh=busy)) == [REFRESH]
    assert s.access() == held and s.logins == 1  # a failure is not a refusal: no login
    fake.now += 4
    assert run(fresh(s), server(fake, refresh=busy)) == []  # paused
    fake.now += 2
    assert run(fresh(s), server(fake)) == [REFRESH]
    assert s.access() != held


def test_an_expired_token_whose_refresh_is_refused_logs_in_once() -> None:
    fake = Fake()
    s = logged_in(fake)
    fake.now += TTL + 1
    refused = answer(401, {"detail": "Token is invalid or expired", "code": "token_not_valid"})
    assert run(fresh(s), server(fake, refresh=refused)) == [REFRESH, LOGIN]
    assert s.logins == 2


def test_a_refused_token_is_not_refreshed_again_when_another_request_already_did() -> None:
    fake = Fake()
    s = logged_in(fake)
    refused = answer(401, {"detail": "expired"})
    assert run(s.before_send("an-older-token", refused, True), server(fake)) == []
    held = s.access() or ""
    assert run(s.before_send(held, refused, True), server(fake)) == [REFRESH]


def test_the_skew_is_measured_from_the_token_so_a_clock_ahead_does_not_refresh() -> None:
    fake = Fake(local_offset=600)  # the local clock is ten minutes ahead
    s = logged_in(fake)
    for _ in range(10):
        fake.now += 20
        assert run(fresh(s), server(fake)) == []


def test_the_skew_is_measured_from_the_date_when_the_token_has_no_iat() -> None:
    fake = Fake(local_offset=-600)  # ten minutes behind
    s = session(fake)
    exp = jwt.encode({"exp": int(fake.now + TTL)}, "stub-signing-key-for-tests-only!", "HS256")
    run(fresh(s), lambda kind: answer(200, {"access": exp, "refresh": "r"}))
    s.saw(answer(200, {}, date="Fri, 15 Jan 2027 08:00:00 GMT"))
    assert abs(s.clock.skew - (1_800_000_000.5 - fake.local())) < 1
    fake.now += TTL - 10
    assert run(fresh(s), server(fake)) == [REFRESH]  # early, on the server's time


def test_the_sixth_login_in_a_minute_is_refused_until_the_minute_has_passed() -> None:
    fake = Fake()
    s = session(fake)
    for _ in range(5):
        s.forget()
        assert run(fresh(s), server(fake)) == [LOGIN]
    s.forget()
    with pytest.raises(TooManyLogins, match="per minute"):
        run(fresh(s), server(fake))
    fake.monotonic += 61
    assert run(fresh(s), server(fake)) == [LOGIN]


def test_a_stored_session_for_this_account_is_resumed_without_a_login() -> None:
    fake, store = Fake(), MemoryTokenStore()
    minted = fake.tokens()
    store.save(Tokens(minted["access"], minted["refresh"], account=EMAIL, base_url=WHERE))
    s = session(fake, store=store)
    assert run(fresh(s), server(fake)) == [] and s.access() == minted["access"]
    other = session(fake, store=store, credentials=Credentials(email="x@y.z", password="pw-123"))
    assert run(fresh(other), server(fake)) == [LOGIN]  # another account's: not resumed


def test_a_newer_stored_session_is_adopted_instead_of_refreshing() -> None:
    fake, store = Fake(), MemoryTokenStore()
    s = logged_in(fake, store=store)
    fake.now += TTL + 1
    newer = fake.tokens()  # another process refreshed and stored its session
    store.save(Tokens(newer["access"], newer["refresh"], account=EMAIL, base_url=WHERE))
    assert run(fresh(s), server(fake)) == []
    assert s.access() == newer["access"] and s.refreshes == 0


class LockingStore(MemoryTokenStore):
    def __init__(self) -> None:
        super().__init__()
        self.locks = 0

    def try_lock(self) -> bool:
        self.locks += 1
        return True

    def unlock(self) -> None:
        pass


def test_a_refresh_and_a_login_ask_for_the_store_lock_first() -> None:
    fake = Fake()
    s = session(fake, store=LockingStore())
    assert run(fresh(s), server(fake)) == [HOLD_STORE, LOGIN]
    fake.now += TTL - 10
    assert run(fresh(s), server(fake)) == [HOLD_STORE, REFRESH]


def test_a_failed_session_is_cleared_from_the_store_only_while_the_store_holds_it() -> None:
    fake, store = Fake(), MemoryTokenStore()
    minted = fake.tokens()
    mine = Tokens(minted["access"], minted["refresh"], account=EMAIL, base_url=WHERE)
    store.save(mine)
    s = session(fake, store=store, credentials=Credentials())  # resumes, cannot log in
    assert run(fresh(s), server(fake)) == []
    fake.now += TTL + 1
    elsewhere = Tokens("access-x", "refresh-x", account=EMAIL, base_url="https://other.test")
    store.save(elsewhere)  # another API's session, stored meanwhile
    with pytest.raises(AuthenticationError):
        run(fresh(s), server(fake, refresh=answer(401, {"detail": "revoked"})))
    assert elsewhere.same_session(store.load())
    store.save(mine)
    s2 = session(fake, store=store, credentials=Credentials())
    with pytest.raises(AuthenticationError):
        run(fresh(s2), server(fake, refresh=answer(401, {"detail": "revoked"})))
    assert store.load() is None


def test_after_three_refreshes_the_redactor_holds_only_the_live_secrets() -> None:
    """Decision: the redactor holds by value only what is live (the password, the current
    session's tokens); a refreshed-away token is dead and is masked by its shape (a JWT, a
    ``Bearer`` header, a secret-named field), so old tokens still never reach a log line."""
    fake, redactor = Fake(), Redactor(names=("access", "refresh"))
    s = logged_in(fake, redactor=redactor)
    seen = [s.access() or ""]
    for _ in range(3):
        fake.now += TTL - 10
        assert run(fresh(s), server(fake)) == [REFRESH]
        seen.append(s.access() or "")
    held = s.tokens
    assert held is not None and held.refresh
    assert set(redactor.secrets()) == {PASSWORD, held.access, held.refresh}
    line = " ".join(f"Bearer {token} {token}" for token in seen)
    assert not any(token in redactor.scrub(line) for token in seen)
    s.forget(logged_out=True)
    assert set(redactor.secrets()) == {PASSWORD}
