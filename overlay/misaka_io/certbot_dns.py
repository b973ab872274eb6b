"""The certbot DNS plugin ``dns-misaka``: DNS-01 challenges answered in Misaka DNS.

Install it with ``pip install 'misaka-io[certbot]'`` beside certbot; certbot finds it through
the ``certbot.plugins`` entry point. It is certbot's own ``DNSAuthenticator``: the credentials
INI file (``--dns-misaka-credentials``) is read and its permissions checked as certbot checks
every plugin's, ``--dns-misaka-propagation-seconds`` sets the wait. The INI holds
``dns_misaka_api_token`` and, optionally, ``dns_misaka_base_url``.

Each challenge adds its own TXT value with ``DnsRecords.add`` and removes only that value with
``DnsRecords.remove``, so a certificate for ``example.net`` and ``*.example.net`` (two values on
one name) and other writers on the same name keep what is theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from certbot import errors
from certbot.plugins import dns_common

from misaka_io._client import Misaka
from misaka_io._exceptions import MisakaError
from misaka_io.dns_records import DnsRecords

__all__ = ["Authenticator"]

# A real DNS answer takes this long to reach every one of Misaka's nameservers (a guess on the
# safe side; set --dns-misaka-propagation-seconds to change it).
PROPAGATION_SECONDS = 60


class Authenticator(dns_common.DNSAuthenticator):
    """DNS Authenticator for Misaka.io: adds and removes the challenge's TXT value."""

    description = "Obtain certificates using a DNS TXT record in Misaka.io DNS."

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.credentials: dns_common.CredentialsConfiguration | None = None
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

    def _dns(self) -> DnsRecords:
        if self._records is None:
            assert self.credentials is not None, "perform() sets the credentials up first"
            client = Misaka(
                api_token=self.credentials.conf("api_token"),
                base_url=self.credentials.conf("base_url") or None,
            )
            self._records = DnsRecords(client)
        return self._records

    def _perform(self, domain: str, validation_name: str, validation: str) -> None:
        try:
            self._dns().add(validation_name, "TXT", [validation], ttl=60)
        except MisakaError as error:
            raise errors.PluginError(f"Misaka.io: adding the TXT record failed: {error}") from None

    def _cleanup(self, domain: str, validation_name: str, validation: str) -> None:
        try:
            self._dns().remove(validation_name, "TXT", [validation])
        except MisakaError as error:
            raise errors.PluginError(
                f"Misaka.io: removing the TXT record failed: {error}"
            ) from None
