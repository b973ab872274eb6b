"""The session's rules one at a time, on the fake server and clock of ``test_session_machine``:
which answers refuse a token, when a failed early refresh is tried again and what its
warning says, what a refresh without a usable refresh token does, and what a failed session
leaves in the store."""

from __future__ import annotations

import email.utils
import logging
from collections.abc import Callable

import httpx
import jwt
import pytest

from misaka_io import AuthenticationError, MemoryTokenStore, Tokens
from misaka_io._config import Credentials
from misaka_io._exceptions import (
    InternalServerError,
    MissingCredentialsError,
    ResponseValidationError,
    TwoFactorRequired,
)
from misaka_io._redact import Redactor
from misaka_io._session import LOGIN, LOGIN_2FA, REFRESH, Session, refuses_token
from tests.test_session_machine import (
    EMAIL,
    PASSWORD,
    START,
    TTL,
    WHERE,
    Fake,
    answer,
    fresh,
    logged_in,
    run,
    server,
    session,
)

WARNED = "misaka_io: early refresh failed (%s); the access token is still valid for %s s"


def raw(status: int, content: bytes) -> httpx.Response:
    return httpx.Response(status, content=content, request=httpx.Request("POST", WHERE))


def test_a_401_refuses_the_token_and_a_403_only_with_the_specs_token_not_valid_code() -> None:
    assert refuses_token(answer(401, {"detail": "expired"}))
    assert refuses_token(raw(401, b""))
    assert refuses_token(answer(403, {"detail": "expired", "code": "token_not_valid"}))
    assert not refuses_token(answer(403, {"detail": "no", "code": "permission_denied"}))
    assert not refuses_token(answer(403, {"detail": "You may not do that."}))
    assert not refuses_token(answer(403, ["token_not_valid"]))
    assert not refuses_token(raw(403, b"<html>Forbidden</html>"))
    assert not refuses_token(answer(404, {"detail": "gone", "code": "token_not_valid"}))
    assert not refuses_token(answer(400, {"detail": "bad", "code": "token_not_valid"}))


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


