"""Account operations: change password, confirm email."""

from __future__ import annotations

from typing import Any

from misaka_io.testing.stub.answers import Ctx, Reply, handles


@handles("change_password")
def change_password(ctx: Ctx, *, body: dict[str, Any]) -> Any:
    principal, sessions = ctx.user, ctx.state.sessions
    if sessions.check_password(principal.user.email, body["current_password"]) is None:
        raise Reply(400, {"detail": "Current password is incorrect"})
    sessions.set_password(principal.user.id, body["new_password"])
    if body.get("logout_all_sessions"):
        sessions.revoke_all(principal.user.id, keep=principal.session_id)
    return {"success": True}


@handles("confirm_email")
def confirm_email(ctx: Ctx, *, body: dict[str, Any]) -> Any:
    with ctx.state.lock:
        if body["token"] not in ctx.state.confirm_tokens:
            raise Reply(400, {"detail": "The confirmation token is invalid or was used"})
        ctx.state.confirm_tokens.discard(body["token"])
    return {"success": True}
