"""Session operations: login (with and without 2FA), refresh, logout, the current token."""

from __future__ import annotations

from typing import Any

from misaka_io.testing.stub import seed
from misaka_io.testing.stub.answers import Ctx, Reply, handles
from misaka_io.testing.stub.auth import AuthFailed
from misaka_io.testing.stub.config import STUB_OTP


def user_body(ctx: Ctx, user_id: int, *, with_services: bool) -> dict[str, Any]:
    """The user object: login's (team ids as strings, services, modules) or refresh's."""
    user = ctx.state.sessions.users[user_id]
    teams = [
        {**t, "id": str(t["id"]) if with_services else t["id"]}
        for t in seed.TEAMS
        if any(m["id"] == user_id for m in seed.TEAM_MEMBERS[t["id"]])
    ]
    body: dict[str, Any] = {
        "id": user.id,
        "email": user.email,
        "avatar_url": f"https://www.gravatar.com/avatar/{user.id:x}",
        "username": user.email.split("@")[0],
        "first_name": user.first_name,
        "last_name": user.last_name,
        "display_name": f"{user.first_name} {user.last_name}",
        "country": "JP",
        "is_staff": False,
        "whmcs_uuid": f"8d2f6a0c-3b7e-4f51-9a1d-{user.id:012d}",
        "teams": teams,
    }
    if with_services:
        body["services"] = [s["kind"] for s in seed.SERVICES]
        body["modules"] = [{"name": "lighthouse", "tier": "standard"}]
    return body


def _login(ctx: Ctx, body: dict[str, Any], otp: str | None) -> dict[str, Any]:
    email = body.get("email") or body.get("username")
    user = ctx.state.sessions.check_password(email, body["password"])
    if user is None:
        raise Reply(401, {"detail": "Unable to log in with provided credentials"})
    if user.two_factor and otp is None:
        return {"detail": "Two-factor authentication required: call login with 2FA"}
    if user.two_factor and otp != STUB_OTP:
        raise Reply(401, {"detail": "Invalid two-factor code"})
    tokens = ctx.state.sessions.open_session(user, bool(body.get("sliding")))
    out: dict[str, Any] = {
        "detail": "Login successful",
        "user": user_body(ctx, user.id, with_services=True),
    }
    _place_tokens(out, tokens["access"], tokens["refresh"], ctx.state.config.login_tokens)
    if "sliding" in tokens:
        out["sliding_token"] = tokens["sliding"]
    return out


def _place_tokens(out: dict[str, Any], access: str, refresh: str, where: str) -> None:
    """The tokens where the configured answer shape keeps them (``StubConfig.login_tokens``)."""
    top = {"access": access, "refresh": refresh}
    older = {"access_token": access, "refresh_token": refresh}
    if where == "documented":
        out.update(top | older)
    elif where == "top":
        out.update(top)
    elif where == "older":
        out.update(older)
    elif where == "user":
        out["user"].update(older)
    else:
        raise ValueError(f"StubConfig.login_tokens: unknown placement {where!r}")


@handles("login")
def login(ctx: Ctx, *, body: dict[str, Any]) -> Any:
    return _login(ctx, body, None)


@handles("login_with_2fa")
def login_with_2fa(ctx: Ctx, *, body: dict[str, Any]) -> Any:
    return _login(ctx, body, body["otp"])


@handles("refresh_user_token")
def refresh_user_token(ctx: Ctx, *, body: dict[str, Any]) -> Any:
    try:
        user, tokens = ctx.state.sessions.refresh(body["refresh"])
    except AuthFailed as exc:
        raise Reply(401, exc.body) from None
    user_ = user_body(ctx, user.id, with_services=False)
    etag = f'W/"{abs(hash(repr(sorted(user_.items())))) % 16**6:06x}"'
    return {**tokens, "user_etag": etag, "user": user_}


@handles("logout")
def logout(ctx: Ctx, *, body: dict[str, Any] | None) -> Any:
    ctx.state.sessions.logout(ctx.user, (body or {}).get("refresh"))
    return {"success": True}


@handles("get_current_user_token")
def get_current_user_token(ctx: Ctx) -> Any:
    user = ctx.user.user
    tokens = [t for t, uid in ctx.state.sessions.api_tokens.items() if uid == user.id]
    token = tokens[0] if tokens else f"stub-user-token-{user.id}"
    return {"token": token, "created_at": "2026-03-02T09:15:00Z"}
