"""Where a dns-01 challenge's TXT value goes: ``_acme-challenge.<domain>``, or the end of its
CNAME chain when that name is delegated into another zone of the account.

``challenge_hop`` decides each step without I/O (a target outside the account's zones, a loop
or a chain longer than ``MAX_CNAME_HOPS`` names is a ``ChallengeCnameError`` saying what to
fix); ``txt_name`` reads the CNAMEs with ``DnsRecords``. The certbot plugin and the
``misaka acme`` hooks both write there.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from misaka_io._dns_plans import DnsInputError, ZoneNotFoundError, normalise_fqdn, zone_for
from misaka_io._exceptions import MisakaError

if TYPE_CHECKING:
    from misaka_io.dns_records import DnsRecords

__all__ = ["MAX_CNAME_HOPS", "ChallengeCnameError", "Hop", "challenge_hop", "txt_name"]

log = logging.getLogger("misaka_io")

# The most names a challenge's CNAME chain may have, the challenge's own name included.
MAX_CNAME_HOPS = 8
# The most zones an error lists (the account may hold thousands).
ZONES_SHOWN = 10


class ChallengeCnameError(MisakaError, LookupError):
    """A challenge's ``_acme-challenge`` CNAME chain that cannot be followed: its target is
    in no zone of the account, it loops, or it is longer than ``MAX_CNAME_HOPS``."""


@dataclass(frozen=True)
class Hop:
    """The next step in finding where a challenge's TXT value goes: read ``name``'s CNAME
    next, or (``final``) write the value at ``name``."""

    name: str
    final: bool


def challenge_hop(chain: Sequence[str], cname: str | None, zones: Iterable[str]) -> Hop:
    """Where a dns-01 challenge's TXT value goes, one CNAME at a time.

    ``chain``: the names read so far, the challenge's own (``_acme-challenge.<domain>``)
    first; ``cname``: the CNAME value read at the last of them (None: it has none);
    ``zones``: the account's zones. Without a CNAME the value goes at the last name; with one,
    its target (a full name, as the API stores names) is the next name to read, when it is in
    one of ``zones``. ``ChallengeCnameError`` for a target in none of them, a loop, or a
    chain longer than ``MAX_CNAME_HOPS`` names. Pure: the reads are the caller's.
    """
    here = normalise_fqdn(chain[-1])
    if cname is None:
        return Hop(here, final=True)
    first = normalise_fqdn(chain[0])
    try:
        there = normalise_fqdn(cname)
    except DnsInputError:
        raise ChallengeCnameError(
            f"{here} is a CNAME to {cname!r}, which is not a full domain name: fix or remove "
            f"that CNAME, or publish the TXT value of {first} yourself"
        ) from None
    if there in (normalise_fqdn(name) for name in chain):
        path = " -> ".join([*chain, there])
        raise ChallengeCnameError(f"the CNAME chain of {first} loops ({path}): fix it")
    if len(chain) >= MAX_CNAME_HOPS:
        raise ChallengeCnameError(
            f"the CNAME chain of {first} has more than {MAX_CNAME_HOPS} names "
            f"({' -> '.join(chain)} -> ...): point its CNAME nearer to where the TXT value goes"
        )
    zone_list = list(zones)
    try:
        zone_for(there, zone_list)
    except ZoneNotFoundError:
        raise ChallengeCnameError(
            f"{here} is a CNAME to {there}, which is in no zone of this Misaka.io account "
            f"({zones_text(zone_list)}): the TXT value of {first} must go there, so publish it "
            f"with the DNS provider of {there}, or point the CNAME into one of these zones"
        ) from None
    return Hop(there, final=False)


def zones_text(zones: Sequence[str]) -> str:
    """The account's zones for a message, at most ``ZONES_SHOWN`` of them."""
    if not zones:
        return "it has no DNS zones"
    shown = ", ".join(sorted(zones)[:ZONES_SHOWN])
    more = len(zones) - ZONES_SHOWN
    return f"its zones: {shown}" + (f" and {more} more" if more > 0 else "")


def txt_name(records: DnsRecords, validation_name: str) -> str:
    """Where the TXT value of the challenge at ``validation_name`` goes, following its CNAME
    chain through the account's zones (one read per name)."""
    zones = records.zones()
    chain = [normalise_fqdn(validation_name)]
    while True:
        found = records.get(records.target(chain[-1], "CNAME"))
        cname = found.records[0].value if found is not None and found.records else None
        hop = challenge_hop(chain, cname, zones)
        if hop.final:
            return hop.name
        log.info("%s is a CNAME to %s: following it", chain[-1], hop.name)
        chain.append(hop.name)