def test_a_failed_early_refresh_warns_with_the_servers_answer_and_the_time_left(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = Fake()
    s = logged_in(fake)
    fake.now = START + TTL - 20.5  # the server's time is 280 s after the login (iat + 0.5)
    with caplog.at_level(logging.WARNING, "misaka_io"):
        run(fresh(s), server(fake, refresh=answer(503, {"detail": "busy"})))
    why = "503 Service Unavailable from POST /made-up: busy"
    assert warnings(caplog) == [WARNED % (why, "20")]
    caplog.clear()
    fake.now = START + TTL - 1.0  # half a second left: reads as 0 s
    with caplog.at_level(logging.WARNING, "misaka_io"):
        run(fresh(s), server(fake, refresh=answer(503, {"detail": "busy"})))
    assert warnings(caplog) == [WARNED % (why, "0")]


def access_only(fake: Fake, **kwargs: object) -> Session:
    """A session whose login answered an access token and no refresh token."""
    s = session(fake, **kwargs)
    assert run(fresh(s), lambda kind: answer(200, {"access": fake.token("access")})) == [LOGIN]
    return s


def test_without_a_refresh_token_an_early_refresh_logs_in_or_waits_for_expiry_warning_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = Fake()
    s = access_only(fake)
    fake.now = START + TTL - 20.5
    assert run(fresh(s), server(fake)) == [LOGIN]  # refused: it may log in, and does
    fake = Fake()
    s = access_only(fake)
    fake.now = START + TTL - 20.5  # 20 s left on the server's clock
    with caplog.at_level(logging.WARNING, "misaka_io"):
        assert run(s.before_send("", None, False), server(fake)) == []
        fake.now += 6  # past a failure's pause: still nothing to gain before expiry
        assert run(s.before_send("", None, False), server(fake)) == []
    assert warnings(caplog) == [WARNED % ("no refresh token", "20")]


def test_an_early_refresh_refused_whose_login_fails_keeps_the_token_and_warns_with_its_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = Fake()
    s = logged_in(fake)
    held = s.access()
    fake.now = START + TTL - 20.5
    refused = answer(401, {"detail": "Token is blacklisted", "code": "token_not_valid"})
    answers = {REFRESH: refused, LOGIN: answer(500, {"detail": "down"})}
    with caplog.at_level(logging.WARNING, "misaka_io"):
        assert run(fresh(s), answers.get) == [REFRESH, LOGIN]
    assert s.access() == held
    why = "500 Internal Server Error from POST /made-up: down"
    assert warnings(caplog) == [WARNED % (why, "20")]


def after_a_failed_early_refresh(
    left: float, failure: httpx.Response, *, ttl: float = TTL, skew: float = 30.0
) -> tuple[Fake, Session]:
    """A session whose early refresh, ``left`` seconds (server time) before its token
    expires, was answered with ``failure``; it cannot log in at that step."""
    fake = Fake()
    s = session(fake, refresh_skew=skew)
    run(fresh(s), lambda kind: answer(200, fake.tokens(ttl)))
    fake.now = START + ttl - left - 0.5  # the server's time is the iat's second + 0.5
    assert run(s.before_send("", None, False), server(fake, refresh=failure)) == [REFRESH]
    return fake, s


def paused_for(fake: Fake, s: Session, pause: float) -> bool:
    """Whether the next early refresh waits exactly ``pause`` seconds, to the instant."""
    start = fake.now
    fake.now = start + pause - 0.1
    before = run(s.before_send("", None, False), server(fake))
    fake.now = start + pause
    return before == [] and run(s.before_send("", None, False), server(fake)) == [REFRESH]


def test_a_failed_early_refresh_is_tried_again_five_seconds_later_to_the_instant() -> None:
    fake, s = after_a_failed_early_refresh(20, answer(503, {"detail": "busy"}))
    assert paused_for(fake, s, 5)


def test_a_failed_early_refresh_pauses_as_retry_after_says_up_to_a_minute() -> None:
    fake, s = after_a_failed_early_refresh(20, answer(503, {}, **{"retry-after": "8"}))
    assert paused_for(fake, s, 8)
    then = email.utils.formatdate(START + TTL - 20 + 8, usegmt=True)  # on the server's clock
    fake, s = after_a_failed_early_refresh(20, answer(503, {}, **{"retry-after": then}))
    assert paused_for(fake, s, 8)
    late = answer(429, {}, **{"retry-after": "200"})
    fake, s = after_a_failed_early_refresh(250, late, ttl=3600, skew=300)
    assert paused_for(fake, s, 60)


def test_a_failed_early_refresh_pauses_at_most_half_the_time_the_token_has_left() -> None:
    fake, s = after_a_failed_early_refresh(6, answer(503, {}))
    assert paused_for(fake, s, 3)


@pytest.mark.parametrize(("status", "logs_in"), [(408, False), (429, False), (400, True)])
def test_an_early_refresh_answered_408_or_429_failed_and_any_other_4xx_refused_it(
    status: int, logs_in: bool
) -> None:
    fake = Fake()
    s = logged_in(fake)
    fake.now += TTL - 20
    asked = run(fresh(s), server(fake, refresh=answer(status, {"detail": "no"})))
    assert asked == ([REFRESH, LOGIN] if logs_in else [REFRESH])


def recording(
    fake: Fake, asked: list[str], **kwargs: httpx.Response
) -> Callable[[str], httpx.Response | None]:
    answers = server(fake, **kwargs)

    def answer_and_note(kind: str) -> httpx.Response | None:
        asked.append(kind)
        return answers(kind)

    return answer_and_note


@pytest.mark.parametrize("refresh_ttl", [None, 100.0])
def test_a_refused_token_without_a_live_refresh_token_raises_the_refusal_and_clears_the_store(
    refresh_ttl: float | None,
) -> None:
    """No refresh token, or one that expires at this very instant: nothing is sent."""
    fake, store = Fake(), MemoryTokenStore()
    s = session(fake, store=store)
    tokens = {"access": fake.token("access")}
    if refresh_ttl is not None:
        tokens["refresh"] = fake.token("refresh", refresh_ttl)
    run(fresh(s), lambda kind: answer(200, tokens))
    fake.now = START + (refresh_ttl or 10) - 0.5  # the server's time: the refresh token's exp
    refused, asked = answer(401, {"detail": "expired"}), []
    with pytest.raises(AuthenticationError) as raised:
        run(s.before_send(tokens["access"], refused, False), recording(fake, asked))
    assert str(raised.value) == "401 Unauthorized from POST /made-up: expired"
    assert raised.value.response is refused
    assert asked == [] and s.access() is None and store.load() is None


def expired(fake: Fake, store: MemoryTokenStore | None = None) -> Session:
    """A session logged in (with a refresh token) whose access token has just expired."""
    s = logged_in(fake, store=store or MemoryTokenStore())
    fake.now += TTL + 1
    return s


def test_a_refresh_answered_without_an_access_token_raises_naming_the_field_and_model() -> None:
    fake = Fake()
    s = expired(fake)
    empty = answer(200, {})
    with pytest.raises(ResponseValidationError) as raised:
        run(s.before_send("", None, False), server(fake, refresh=empty))
    error = raised.value
    assert str(error) == "refresh answered 200 without an access token"
    assert (error.field, error.model, error.raw, error.response) == (
        "access",
        "RefreshResponse",
        b"{}",
        empty,
    )
    with pytest.raises(ResponseValidationError):  # the model's own refusal: not a string
        run(s.before_send("", None, False), server(fake, refresh=answer(200, {"access": 5})))


def test_each_refresh_is_counted_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    fake = Fake()
    s = logged_in(fake)
    with caplog.at_level(logging.DEBUG, "misaka_io"):
        for _ in range(2):
            fake.now += TTL - 10
            assert run(fresh(s), server(fake)) == [REFRESH]
    assert s.refreshes == 2
    refreshed = [r.getMessage() for r in caplog.records if "refreshed" in r.getMessage()]
    assert refreshed == ["misaka_io: access token refreshed"] * 2


def test_only_an_email_with_a_password_can_log_in_and_the_refusal_names_the_settings() -> None:
    for partial in (Credentials(email=EMAIL), Credentials(password=PASSWORD)):
        s = session(Fake(), credentials=partial)
        assert not s.can_login()
        with pytest.raises(MissingCredentialsError) as raised:
            run(fresh(s), server(Fake()))
        assert str(raised.value) == (
            "no credentials: pass api_token=, or email= and password=, or set "
            "MISAKA_API_TOKEN (or MISAKA_EMAIL and MISAKA_PASSWORD)"
        )


def test_an_account_with_a_second_factor_and_no_code_is_told_how_to_pass_one() -> None:
    fake = Fake()
    s = session(fake)
    with pytest.raises(TwoFactorRequired) as raised:
        run(fresh(s), lambda kind: answer(200, {"detail": "Enter your one-time code."}))
    assert str(raised.value) == (
        "this account uses two-factor authentication: pass otp= (the code, or a callable "
        "that returns the current code)"
    )


def test_the_api_token_and_the_one_time_code_are_masked() -> None:
    redactor = Redactor(names=())
    session(Fake(), redactor=redactor, credentials=Credentials(api_token="tok-abcdef123"))
    assert "tok-abcdef123" not in redactor.scrub("sent tok-abcdef123")
    redactor = Redactor(names=())
    given = Credentials(email=EMAIL, password=PASSWORD, otp="314159")
    session(Fake(), redactor=redactor, credentials=given)
    assert "314159" not in redactor.scrub("code 314159")
    fake, redactor = Fake(), Redactor(names=())
    asked = Credentials(email=EMAIL, password=PASSWORD, otp=lambda: "271828")
    s = session(fake, redactor=redactor, credentials=asked)
    second = {LOGIN: answer(200, {"detail": "2FA"}), LOGIN_2FA: answer(200, fake.tokens())}
    assert run(fresh(s), second.get) == [LOGIN, LOGIN_2FA]
    assert "271828" not in redactor.scrub("code 271828")


def test_a_login_answered_with_no_access_token_raises_naming_the_field_and_model() -> None:
    only_refresh = answer(200, {"refresh": "a-refresh-token-only"})
    with pytest.raises(ResponseValidationError) as raised:
        run(fresh(session(Fake())), lambda kind: only_refresh)
    error = raised.value
    assert str(error) == "login answered without an access token"
    assert (error.field, error.model, error.response) == ("access", "LoginResponse", only_refresh)
    assert error.raw == only_refresh.content


def test_a_sliding_token_is_kept_masked_and_outlives_the_refreshes(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake, store, redactor = Fake(), MemoryTokenStore(), Redactor(names=())
    given = Credentials(email=EMAIL, password=PASSWORD, sliding=True)
    s = session(fake, store=store, redactor=redactor, credentials=given)
    login = {**fake.tokens(), "sliding_token": "sliding-token-1"}
    with caplog.at_level(logging.DEBUG, "misaka_io"):
        assert run(fresh(s), lambda kind: answer(200, login)) == [LOGIN]
    assert "misaka_io: logged in as noc@example.net" in [r.getMessage() for r in caplog.records]
    stored = store.load()
    assert stored is not None and stored.sliding == "sliding-token-1"
    assert "sliding-token-1" not in redactor.scrub("sliding-token-1")
    fake.now += TTL - 10
    assert run(fresh(s), server(fake)) == [REFRESH]
    stored = store.load()
    assert stored is not None and stored.sliding == "sliding-token-1"


def test_a_client_without_credentials_keeps_the_stored_sessions_account_when_it_refreshes() -> None:
    fake, store = Fake(), MemoryTokenStore()
    minted = fake.tokens()
    store.save(Tokens(minted["access"], minted["refresh"], account=EMAIL, base_url=WHERE))
    s = session(fake, store=store, credentials=Credentials())
    fake.now += TTL - 10
    assert run(fresh(s), server(fake)) == [REFRESH]
    stored = store.load()
    assert stored is not None and stored.access != minted["access"] and stored.account == EMAIL


def test_a_step_answered_with_something_other_than_a_response_is_a_type_error() -> None:
    step = fresh(session(Fake()))
    assert next(step).kind == LOGIN
    with pytest.raises(TypeError) as raised:
        step.send(None)
    assert str(raised.value) == "the answer to login must be an httpx.Response"


def test_the_early_window_opens_at_the_instant_refresh_skew_before_expiry() -> None:
    fake = Fake()
    s = logged_in(fake)
    fake.now = START + TTL - 30 - 0.6  # the server's time: 30.1 s before expiry
    assert run(fresh(s), server(fake)) == []
    fake.now = START + TTL - 30 - 0.5  # 30 s before
    assert run(fresh(s), server(fake)) == [REFRESH]


def test_a_token_has_expired_at_the_instant_of_its_exp_and_a_failed_refresh_then_raises() -> None:
    fake = Fake()
    s = logged_in(fake)
    fake.now = START + TTL - 0.5  # the server's time is the token's exp
    with pytest.raises(InternalServerError):
        run(s.before_send("", None, False), server(fake, refresh=answer(503, {})))


def jwt_of(**claims: float) -> str:
    return jwt.encode(claims, "stub-signing-key-for-tests-only!", algorithm="HS256")


def resumed(fake: Fake, access: str) -> Session:
    """A session resumed from the store (the local clock is the server's: no skew)."""
    store = MemoryTokenStore()
    store.save(Tokens(access, "a-refresh-token", account=EMAIL, base_url=WHERE))
    return session(fake, store=store)


def window(s: Session, fake: Fake, exp: float) -> tuple[float, float]:
    """Between which times before ``exp`` the session first refreshes its token early (to
    a tenth of a second)."""
    for tenths in range(400, 0, -1):
        fake.now = exp - tenths / 10
        if run(s.before_send("", None, False), server(fake)) == [REFRESH]:
            return (tenths + 1) / 10, tenths / 10
    return 0.0, 0.0


def test_the_early_window_is_a_quarter_of_the_tokens_life_read_from_its_iat() -> None:
    fake, exp = Fake(), START + 60
    assert window(resumed(fake, jwt_of(iat=START, exp=exp)), fake, exp) == (15.1, 15.0)
    fake = Fake()
    one_second = jwt_of(iat=exp - 1, exp=exp)
    assert window(resumed(fake, one_second), fake, exp) == (0.3, 0.2)


def test_without_a_readable_life_the_window_is_refresh_skew() -> None:
    """No iat on a stored token, or an iat that is not before its exp."""
    for claims in ({"exp": START + 60}, {"iat": START + 300, "exp": START + 300}):
        fake = Fake()
        exp = claims["exp"]
        assert window(resumed(fake, jwt_of(**claims)), fake, exp) == (30.1, 30.0)


def test_a_new_token_without_an_iat_lives_from_when_it_came() -> None:
    fake = Fake()  # no Date header either: the local clock is the server's
    s = session(fake)
    exp = START + 60
    run(fresh(s), lambda kind: answer(200, {"access": jwt_of(exp=exp), "refresh": "r"}))
    assert window(s, fake, exp) == (15.1, 15.0)


def test_an_access_token_that_is_not_a_jwt_is_never_refreshed_early() -> None:
    fake = Fake()
    s = session(fake)
    run(fresh(s), lambda kind: answer(200, {"access": "opaque-access-token", "refresh": "r"}))
    fake.now += 10 * TTL
    assert run(fresh(s), server(fake)) == []
