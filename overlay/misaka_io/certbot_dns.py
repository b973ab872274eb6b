"""The certbot DNS plugin ``dns-misaka``: DNS-01 challenges answered in Misaka DNS.

Install it with ``pip install 'misaka-io[certbot]'`` beside certbot; certbot finds it through
the ``certbot.plugins`` entry point. It is certbot's own ``DNSAuthenticator``: the credentials
INI file (``--dns-misaka-credentials``) is read and its permissions checked as certbot checks
every plugin's, ``--dns-misaka-propagation-seconds`` sets the wait. The INI holds
``dns_misaka_api_token`` and, optionally, ``dns_misaka_base_url``, ``dns_misaka_dns_base``
(the DNS operations' base path, ``/dns``) and ``dns_misaka_lock_url`` (the Redis that writers
on several machines share); certbot saves the INI's path for renewals, so they keep them.

Each challenge adds its own TXT value with ``DnsRecords.add`` and removes only that value with
``DnsRecords.remove``, so a certificate for ``example.net`` and ``*.example.net`` (two values on
one name) and other writers on the same name keep what is theirs. A ``_acme-challenge`` name
that is a CNAME into another zone of the account is followed (``challenge_hop`` decides each
step, at most ``MAX_CNAME_HOPS`` names). A cleanup that fails is logged and the other
challenges are still cleaned up, as certbot's own DNS plugins do.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from certbot import configuration, errors
from certbot.plugins import dns_common

from misaka_io._acme import (
    MAX_CNAME_HOPS,
    ChallengeCnameError,
    Hop,
    challenge_hop,
    txt_name,
    zones_text,
)
from misaka_io._client import Misaka
from misaka_io._exceptions import (
    AuthenticationError,
    ConfigurationError,
    MisakaError,
    PermissionDeniedError,
)
from misaka_io._options import NOT_GIVEN
from misaka_io.dns_records import DnsRecords, ZoneNotFoundError

__all__ = ["MAX_CNAME_HOPS", "Authenticator", "ChallengeCnameError", "Hop", "challenge_hop"]

logger = logging.getLogger(__name__)

# A real DNS answer takes this long to reach every one of Misaka's nameservers (a guess on the
# safe side; set --dns-misaka-propagation-seconds to change it).
PROPAGATION_SECONDS = 60
TTL = 60


# ---- the decisions ------------------------------------------------------------------------------


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
            # The INI's lock_url; without one, $MISAKA_LOCK_URL as everywhere.
            lock_url = self.credentials.conf("lock_url") or NOT_GIVEN
            self._records = DnsRecords(client, lock_url=lock_url)
        return self._records

    def _txt_name(self, validation_name: str) -> str:
        """Where the TXT value goes: ``validation_name``, or the end of its CNAME chain."""
        return txt_name(self._dns(), validation_name)

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
