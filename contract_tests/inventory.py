"""The operation inventory of misaka-api-facts.md section 1, as data.

(summary as in the newer docs menu, HTTP method, certainty). The spec tests check the spec
against it, and against the facts file itself when ``shared/reference`` sits beside the repo.
``RECORDED`` lists the calls of section 4b (recorded live traffic): those operations are
``recorded`` in the spec, whatever section 1 says.
"""

INVENTORY: tuple[tuple[str, str, str], ...] = (
    ("Change password", "post", "documented"),
    ("Confirm email", "post", "inferred"),
    ("Login with 2FA", "post", "inferred"),
    ("Login", "post", "documented"),
    ("Logout", "post", "inferred"),
    ("Refresh user token", "post", "documented"),
    ("Get current user token", "get", "inferred"),
    ("Get team members", "get", "inferred"),
    ("Get current available teams", "get", "inferred"),
    ("List devices", "get", "inferred"),
    ("Port info", "get", "inferred"),
    ("List ports", "get", "inferred"),
    ("Port transceiver metrics", "get", "inferred"),
    ("Port usage metrics", "get", "inferred"),
    ("List services", "get", "inferred"),
    ("List cross connects", "get", "inferred"),
    ("Create IP announcements", "post", "inferred"),
    ("Delete IP announcement", "delete", "inferred"),
    ("Get IP announcements", "get", "inferred"),
    ("Update IP announcement", "patch", "inferred"),
    ("Network Flow Timeseries", "post", "inferred"),
    ("Event Attachments", "get", "inferred"),
    ("Event Detail Related", "get", "inferred"),
    ("Event List All", "get", "inferred"),
    ("Event List Related", "get", "inferred"),
    ("Event List Related Timeseries", "get", "inferred"),
    ("Shield Rules List", "get", "inferred"),
    ("Shield Rules Update", "put", "inferred"),
    ("Timezone For Location", "get", "inferred"),
    ("Get Filter Keys", "get", "inferred"),
    ("Batch Update PTR Records", "post", "inferred"),
    ("Create RecordSet", "post", "corroborated"),
    ("Delete RecordSet", "delete", "corroborated"),
    ("Get RecordSet", "get", "corroborated"),
    ("Update RecordSet", "put", "corroborated"),
    ("Create Zone", "post", "inferred"),
    ("Delete Zone", "delete", "inferred"),
    ("Import Zone", "post", "inferred"),
    ("List Zones", "get", "corroborated"),
    ("Disable DNSSEC", "delete", "inferred"),
    ("Enable DNSSEC", "post", "inferred"),
    ("Get DNSSEC Configuration", "get", "inferred"),
    ("List Recordsets", "get", "corroborated"),
    ("Get Zone Settings", "get", "corroborated"),
    ("Update Zone Settings", "put", "inferred"),
)

# Operations that need no user: everything else must accept either auth scheme.
PUBLIC = frozenset({"login", "refresh_user_token", "login_with_2fa", "confirm_email"})

# Section 4b's calls (method, path under the older /dns base) and the operation each one is.
RECORDED: dict[tuple[str, str], str] = {
    ("get", "zones/{zone}/settings"): "get_zone_settings",
    ("get", "zones/{zone}/recordsets"): "list_recordsets",
    ("get", "zones/{zone}/recordsets/{name}/{type}"): "get_recordset",
    ("post", "zones/{zone}/recordsets/{name}/{type}"): "create_recordset",
    ("put", "zones/{zone}/recordsets/{name}/{type}"): "update_recordset",
    ("delete", "zones/{zone}/recordsets/{name}/{type}"): "delete_recordset",
}
