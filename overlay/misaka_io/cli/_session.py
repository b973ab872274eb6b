"""``misaka login`` / ``logout`` / ``whoami``: the session kept in the token store (a file of
mode 0600 under the user's config directory, one per profile).

``login`` always opens a new session, so a wrong password is refused even when a session is
stored; on a terminal it asks for what is missing (email, password, one-time code).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import click

from misaka_io.cli._app import current_app, output_options, profile_option
from misaka_io.cli._output import emit
from misaka_io.cli._streams import read_stdin, stdin_is_terminal
from misaka_io.cli._terminal import display


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return read_stdin("--password-stdin", line=True)
    if os.environ.get("MISAKA_PASSWORD"):
        return os.environ["MISAKA_PASSWORD"]
    if not stdin_is_terminal():
        raise click.UsageError("no password: use --password-stdin or set MISAKA_PASSWORD")
    return str(click.prompt("Password", hide_input=True))


def _code(given: str | None) -> str | Callable[[], str] | None:
    """``--otp``, else on a terminal a prompt that the client calls only when the account
    asks for a code (hidden: it is a credential, if a short-lived one)."""
    if given or not stdin_is_terminal():
        return given
    return lambda: str(click.prompt("One-time code", hide_input=True)).strip()


@click.command()
@profile_option
@click.option("--email", help="The account's email [env MISAKA_EMAIL, profile email].")
@click.option("--password-stdin", is_flag=True, help="Read the password from stdin's first line.")
@click.option("--otp", metavar="CODE", help="The one-time code, for accounts with 2FA.")
def login(email: str | None, password_stdin: bool, otp: str | None) -> None:
    """Log in with email and password and keep the session for the next commands."""
    app = current_app()
    email = email or app.settings.email
    if not email:
        if not stdin_is_terminal():
            raise click.UsageError("no email: use --email or set MISAKA_EMAIL")
        email = str(click.prompt("Email"))
    client = app.client(email=email, password=_password(password_stdin), otp=_code(otp))
    client.login(fresh=True)  # never the stored session: the password is checked
    path = app.settings.session_path
    click.echo(
        f"logged in as {display(email)} (profile {app.settings.profile}, session in {path})",
        err=True,
    )
    if app.settings.api_token:  # it wins over the session: say so rather than surprise later
        where = _described(app.settings.sources["api_token"])
        click.echo(
            f"note: an API token is set ({where}): the next commands use it, not this "
            "session, until it is unset",
            err=True,
        )


@click.command()
@profile_option
def logout() -> None:
    """Revoke the session on the server and remove it from this machine."""
    from misaka_io._exceptions import AuthenticationError

    app = current_app()
    store = app.token_store()
    if store.load() is None:
        click.echo(f"not logged in (profile {app.settings.profile})", err=True)
        return
    if app.settings.api_token:
        # With a token at hand the client authenticates with it, not with the session.
        store.clear()
        click.echo(
            "removed the stored session without revoking it on the server, since an API "
            "token is set (unset MISAKA_API_TOKEN to revoke it)",
            err=True,
        )
        return
    client = app.client()
    try:
        client.ensure_session()  # the stored session (refreshed if it must be), or a login
        client.logout()
    except AuthenticationError:
        store.clear()
        click.echo("the session had expired already; removed it", err=True)
        return
    store.clear()
    click.echo(f"logged out (profile {app.settings.profile})", err=True)


@click.command()
@output_options
def whoami() -> None:
    """Which credentials this profile uses and where they came from (a flag, the environment,
    the profile file or the session file; never the secret), checked against the API."""
    from misaka_io._pagination import every_item

    app = current_app()
    settings = app.settings
    client = app.client()
    teams = [t.name for t in every_item(client.teams.list_teams)]  # the credentials work
    email, user = settings.email, None
    if settings.api_token:
        auth, source = "api token", _described(settings.sources["api_token"])
    else:
        auth, source = "session", f"session file {settings.session_path}"
        session = app.token_store().load()  # the one the call above used (or refreshed)
        if session is not None:
            email, user = session.account or email, _user(session.access)
    emit(
        app,
        {
            "profile": settings.profile,
            "base_url": str(client.base_url),
            "auth": auth,
            "credentials_from": source,
            "email": email,
            "user": user,
            "teams": teams,
        },
    )


def _described(source: str) -> str:
    """Where a setting came from, for people: a flag, the environment or the profile file."""
    if source.startswith("--"):
        return f"flag {source}"
    if source.startswith("["):
        return f"profile file: {display(source)}"
    return f"environment ({source})"


def _user(access: str) -> Any:
    """The user the session's access token names (``user_id``, else ``sub``), read without
    checking the signature (the server did that when it answered)."""
    import jwt

    try:
        claims = jwt.decode(access, options={"verify_signature": False})
    except jwt.PyJWTError:
        return None
    return claims.get("user_id", claims.get("sub")) if isinstance(claims, dict) else None
