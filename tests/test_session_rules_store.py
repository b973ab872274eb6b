"""The session and its token store: a session another client stored (adopted, or not), a
store that cannot be written or cleared, and what a failed session leaves there. On the fake
server and clock of ``test_session_machine``."""

from __future__ import annotations

import errno
import logging
from pathlib import Path

import httpx
import pytest

from misaka_io import MemoryTokenStore, StoreNotWritable, Tokens
from misaka_io._exceptions import InternalServerError
from misaka_io._session import LOGIN, REFRESH, Session
from tests.test_session_machine import (
    EMAIL,
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


def expired(fake: Fake, store: MemoryTokenStore) -> Session:
    """A session logged in (with a refresh token) whose access token has just expired."""
    s = logged_in(fake, store=store)
    fake.now += TTL + 1
    return s


def stored(store: MemoryTokenStore, minted: dict[str, str], account: str = EMAIL) -> Tokens:
    tokens = Tokens(minted["access"], minted["refresh"], account=account, base_url=WHERE)
    store.save(tokens)
    return tokens


def test_a_refresh_refused_because_another_client_rotated_the_token_adopts_its_session() -> None:
    fake, store = Fake(), MemoryTokenStore()
    s = expired(fake, store)
    newer = fake.tokens()

    def rotated_meanwhile(kind: str) -> httpx.Response | None:
        assert kind == REFRESH  # the other client stores its session while ours is out
        stored(store, newer)
        return answer(401, {"detail": "Token is blacklisted", "code": "token_not_valid"})

    assert run(fresh(s), rotated_meanwhile) == [REFRESH]  # no login: the refusal is explained
    assert s.access() == newer["access"] and s.logins == 1


class ReadOnlyStore(MemoryTokenStore):
    """A store on a read-only filesystem: it says so when probed, and cannot be cleared."""

    path = Path("/ro/session.json")

    def unwritable(self) -> str | None:
        return "Read-only file system"

    def clear(self) -> None:
        raise OSError(errno.EROFS, "Read-only file system")


def test_a_refused_refresh_on_a_store_that_cannot_be_written_says_so_and_keeps_it() -> None:
    fake, store = Fake(), ReadOnlyStore()
    s = expired(fake, store)
    held = store.load()
    refused = answer(401, {"detail": "Token is blacklisted", "code": "token_not_valid"})
    with pytest.raises(StoreNotWritable) as raised:
        run(s.before_send("", None, False), server(fake, refresh=refused))
    assert str(raised.value) == (
        "the stored session was refused and the token store /ro/session.json cannot be "
        "written (Read-only file system): a run that renewed the session may not have been "
        "able to keep it there; make the store writable (or free space), then log in again"
    )
    assert raised.value.store == "/ro/session.json"
    assert store.load() is held and s.access() is not None
    with pytest.raises(InternalServerError):  # a failure is no refusal: the store is not blamed
        run(s.before_send("", None, False), server(fake, refresh=answer(503, {})))


def test_a_newer_session_another_account_stored_for_the_same_api_is_not_adopted() -> None:
    fake, store = Fake(), MemoryTokenStore()
    s = expired(fake, store)
    other = fake.tokens()
    stored(store, other, account="ops@example.net")
    assert run(fresh(s), server(fake)) == [REFRESH]
    assert s.access() != other["access"]


def test_a_failed_session_a_read_only_store_keeps_is_named_in_the_log_and_not_resumed(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake, store = Fake(), ReadOnlyStore()
    s = logged_in(fake, store=store)
    with caplog.at_level(logging.INFO, "misaka_io"):
        s.forget()
    assert [r.getMessage() for r in caplog.records] == [
        "misaka_io: the failed session stays in /ro/session.json ([Errno 30] Read-only file system)"
    ]
    assert store.load() is not None and s.tokens is None
    assert run(fresh(s), server(fake)) == [LOGIN]


def test_forgetting_a_session_keeps_a_newer_one_in_the_store_and_says_so(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake, store = Fake(), MemoryTokenStore()
    s = logged_in(fake, store=store)
    with caplog.at_level(logging.INFO, "misaka_io"):
        s.forget()  # the store held this session: cleared, quietly
    assert store.load() is None and caplog.records == []
    s = logged_in(fake, store=store)
    newer = stored(store, fake.tokens())
    with caplog.at_level(logging.INFO, "misaka_io"):
        s.forget()
    assert store.load() is newer
    assert [r.getMessage() for r in caplog.records] == [
        "misaka_io: the stored session is newer than the one that failed: kept"
    ]


class FullStore(ReadOnlyStore):
    """A store on a full filesystem: every save fails."""

    def save(self, tokens: Tokens) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_session_the_store_cannot_save_is_used_and_one_warning_names_the_store(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = Fake()
    with caplog.at_level(logging.WARNING, "misaka_io"):
        s = logged_in(fake, store=FullStore())
        fake.now += TTL - 10
        assert run(fresh(s), server(fake)) == [REFRESH]
    assert s.access() is not None and s.refreshes == 1
    assert [r.getMessage() for r in caplog.records] == [
        "misaka_io: the session could not be saved to /ro/session.json (No space left on "
        "device): this run goes on with the new token; other runs cannot share it and must "
        "log in again once the store can be written"
    ]


def test_a_stored_session_of_another_account_is_passed_over_once_with_an_info_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake, store = Fake(), MemoryTokenStore()
    stored(store, fake.tokens(), account="ops@example.net")
    s = session(fake, store=store)
    with caplog.at_level(logging.INFO, "misaka_io"):
        assert s.tokens is None and s.tokens is None
    assert [r.getMessage() for r in caplog.records] == [
        "misaka_io: the stored session is for another account or API: not resumed"
    ]


def test_a_session_another_client_stored_is_adopted_on_the_clock_already_measured(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake, store = Fake(), MemoryTokenStore()
    s = logged_in(fake, store=store)
    fake.now = START + 100
    theirs = stored(store, fake.tokens())  # issued 100 s after ours, expires 100 s later
    fake.now = START + TTL - 10
    with caplog.at_level(logging.DEBUG, "misaka_io"):
        assert run(fresh(s), server(fake)) == []
    assert s.access() == theirs.access and s.refreshes == 0
    assert "misaka_io: using the session another client stored" in [
        r.getMessage() for r in caplog.records
    ]
    fake.now = START + 100 + TTL - 25  # its iat does not move the clock: 25 s are left
    assert run(fresh(s), server(fake)) == [REFRESH]


def test_an_adopted_session_that_expires_at_that_instant_is_refreshed() -> None:
    fake, store = Fake(), MemoryTokenStore()
    s = logged_in(fake, store=store)
    fake.now = START + 10
    theirs = stored(store, fake.tokens())
    fake.now = START + 10 + TTL - 0.5  # the server's time is its exp
    assert run(fresh(s), server(fake)) == [REFRESH]
    assert s.access() not in (None, theirs.access) and s.refreshes == 1


def test_a_session_another_client_stored_in_the_same_second_as_ours_is_adopted() -> None:
    fake, store = Fake(), MemoryTokenStore()
    s = logged_in(fake, store=store)
    theirs = stored(store, fake.tokens())  # the same iat, other tokens
    fake.now += TTL - 10
    assert run(fresh(s), server(fake)) == []
    assert s.access() == theirs.access
