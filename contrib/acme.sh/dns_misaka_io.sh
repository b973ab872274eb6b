#!/usr/bin/env sh
# shellcheck disable=SC2034
dns_misaka_io_info='Misaka.io DNS, through the misaka command line of misaka-io
Site: misaka.io
Options:
 MISAKA_API_TOKEN API token
 MISAKA_BASE_URL API base URL. Optional, default https://api.misaka.io
 MISAKA_CLI The misaka command. Optional, default misaka (from PATH)
'

# An acme.sh DNS hook on top of `misaka dns record add|rm`, which find the zone of the name,
# create or append, and delete the recordset with its last value (both are idempotent).
# Install: copy into ~/.acme.sh/dnsapi/, then
#   MISAKA_API_TOKEN=... acme.sh --issue --dns dns_misaka_io -d example.com

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
# for renewals.
_misaka_io_setup() {
  MISAKA_API_TOKEN="${MISAKA_API_TOKEN:-$(_readaccountconf_mutable MISAKA_API_TOKEN)}"
  MISAKA_BASE_URL="${MISAKA_BASE_URL:-$(_readaccountconf_mutable MISAKA_BASE_URL)}"
  MISAKA_CLI="${MISAKA_CLI:-$(_readaccountconf_mutable MISAKA_CLI)}"
  MISAKA_CLI="${MISAKA_CLI:-misaka}"
  if [ -z "$MISAKA_API_TOKEN" ]; then
    _err "MISAKA_API_TOKEN is not set: export your Misaka.io API token and try again"
    return 1
  fi
  _saveaccountconf_mutable MISAKA_API_TOKEN "$MISAKA_API_TOKEN"
  if [ -n "$MISAKA_BASE_URL" ]; then
    _saveaccountconf_mutable MISAKA_BASE_URL "$MISAKA_BASE_URL"
  fi
  _saveaccountconf_mutable MISAKA_CLI "$MISAKA_CLI"
  return 0
}

# Usage: _misaka_io_run add|rm fulldomain txtvalue
_misaka_io_run() {
  _debug "Running $MISAKA_CLI dns record $1 $2 TXT"
  # An empty MISAKA_BASE_URL means the default. MISAKA_CLI may be several words
  # ("python3 -m misaka_io"), hence unquoted. "--": a challenge value may start with "-"
  # (base64url), and must not read as an option.
  MISAKA_API_TOKEN="$MISAKA_API_TOKEN" MISAKA_BASE_URL="$MISAKA_BASE_URL" \
    $MISAKA_CLI --output json dns record "$1" -- "$2" TXT "$3" >/dev/null
}
