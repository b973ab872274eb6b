"""Where the command line's settings come from: flags, then the environment, then a profile
of the config file (``config.toml`` in the user's config directory), then defaults. A
``--profile`` given on the command line beats the environment, as in the AWS CLI: its
settings come before the environment's, and no credential of the environment is used with
it (the profile's own token, else its session: ``App`` makes the client with
``credentials_from_env=False``). Each setting remembers where it came from
(``CliSettings.sources``), for ``misaka whoami``.

The config file holds one table per profile (``[default]``, ``[staging]``, ...) with the keys
of ``KEYS``. The session of each profile is kept (mode 0600) beside it in ``sessions/``.
``misaka configure`` (``_configure``) writes the file, through the checks made here.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import click
import msgspec

from misaka_io._files import UntrustedFile, others, read_trusted

ENV_CONFIG_DIR = "MISAKA_CONFIG_DIR"
ENV_PROFILE = "MISAKA_PROFILE"
DEFAULT_PROFILE = "default"
MAX_CONFIG_BYTES = 1024 * 1024
OUTPUTS = ("table", "json", "yaml")
# setting -> (environment variable, type)
KEYS: dict[str, tuple[str, type]] = {
    "base_url": ("MISAKA_BASE_URL", str),
    "api_token": ("MISAKA_API_TOKEN", str),
    "email": ("MISAKA_EMAIL", str),
    "output": ("MISAKA_OUTPUT", str),
    "timeout": ("MISAKA_TIMEOUT", float),
    "dns_base": ("MISAKA_DNS_BASE", str),
    "lock_url": ("MISAKA_LOCK_URL", str),
}


class SettingsError(click.ClickException):
    """A setting, profile or config file the command cannot use: exit 2, nothing sent (and
    no pointer to the command's help, which is not where the fix is)."""

    exit_code = 2


class CliSettings(msgspec.Struct, frozen=True, kw_only=True):
    """The resolved settings; ``repr`` (and Rich's pretty printer) never shows the API
    token."""

    profile: str
    config_dir: Path
    base_url: str | None = None
    api_token: str | None = None
    email: str | None = None
    output: str | None = None
    timeout: float | None = None
    dns_base: str | None = None  # where DNS operations go instead of /v3/dns (e.g. /dns)
    lock_url: str | None = None  # the Redis DNS writers on several machines share
    sources: dict[str, str] = msgspec.field(default_factory=dict)  # setting -> where from

    def __rich_repr__(self) -> list[tuple[str, Any]]:
        shown = (f for f in self.__struct_fields__ if f != "api_token")
        return [(name, self._shown(name)) for name in shown]

    def _shown(self, name: str) -> Any:
        """A setting as a repr may show it: a lock URL's password masked."""
        value = getattr(self, name)
        if name == "lock_url" and value is not None:
            from misaka_io._shared_lock import shown

            return shown(value)
        return value

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in self.__rich_repr__())
        return f"CliSettings({fields})"

    @property
    def session_path(self) -> Path:
        return self.config_dir / "sessions" / f"{self.profile}.json"


def config_dir() -> Path:
    override = os.environ.get(ENV_CONFIG_DIR)
    return Path(override) if override else Path(click.get_app_dir("misaka-io"))


def _read_profiles(path: Path) -> dict[str, Any]:
    """The config file's tables, once it is known to be yours, written by you alone, and, if
    it holds an API token, read by you alone."""
    try:
        found = read_trusted(
            path, "the config file", limit=MAX_CONFIG_BYTES, hint=f"set {ENV_CONFIG_DIR}"
        )
    except UntrustedFile as exc:
        raise SettingsError(str(exc)) from None
    if found is None:
        return {}
    raw, mode = found
    if len(raw) > MAX_CONFIG_BYTES:
        raise SettingsError(f"cannot read {path}: larger than {MAX_CONFIG_BYTES} bytes")
    import tomllib  # only when there is a file to read: most commands run without one

    try:
        profiles = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"cannot read {path}: {exc}") from None
    except RecursionError:  # arrays or inline tables nested thousands deep
        raise SettingsError(f"cannot read {path}: it is nested too deeply") from None
    readers = others(mode)
    tokens = [n for n, t in profiles.items() if isinstance(t, dict) and "api_token" in t]
    if tokens and readers:
        raise SettingsError(
            f"{path} holds an API token ([{tokens[0]}]) and is readable by {readers} "
            f"(mode {mode:#o}); run chmod 600 on it"
        )
    return profiles


