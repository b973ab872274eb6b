"""The certbot plugin ``dns-misaka`` in process: certbot's own base test for DNS
authenticators (``dns_test_common.BaseAuthenticatorTest``) and its credentials-file helper,
against ``MisakaStub``; and the pure decision of where a challenge's TXT value goes
(``challenge_hop``). ``make e2e`` runs the plugin inside certbot against pebble."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from acme import challenges, messages
from certbot import achallenges, errors
from certbot.plugins import dns_test_common
from certbot.tests import acme_util
from certbot.tests import util as test_util

from misaka_io import Misaka
from misaka_io.certbot_dns import (
    MAX_CNAME_HOPS,
    Authenticator,
    ChallengeCnameError,
    Hop,
    challenge_hop,
)
from misaka_io.testing import MisakaStub
from tests.redis_support import free_port

DOMAIN = dns_test_common.DOMAIN  # example.com
CHALLENGE = f"_acme-challenge.{DOMAIN}"
DELEGATE_ZONE = "acme-delegate.net"
DELEGATED = f"_acme-challenge.{DOMAIN}.{DELEGATE_ZONE}"


def _achall(domain: str, chall: challenges.DNS01) -> achallenges.AnnotatedChallenge:
    return achallenges.KeyAuthorizationAnnotatedChallenge(
        challb=acme_util.chall_to_challb(chall, messages.STATUS_PENDING),
        identifier=messages.Identifier(typ=messages.IDENTIFIER_FQDN, value=domain),
        account_key=dns_test_common.KEY,
    )


# A certificate for the domain and its wildcard: two challenges of the same name (ACME's
# authorization of *.example.com is for example.com), two values on one TXT recordset.
ACHALLS = [_achall(DOMAIN, acme_util.DNS01), _achall(DOMAIN, acme_util.DNS01_2)]
VALUES = [a.validation(a.account_key) for a in ACHALLS]


class AuthenticatorTest(test_util.TempDirTestCase, dns_test_common.BaseAuthenticatorTest):
    """The plugin as certbot drives it: ``perform`` then ``cleanup``, the INI written with
    certbot's helper, every request going to an in-process stub."""

    def setUp(self) -> None:
        super().setUp()
        self.stub = MisakaStub()
        self.addCleanup(self.stub.close)
        self.stub.add_zone(DOMAIN)
        self.ini = str(Path(self.tempdir) / "misaka.ini")
        self.write_ini()
        self.auth = self.authenticator()

    def write_ini(self, **more: str) -> None:
        values = {"dns_misaka_api_token": self.stub.api_token, **more}
        dns_test_common.write(values, self.ini)

    def authenticator(self) -> Authenticator:
        namespace: Any = mock.MagicMock(
            dns_misaka_credentials=self.ini, dns_misaka_propagation_seconds=0
        )

        def client(**options: Any) -> Misaka:
            given = {k: v for k, v in options.items() if v is not None}
            return self.stub.client(max_retries=0, **given)

        return Authenticator(namespace, "dns-misaka", client_factory=client)

    def txt(self, name: str, zone: str = DOMAIN) -> set[str]:
        with self.stub.client() as client:
            found = [
                r
                for r in client.dns.list_recordsets(zone)
                if r.type_ == "TXT" and f"{r.name}.{zone}" == name
            ]
        return {v.value.strip('"') for r in found for v in r.records}

    def perform(self, achalls: list[achallenges.AnnotatedChallenge] = ACHALLS) -> None:
        with test_util.patch_display_util():
            self.auth.perform(achalls)

    def writes(self) -> list[str]:
        return [f"{r.method} {r.path}" for r in self.stub.requests if r.method != "GET"]

    # ---- cleanup -------------------------------------------------------------------------

    def test_perform_publishes_each_value_and_cleanup_removes_only_those(self) -> None:
        self.stub.add_recordset(DOMAIN, "_acme-challenge", "TXT", ["someone-else"])
        self.perform()
        assert self.txt(CHALLENGE) == {"someone-else", *VALUES}
        self.auth.cleanup(ACHALLS)
        assert self.txt(CHALLENGE) == {"someone-else"}

    def test_a_503_in_the_first_cleanup_is_logged_and_the_other_challenges_are_cleaned_up(
        self,
    ) -> None:
        self.perform()
        self.stub.fail_next(503)
        with self.assertLogs("misaka_io.certbot_dns", "WARNING") as logged:
            self.auth.cleanup(ACHALLS)  # raises nothing
        assert self.txt(CHALLENGE) == {VALUES[0]}  # the first stays, the second is gone
        (line,) = logged.output
        assert VALUES[0] in line and "503" in line
        assert f"misaka dns record rm {CHALLENGE} TXT {VALUES[0]}" in line

    def test_a_dropped_connection_in_cleanup_is_logged_and_cleanup_goes_on(self) -> None:
        self.perform()
        self.stub.drop_next()
        with self.assertLogs("misaka_io.certbot_dns", "WARNING") as logged:
            self.auth.cleanup(ACHALLS)
        assert self.txt(CHALLENGE) == {VALUES[0]}
        assert len(logged.output) == 1 and VALUES[0] in logged.output[0]

    # ---- the INI ----------------------------------------------------------------------------

    def test_the_dns_base_in_the_ini_sends_the_dns_operations_under_it(self) -> None:
        self.write_ini(dns_misaka_dns_base="/dns")
        self.perform()
        self.auth.cleanup(ACHALLS)
        paths = [r.path for r in self.stub.requests]
        assert paths and all(p.startswith("/dns/zones") for p in paths), paths
        assert self.txt(CHALLENGE) == set()

    def test_a_bad_dns_base_in_the_ini_is_an_error_naming_the_file(self) -> None:
        self.write_ini(dns_misaka_dns_base="dns/../x")
        with pytest.raises(errors.PluginError, match="dns_base_path") as caught:
            self.perform()
        assert self.ini in str(caught.value)
        assert self.stub.requests == []

    def test_the_lock_url_in_the_ini_is_the_lock_every_write_takes(self) -> None:
        closed = f"redis://:hush-1@127.0.0.1:{free_port()}/0"
        self.write_ini(dns_misaka_lock_url=closed)
        with pytest.raises(errors.PluginError, match=r"redis://:\*\*\*@") as caught:
            self.perform()
        assert "hush-1" not in str(caught.value)
        assert [r for r in self.stub.requests if r.method != "GET"] == []

    # ---- a delegated _acme-challenge ------------------------------------------------------

    def test_a_challenge_cname_into_another_zone_of_the_account_is_followed(self) -> None:
        self.stub.add_zone(DELEGATE_ZONE)
        self.stub.add_recordset(DOMAIN, "_acme-challenge", "CNAME", [DELEGATED + "."])
        self.perform()
        assert self.txt(DELEGATED, DELEGATE_ZONE) == set(VALUES)
        assert self.txt(CHALLENGE) == set()  # nothing beside the CNAME
        self.auth.cleanup(ACHALLS)
        assert self.txt(DELEGATED, DELEGATE_ZONE) == set()
        with self.stub.client() as client:  # the CNAME itself is left alone
            kept = client.dns.get_recordset(DOMAIN, "_acme-challenge", "CNAME")
        assert [v.value.rstrip(".") for v in kept.records] == [DELEGATED]

    def test_a_challenge_cname_out_of_the_account_is_a_clear_error_and_writes_nothing(
        self,
    ) -> None:
        self.stub.add_recordset(DOMAIN, "_acme-challenge", "CNAME", ["acme.elsewhere.org"])
        with pytest.raises(errors.PluginError) as caught:
            self.perform()
        message = str(caught.value)
        assert "acme.elsewhere.org" in message and "in no zone of this Misaka.io account" in message
        assert DOMAIN in message  # the zones it has
        assert self.writes() == []

    # ---- errors say what to check ---------------------------------------------------------

    def test_a_refused_token_names_the_credentials_file(self) -> None:
        self.write_ini(dns_misaka_api_token="not-the-token-of-any-account-000")
        with pytest.raises(errors.PluginError) as caught:
            self.perform()
        message = str(caught.value)
        assert "401" in message and self.ini in message and "dns_misaka_api_token" in message
        assert "not-the-token" not in message

    def test_a_forbidden_answer_names_the_credentials_file_too(self) -> None:
        self.stub.fail_next(403)
        with pytest.raises(errors.PluginError) as caught:
            self.perform()
        assert "403" in str(caught.value) and self.ini in str(caught.value)

    def test_a_domain_in_no_zone_lists_the_accounts_zones_bounded(self) -> None:
        for i in range(11):
            self.stub.add_zone(f"z{i:02}.example")
        with pytest.raises(errors.PluginError) as caught:
            self.perform([_achall("example.org", acme_util.DNS01)])
        message = str(caught.value)
        assert "no zone of this Misaka.io account holds example.org" in message
        assert "must be in one of them" in message
        assert "example.com" in message and "z08.example" in message and "2 more" in message
        assert "z10.example" not in message  # ten are listed, in order
        assert self.writes() == []


