"""Files the client trusts: the token store, and the command line's config file.

Whoever can write such a file can plant a session or point the client at another server with
your credentials, so it is read only when it is a regular file, owned by you and writable by
nobody else; the checks are made on the opened file (no swap between check and read), which
is opened without blocking so that a FIFO put in its place cannot hang the client. On
Windows, where access is governed by ACLs rather than these bits, only the kind is checked.
A refusal is an ``UntrustedFile``; the token store makes it a ``ConfigurationError``, the
command line a usage error (this module imports nothing heavy: ``misaka --help`` reads it).

A directory the client makes for such files (the command line's ``sessions``) must be a
real directory of yours: a symlink planted in its place is refused, never followed, and
its mode is set on the opened directory, not on whatever a link points at.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class UntrustedFile(Exception):
    """The file is not one to trust, or cannot be read; the message says why."""


def read_trusted(path: Path, what: str, *, limit: int, hint: str) -> tuple[bytes, int] | None:
    """Up to ``limit + 1`` bytes of the file and its permission bits, or None when there is
    no such file. ``what`` names the file in errors; ``hint`` is the way out of a refusal."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UntrustedFile(f"cannot read {what} {str(path)!r}: {exc.strerror}") from None
    try:
        st = os.fstat(fd)
        _check(st, f"refusing {what} {str(path)!r}", hint)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read(limit + 1), stat.S_IMODE(st.st_mode)
    except OSError as exc:
        raise UntrustedFile(f"cannot read {what} {str(path)!r}: {exc.strerror}") from None
    finally:
        os.close(fd)


def _check(st: os.stat_result, where: str, hint: str) -> None:
    if not stat.S_ISREG(st.st_mode):
        raise UntrustedFile(f"{where}: it is not a regular file")
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None:
        return
    me = geteuid()
    if st.st_uid != me:
        raise UntrustedFile(
            f"{where}: it is owned by uid {st.st_uid}, not by you (uid {me}); remove it, or {hint}"
        )
    mode = stat.S_IMODE(st.st_mode)
    who = others(mode, stat.S_IWGRP, stat.S_IWOTH)
    if who:
        raise UntrustedFile(
            f"{where}: it is writable by {who} (mode {mode:#o}); run chmod 600 on it, or remove it"
        )


def others(mode: int, group_bit: int = stat.S_IRGRP, others_bit: int = stat.S_IROTH) -> str:
    """Who besides the owner the bits let in ("group", "others", "group and others"), or ""
    (always "" on Windows, where the bits say nothing)."""
    if not hasattr(os, "geteuid"):
        return ""
    who = [name for bit, name in ((group_bit, "group"), (others_bit, "others")) if mode & bit]
    return " and ".join(who)


def private_directory(path: Path, what: str) -> None:
    """Make ``path`` (its parents as needed) a directory only you may enter (mode 0700), or
    raise ``UntrustedFile`` when something else is there: a symlink (refused, not followed),
    a file, or a directory of another user."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        path.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError as exc:
        raise UntrustedFile(f"cannot create {what} {str(path)!r}: {exc.strerror}") from None
    where = f"refusing {what} {str(path)!r}"
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode):
        raise UntrustedFile(f"{where}: it is a symbolic link; remove it")
    if not stat.S_ISDIR(st.st_mode):
        raise UntrustedFile(f"{where}: it is not a directory; remove it")
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:  # swapped for a link since lstat: ELOOP
        raise UntrustedFile(f"{where}: {exc.strerror}") from None
    try:
        st = os.fstat(fd)
        geteuid = getattr(os, "geteuid", None)
        if geteuid is not None and st.st_uid != geteuid():
            raise UntrustedFile(f"{where}: it is owned by uid {st.st_uid}, not by you")
        if hasattr(os, "fchmod") and stat.S_IMODE(st.st_mode) != 0o700:
            os.fchmod(fd, 0o700)
    finally:
        os.close(fd)