def _profile(path: Path, name: str, explicit: bool) -> dict[str, Any]:
    every = _read_profiles(path)
    table = every.get(name)
    if table is None:
        if explicit:
            known = ", ".join(sorted(every)) or "none"
            raise SettingsError(
                f"no profile [{name}] in {path} (its profiles: {known}); "
                f"`misaka configure --profile {name}` writes one"
            )
        return {}
    if not isinstance(table, dict):
        raise SettingsError(f"[{name}] in {path} is not a table")
    unknown = set(table) - set(KEYS)
    if unknown:
        raise SettingsError(f"unknown setting(s) in [{name}] of {path}: {sorted(unknown)}")
    return table


def _convert(key: str, value: Any, source: str) -> Any:
    kind = KEYS[key][1]
    try:
        converted = kind(value)
    except (TypeError, ValueError):
        raise SettingsError(f"{key} from {source} must be a {kind.__name__}") from None
    if key == "output" and converted not in OUTPUTS:
        raise SettingsError(f"output from {source} must be one of {', '.join(OUTPUTS)}")
    return converted


def config_path() -> Path:
    return config_dir() / "config.toml"


def profiles(path: Path) -> dict[str, Any]:
    """Every profile of the config file, with the checks of the command's own reading (for
    ``misaka configure``)."""
    return _read_profiles(path)


def profile_name(profile: str | None) -> tuple[str, bool]:
    """The profile in use (``--profile``, else the environment, else the default), and
    whether it was named (a named profile must exist)."""
    name = profile or os.environ.get(ENV_PROFILE) or DEFAULT_PROFILE
    if not re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}", name):
        raise SettingsError(f"profile {name!r}: use letters, digits, '_', '-' and '.'")
    return name, bool(profile or os.environ.get(ENV_PROFILE))


def convert(key: str, value: Any, source: str) -> Any:
    """A setting's value of its type, or a usage error naming where it came from."""
    return _convert(key, value, source)


# What a --profile on the command line takes from the environment: nothing that authenticates.
_NOT_WITH_PROFILE_FLAG = frozenset({"api_token"})


def _found(
    key: str, flags: dict[str, Any], stored: dict[str, Any], where: str, flag: bool
) -> tuple[Any, str] | None:
    """(value, source) of ``key`` from the first that has it, or None."""
    env = KEYS[key][0]
    from_flag = (flags.get(key), f"--{key.replace('_', '-')}")
    from_env = (os.environ.get(env) or None, env)
    from_profile = (stored.get(key), where)
    if flag:  # --profile on the command line: the profile before the environment
        order = [from_flag, from_profile] + ([] if key in _NOT_WITH_PROFILE_FLAG else [from_env])
    else:
        order = [from_flag, from_env, from_profile]
    return next(((v, source) for v, source in order if v is not None), None)


def resolve(profile: str | None, flags: dict[str, Any]) -> CliSettings:
    """Each setting from the first of: ``flags``, the environment, the profile (with
    ``profile`` given, the one named on the command line: ``flags``, the profile, the
    environment)."""
    directory = config_dir()
    name, explicit = profile_name(profile)
    path = directory / "config.toml"
    stored = _profile(path, name, explicit)
    where = f"[{name}] of {path}"
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for key in KEYS:
        found = _found(key, flags, stored, where, flag=profile is not None)
        if found is not None:
            values[key] = _convert(key, found[0], found[1])
            sources[key] = found[1]
    return CliSettings(profile=name, config_dir=directory, sources=sources, **values)