# ---- the decision: where a challenge's TXT value goes ------------------------------------------

ZONES = ("example.com", "acme-delegate.net", "sub.acme-delegate.net")


def test_without_a_cname_the_value_goes_at_the_challenge_name() -> None:
    assert challenge_hop([CHALLENGE + "."], None, ZONES) == Hop(CHALLENGE, final=True)


def test_a_cname_into_a_zone_of_the_account_is_the_next_name_to_read() -> None:
    hop = challenge_hop([CHALLENGE], "X.Sub.ACME-delegate.net.", ZONES)
    assert hop == Hop("x.sub.acme-delegate.net", final=False)
    assert challenge_hop([CHALLENGE, hop.name], None, ZONES) == Hop(hop.name, final=True)


def test_a_cname_out_of_the_accounts_zones_is_refused_naming_them() -> None:
    with pytest.raises(ChallengeCnameError, match=r"acme\.example\.org.*acme-delegate\.net"):
        challenge_hop([CHALLENGE], "acme.example.org", ZONES)


def test_a_cname_loop_is_refused() -> None:
    chain = [CHALLENGE, "a.acme-delegate.net"]
    with pytest.raises(ChallengeCnameError, match="loops"):
        challenge_hop(chain, CHALLENGE + ".", ZONES)


def test_a_chain_longer_than_the_limit_is_refused() -> None:
    chain = [f"n{i}.acme-delegate.net" for i in range(MAX_CNAME_HOPS)]
    assert challenge_hop(chain[:-1], chain[-1], ZONES).name == chain[-1]
    with pytest.raises(ChallengeCnameError, match=f"more than {MAX_CNAME_HOPS}"):
        challenge_hop(chain, "next.acme-delegate.net", ZONES)


def test_a_cname_that_is_no_full_name_is_refused() -> None:
    with pytest.raises(ChallengeCnameError, match="not a full domain name"):
        challenge_hop([CHALLENGE], "localhost", ZONES)
