"""The certbot DNS plugin ``dns-misaka``: DNS-01 challenges answered in Misaka DNS.

Install it with ``pip install 'misaka-io[certbot]'`` beside certbot; certbot finds it through
the ``certbot.plugins`` entry point. It is certbot's own ``DNSAuthenticator``: the credentials
INI file (``--dns-misaka-credentials``) is read and its permissions checked as certbot checks
every plugin's, ``--dns-misaka-propagation-seconds`` sets the wait. The INI holds
``dns_misaka_api_token`` and, optionally, ``dns_misaka_base_url`` and ``dns_misaka_dns_base``
(the DNS operations' base path, ``/dns``); certbot saves the INI's path for renewals, so they
keep all three.

Each challenge adds its own TXT value with ``DnsRecords.add`` and removes only that value with
``DnsRecords.remove``, so a certificate for ``example.net`` and ``*.example.net`` (two values on
one name) and other writers on the same name keep what is theirs. A ``_acme-challenge`` name
that is a CNAME into another zone of the account is followed (``challenge_hop`` decides each
step, at most ``MAX_CNAME_HOPS`` names). A cleanup that fails is logged and the other
challenges are still cleaned up, as certbot's own DNS plugins do.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from certbot import configuration, errors
from certbot.plugins import dns_common

from misaka_io._client import Misaka
from misaka_io._exceptions import (
    AuthenticationError,
    ConfigurationError,
    MisakaError,
    PermissionDeniedError,
)
from misaka_io.dns_records import (
    DnsInputError,
    DnsRecords,
    ZoneNotFoundError,
    normalise_fqdn,
    zone_for,
)

__all__ = ["MAX_CNAME_HOPS", "Authenticator", "ChallengeCnameError", "Hop", "challenge_hop"]

logger = logging.getLogger(__name__)

# A real DNS answer takes this long to reach every one of Misaka's nameservers (a guess on the
# safe side; set --dns-misaka-propagation-seconds to change it).
PROPAGATION_SECONDS = 60
# The most names a challenge's CNAME chain may have, the challenge's own name included.
MAX_CNAME_HOPS = 8
# The most zones an error lists (the account may hold thousands).
ZONES_SHOWN = 10
TTL = 60


# ---- the decisions ------------------------------------------------------------------------------


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


def explain(error: MisakaError, domain: str, ini: str, zones: Sequence[str] | None) -> str:
    """What to check, for an error met while answering the challenge of ``domain``: the INI
    file and its token on 401 and 403, the account's ``zones`` when none holds the domain."""
    if isinstance(error, AuthenticationError | PermissionDeniedError):
        return (
            f"Misaka.io refused the API token (HTTP {error.status_code}): check "
            f"dns_misaka_api_token in the credentials INI file {ini}; the token must be valid, "
            "of the account that holds the domain's zone, and allowed to change its DNS "
            "(and dns_misaka_base_url, when set, must be that account's API)"
        )
    if isinstance(error, ZoneNotFoundError) and zones is not None:
        return (
            f"no zone of this Misaka.io account holds {domain} ({zones_text(zones)}): the "
            f"domain must be in one of them; add its zone to the account, or give in {ini} "
            "the token of the account that holds it"
        )
    if isinstance(error, ConfigurationError):
        return f"the credentials INI file {ini}: {error}"
    return str(error)


# ---- the plugin: the I/O ----------------------------------------------------------------------


class Authenticator(dns_common.DNSAuthenticator):
    """DNS Authenticator for Misaka.io: adds and removes the challenge's TXT value.

    ``client_factory``: what makes the client from the INI's settings (keyword arguments
    ``api_token``, ``base_url``, ``dns_base_path``); certbot leaves it at ``Misaka``, tests
    give one bound to a stub."""

    description = "Obtain certificates using a DNS TXT record in Misaka.io DNS."

    def __init__(
        self,
        config: configuration.NamespaceConfig,
        name: str,
        *,
        client_factory: Callable[..., Misaka] = Misaka,
    ) -> None:
        super().__init__(config, name)
        self.credentials: dns_common.CredentialsConfiguration | None = None
        self._client_factory = client_factory
        self._records: DnsRecords | None = None

    @classmethod
    def add_parser_arguments(
        cls, add: Callable[..., None], default_propagation_seconds: int = PROPAGATION_SECONDS
    ) -> None:
        super().add_parser_arguments(add, default_propagation_seconds)
        add("credentials", help="Misaka.io credentials INI file.")

    def more_info(self) -> str:
        return (
            "This plugin answers a dns-01 challenge with a TXT record in Misaka.io DNS, "
            "through the Misaka.io v3 API."
        )

    def _setup_credentials(self) -> None:
        self.credentials = self._configure_credentials(
            "credentials",
            "Misaka.io credentials INI file",
            {"api_token": "API token of the Misaka.io account"},
        )

    @property
    def _ini(self) -> str:
        return str(self.conf("credentials"))

    def _dns(self) -> DnsRecords:
        if self._records is None:
            assert self.credentials is not None, "perform() sets the credentials up first"
            client = self._client_factory(
                api_token=self.credentials.conf("api_token"),
                base_url=self.credentials.conf("base_url") or None,
                dns_base_path=self.credentials.conf("dns_base") or None,
            )
            self._records = DnsRecords(client)
        return self._records

    def _txt_name(self, validation_name: str) -> str:
        """Where the TXT value goes: ``validation_name``, or the end of its CNAME chain."""
        records = self._dns()
        zones = records.zones()
        chain = [normalise_fqdn(validation_name)]
        while True:
            found = records.get(records.target(chain[-1], "CNAME"))
            cname = found.records[0].value if found is not None and found.records else None
            hop = challenge_hop(chain, cname, zones)
            if hop.final:
                return hop.name
            logger.info("%s is a CNAME to %s: following it", chain[-1], hop.name)
            chain.append(hop.name)

    def _explain(self, error: MisakaError, domain: str) -> str:
        zones = None
        if isinstance(error, ZoneNotFoundError) and self._records is not None:
            zones = self._records.zones()  # listed already, before the zone was looked for
        return explain(error, domain, self._ini, zones)

    def _perform(self, domain: str, validation_name: str, validation: str) -> None:
        try:
            name = self._txt_name(validation_name)
            self._dns().add(name, "TXT", [validation], ttl=TTL)
        except MisakaError as error:
            raise errors.PluginError(
                f"Misaka.io: adding the TXT record of {domain} failed: "
                f"{self._explain(error, domain)}"
            ) from None

    def _cleanup(self, domain: str, validation_name: str, validation: str) -> None:
        """Remove the challenge's value; a failure is logged, never raised, so that certbot
        goes on to clean up the other challenges."""
        name = validation_name
        try:
            name = self._txt_name(validation_name)
            self._dns().remove(name, "TXT", [validation])
        except MisakaError as error:
            logger.warning(
                "Misaka.io: removing the TXT value %s of %s failed, so it may still be "
                "published: %s. Remove it later with: misaka dns record rm %s TXT %s",
                validation,
                domain,
                self._explain(error, domain),
                name,
                validation,
            )
