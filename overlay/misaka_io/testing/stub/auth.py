"""Credentials as the real service handles them: API tokens, and HS256 session JWTs.

Login opens a session and issues an access token (short-lived), a refresh token and,
when asked, a sliding token. Refresh rotates: the refresh token used is revoked and a new
one issued. Logout revokes the whole session; changing the password can revoke every
session of the user. All times come from the configured clock.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass
from typing import Any

from misaka_io.testing.stub.config import SEEDED_USERS, SeededUser, StubConfig

ALGORITHM = "HS256"
# Every token the stub issues has these; one without them is invalid, whoever signed it.
REQUIRED_CLAIMS = ("sub", "sid", "typ", "jti", "exp")


# The code of a refused session token (djangorestframework-simplejwt's; facts section 4c).
TOKEN_NOT_VALID = "token_not_valid"


class AuthFailed(Exception):
    """Answered with 401 and ``body``: this detail, and the code when there is one."""

    def __init__(self, detail: str, code: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.code = code

    @property
    def body(self) -> dict[str, str]:
        return {"detail": self.detail, **({"code": self.code} if self.code else {})}


def _bad_token(detail: str) -> AuthFailed:
    """A session token (JWT) that is invalid, expired, revoked or of the wrong kind."""
    return AuthFailed(detail, TOKEN_NOT_VALID)


@dataclass
class Principal:
    user: SeededUser
    session_id: str | None  # None for an API token


class Sessions:
    def __init__(self, config: StubConfig) -> None:
        self.config = config
        self.users = {u.id: u for u in SEEDED_USERS}
        self.passwords = {u.id: u.password for u in SEEDED_USERS}
        self.api_tokens = {
            config.api_token: SEEDED_USERS[0].id,
            config.other_api_token: SEEDED_USERS[1].id,
        }
        self._revoked_jti: set[str] = set()
        self._revoked_sessions: set[str] = set()
        self._sessions_of: dict[int, set[str]] = {}
        self._lock = threading.Lock()

    def add_api_token(self, token: str, user_id: int) -> None:
        """One more API token of a seeded user (``misaka_io.testing.mock()`` adds the one of
        the environment, so that code building its client from there is let in)."""
        if not token or user_id not in self.users:
            raise ValueError("an API token of a seeded user")
        with self._lock:
            self.api_tokens[token] = user_id

    # ---- issuing ------------------------------------------------------------------------

    def _token(self, user_id: int, session_id: str, kind: str, ttl: float) -> str:
        import jwt  # PyJWT and cryptography: imported by the first session, not by every stub

        now = self.config.clock.now()
        claims = {
            "sub": str(user_id),
            "sid": session_id,
            "typ": kind,
            "jti": secrets.token_hex(8),
            "iat": int(now),
            "exp": int(now + ttl),
        }
        return jwt.encode(claims, self.config.jwt_secret, algorithm=ALGORITHM)

    def open_session(self, user: SeededUser, sliding: bool) -> dict[str, str]:
        session_id = secrets.token_hex(8)
        with self._lock:
            self._sessions_of.setdefault(user.id, set()).add(session_id)
        tokens = {
            "access": self._token(user.id, session_id, "access", self.config.access_ttl),
            "refresh": self._token(user.id, session_id, "refresh", self.config.refresh_ttl),
        }
        if sliding:
            tokens["sliding"] = self._token(user.id, session_id, "sliding", self.config.sliding_ttl)
        return tokens

    def check_password(self, email: str | None, password: str) -> SeededUser | None:
        for user in self.users.values():
            same_email = email is not None and user.email.lower() == email.lower()
            if same_email and secrets.compare_digest(
                self.passwords[user.id].encode(), password.encode()
            ):
                return user
        return None

    # ---- verifying ----------------------------------------------------------------------

    def _decode(self, token: str, kinds: set[str]) -> dict[str, Any]:
        import jwt

        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                self.config.jwt_secret,
                algorithms=[ALGORITHM],
                options={
                    "verify_exp": False,
                    "verify_iat": False,
                    "verify_nbf": False,
                    "require": list(REQUIRED_CLAIMS),
                },
            )
        except jwt.PyJWTError:
            raise _bad_token("Token is invalid") from None
        if not all(isinstance(claims[k], str) for k in ("sub", "sid", "jti")):
            raise _bad_token("Token is invalid")
        if claims.get("typ") not in kinds:
            raise _bad_token("Token has the wrong type")
        if not isinstance(claims.get("exp"), int) or claims["exp"] <= self.config.clock.now():
            raise _bad_token("Token has expired")
        with self._lock:
            if (
                claims.get("jti") in self._revoked_jti
                or claims.get("sid") in self._revoked_sessions
            ):
                raise _bad_token("Token has been revoked")
        try:
            user_id = int(claims["sub"])
        except ValueError:
            raise _bad_token("Token is invalid") from None
        if user_id not in self.users:
            raise AuthFailed("User not found")
        return claims

    def authenticate(self, header: str | None) -> Principal:
        if not header:
            raise AuthFailed("Authentication credentials were not provided")
        scheme, _, credential = header.partition(" ")
        credential = credential.strip()
        if not credential:
            raise AuthFailed("Malformed Authorization header")
        if scheme.lower() == "token":
            for known, user_id in list(self.api_tokens.items()):
                if secrets.compare_digest(known.encode(), credential.encode()):
                    return Principal(self.users[user_id], None)
            raise AuthFailed("Invalid API token")
        if scheme.lower() == "bearer":
            claims = self._decode(credential, {"access", "sliding"})
            return Principal(self.users[int(claims["sub"])], claims["sid"])
        raise AuthFailed("Unsupported authorization scheme; use Token or Bearer")

    # ---- rotating and revoking ----------------------------------------------------------

    def refresh(self, refresh_token: str) -> tuple[SeededUser, dict[str, str]]:
        claims = self._decode(refresh_token, {"refresh"})
        with self._lock:
            if claims["jti"] in self._revoked_jti:
                raise _bad_token("Token has been revoked")
            self._revoked_jti.add(claims["jti"])
        user = self.users[int(claims["sub"])]
        session_id = claims["sid"]
        return user, {
            "access": self._token(user.id, session_id, "access", self.config.access_ttl),
            "refresh": self._token(user.id, session_id, "refresh", self.config.refresh_ttl),
        }

    def logout(self, principal: Principal, refresh_token: str | None) -> None:
        with self._lock:
            if principal.session_id:
                self._revoked_sessions.add(principal.session_id)
        if refresh_token:
            try:
                claims = self._decode(refresh_token, {"refresh"})
            except AuthFailed:
                return
            if int(claims["sub"]) == principal.user.id:
                with self._lock:
                    self._revoked_sessions.add(claims["sid"])

    def revoke_all(self, user_id: int, keep: str | None = None) -> None:
        with self._lock:
            for session_id in self._sessions_of.get(user_id, set()):
                if session_id != keep:
                    self._revoked_sessions.add(session_id)

    def set_password(self, user_id: int, password: str) -> None:
        with self._lock:
            self.passwords[user_id] = password
