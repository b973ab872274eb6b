#!/usr/bin/env sh
# shellcheck disable=SC2034
dns_misaka_io_info='Misaka.io DNS, through the misaka command line of misaka-io
Site: misaka.io
Options:
 MISAKA_API_TOKEN API token. Optional with a profile. Misaka_Key (of the dns_misaka hook) is read too
 MISAKA_PROFILE Profile of the misaka config.toml (its token, base URL). Optional
 MISAKA_BASE_URL API base URL. Optional, default https://api.misaka.io
 MISAKA_CLI The misaka command. Optional, default misaka from PATH, saved as an absolute path
'

# An acme.sh DNS hook on top of `misaka dns record add|rm`, which find the zone of the name,
# create or append, and delete the recordset with its last value (both are idempotent).
# Install: copy into ~/.acme.sh/dnsapi/, then
#   MISAKA_API_TOKEN=... acme.sh --issue --dns dns_misaka_io -d example.com
# The first run saves what renewals need (the token, the profile, the base URL and the
# absolute path of misaka) in acme.sh's account config, so that `acme.sh --cron` works with
# cron's PATH (/usr/bin:/bin) and nothing else in the environment.

# Usage: dns_misaka_io_add _acme-challenge.www.example.com "txt-value"
dns_misaka_io_add() {
  fulldomain=$1
  txtvalue=$2
  _misaka_io_setup || return 1
  _info "Adding the TXT record of $fulldomain"
  if ! _misaka_io_run add "$fulldomain" "$txtvalue"; then
    _err "misaka could not add the TXT record of $fulldomain"
    return 1
  fi
  return 0
}

# Usage: dns_misaka_io_rm _acme-challenge.www.example.com "txt-value"
dns_misaka_io_rm() {
  fulldomain=$1
  txtvalue=$2
  _misaka_io_setup || return 1
  _info "Removing the TXT record of $fulldomain"
  if ! _misaka_io_run rm "$fulldomain" "$txtvalue"; then
    _err "misaka could not remove the TXT record of $fulldomain"
    return 1
  fi
  return 0
}

####################  Private functions below ##################################

# Reads the settings (the environment first, then acme.sh's account config) and saves them
# for renewals. The token may also be Misaka_Key, the variable of acme.sh's own dns_misaka
# hook, which existing users already have saved; without any token, misaka uses the token of
# its profile (MISAKA_PROFILE, else its default one) in config.toml.
_misaka_io_setup() {
  MISAKA_API_TOKEN="${MISAKA_API_TOKEN:-${Misaka_Key:-$(_readaccountconf_mutable MISAKA_API_TOKEN)}}"
  MISAKA_API_TOKEN="${MISAKA_API_TOKEN:-$(_readaccountconf_mutable Misaka_Key)}"
  MISAKA_PROFILE="${MISAKA_PROFILE:-$(_readaccountconf_mutable MISAKA_PROFILE)}"
  MISAKA_BASE_URL="${MISAKA_BASE_URL:-$(_readaccountconf_mutable MISAKA_BASE_URL)}"
  MISAKA_CLI="${MISAKA_CLI:-$(_readaccountconf_mutable MISAKA_CLI)}"
  _misaka_io_absolute || return 1
  if [ -n "$MISAKA_API_TOKEN" ]; then
    _saveaccountconf_mutable MISAKA_API_TOKEN "$MISAKA_API_TOKEN"
  else
    _info "No MISAKA_API_TOKEN or Misaka_Key: misaka uses the token of its profile ${MISAKA_PROFILE:-default}"
  fi
  if [ -n "$MISAKA_BASE_URL" ]; then
    _saveaccountconf_mutable MISAKA_BASE_URL "$MISAKA_BASE_URL"
  fi
  if [ -n "$MISAKA_PROFILE" ]; then
    _saveaccountconf_mutable MISAKA_PROFILE "$MISAKA_PROFILE"
  fi
  _saveaccountconf_mutable MISAKA_CLI "$MISAKA_CLI"
  return 0
}

# Makes the first word of MISAKA_CLI (default misaka) an absolute path: from PATH, else from
# ~/.local/bin (where pipx and pip --user put it). MISAKA_CLI may be several words
# ("python3 -m misaka_io").
_misaka_io_absolute() {
  _misaka_io_cmd="${MISAKA_CLI:-misaka}"
  _misaka_io_first="${_misaka_io_cmd%% *}"
  _misaka_io_rest="${_misaka_io_cmd#"$_misaka_io_first"}"
  case "$_misaka_io_first" in
    /*) return 0 ;;
  esac
  _misaka_io_path="$(command -v "$_misaka_io_first" 2>/dev/null)"
  case "$_misaka_io_path" in
    /*) ;;
    *)
      _misaka_io_path="$HOME/.local/bin/$_misaka_io_first"
      if [ ! -x "$_misaka_io_path" ]; then
        _err "$_misaka_io_first is not on PATH: install misaka-io, or set MISAKA_CLI to the absolute path of misaka"
        return 1
      fi
      ;;
  esac
  MISAKA_CLI="$_misaka_io_path$_misaka_io_rest"
  return 0
}

# Usage: _misaka_io_run add|rm fulldomain txtvalue
_misaka_io_run() {
  _debug "Running $MISAKA_CLI dns record $1 $2 TXT"
  # An empty MISAKA_API_TOKEN or MISAKA_BASE_URL means the profile's, else the default.
  # MISAKA_CLI may be several words, hence unquoted. "--": a challenge value may start with
  # "-" (base64url), and must not read as an option.
  MISAKA_API_TOKEN="$MISAKA_API_TOKEN" MISAKA_BASE_URL="$MISAKA_BASE_URL" \
    MISAKA_PROFILE="$MISAKA_PROFILE" \
    $MISAKA_CLI --output json dns record "$1" -- "$2" TXT "$3" >/dev/null
}
