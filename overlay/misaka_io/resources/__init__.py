"""The facade: every operation of the spec, a module per tag (generated; do not edit).

``SyncResources``/``AsyncResources`` are mixed into the clients; the
``...WithRawResponse`` groups are what ``client.with_raw_response`` returns. A tag's
module is imported at the first use of ``client.<tag>`` (``Group``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from misaka_io._resource import Group

if TYPE_CHECKING:
    from misaka_io.resources.account import (
        AccountResource,
        AccountResourceWithRawResponse,
        AsyncAccountResource,
        AsyncAccountResourceWithRawResponse,
    )
    from misaka_io.resources.cross_connects import (
        AsyncCrossConnectsResource,
        AsyncCrossConnectsResourceWithRawResponse,
        CrossConnectsResource,
        CrossConnectsResourceWithRawResponse,
    )
    from misaka_io.resources.devices import (
        AsyncDevicesResource,
        AsyncDevicesResourceWithRawResponse,
        DevicesResource,
        DevicesResourceWithRawResponse,
    )
    from misaka_io.resources.dns import (
        AsyncDnsResource,
        AsyncDnsResourceWithRawResponse,
        DnsResource,
        DnsResourceWithRawResponse,
    )
    from misaka_io.resources.events import (
        AsyncEventsResource,
        AsyncEventsResourceWithRawResponse,
        EventsResource,
        EventsResourceWithRawResponse,
    )
    from misaka_io.resources.ip_announcements import (
        AsyncIpAnnouncementsResource,
        AsyncIpAnnouncementsResourceWithRawResponse,
        IpAnnouncementsResource,
        IpAnnouncementsResourceWithRawResponse,
    )
    from misaka_io.resources.lighthouse import (
        AsyncLighthouseResource,
        AsyncLighthouseResourceWithRawResponse,
        LighthouseResource,
        LighthouseResourceWithRawResponse,
    )
    from misaka_io.resources.misc import (
        AsyncMiscResource,
        AsyncMiscResourceWithRawResponse,
        MiscResource,
        MiscResourceWithRawResponse,
    )
    from misaka_io.resources.ports import (
        AsyncPortsResource,
        AsyncPortsResourceWithRawResponse,
        PortsResource,
        PortsResourceWithRawResponse,
    )
    from misaka_io.resources.services import (
        AsyncServicesResource,
        AsyncServicesResourceWithRawResponse,
        ServicesResource,
        ServicesResourceWithRawResponse,
    )
    from misaka_io.resources.session import (
        AsyncSessionResource,
        AsyncSessionResourceWithRawResponse,
        SessionResource,
        SessionResourceWithRawResponse,
    )
    from misaka_io.resources.shield import (
        AsyncShieldResource,
        AsyncShieldResourceWithRawResponse,
        ShieldResource,
        ShieldResourceWithRawResponse,
    )
    from misaka_io.resources.teams import (
        AsyncTeamsResource,
        AsyncTeamsResourceWithRawResponse,
        TeamsResource,
        TeamsResourceWithRawResponse,
    )

TAGS = (
    "account",
    "cross_connects",
    "devices",
    "dns",
    "events",
    "ip_announcements",
    "lighthouse",
    "misc",
    "ports",
    "services",
    "session",
    "shield",
    "teams",
)


class SyncResources:
    """The tag groups, as attributes of the client."""

    _resources_client: Any

    account: Group[AccountResource] = Group("account", "AccountResource")
    cross_connects: Group[CrossConnectsResource] = Group("cross_connects", "CrossConnectsResource")
    devices: Group[DevicesResource] = Group("devices", "DevicesResource")
    dns: Group[DnsResource] = Group("dns", "DnsResource")
    events: Group[EventsResource] = Group("events", "EventsResource")
    ip_announcements: Group[IpAnnouncementsResource] = Group(
        "ip_announcements", "IpAnnouncementsResource"
    )
    lighthouse: Group[LighthouseResource] = Group("lighthouse", "LighthouseResource")
    misc: Group[MiscResource] = Group("misc", "MiscResource")
    ports: Group[PortsResource] = Group("ports", "PortsResource")
    services: Group[ServicesResource] = Group("services", "ServicesResource")
    session: Group[SessionResource] = Group("session", "SessionResource")
    shield: Group[ShieldResource] = Group("shield", "ShieldResource")
    teams: Group[TeamsResource] = Group("teams", "TeamsResource")

    def _init_resources(self, client: Any) -> None:
        self._resources_client = client
        for tag in TAGS:  # a copy of a client builds its own groups
            self.__dict__.pop(tag, None)


class SyncResourcesWithRawResponse:
    """The tag groups, returning ``APIResponse``."""

    account: Group[AccountResourceWithRawResponse] = Group("account", "AccountResource", raw=True)
    cross_connects: Group[CrossConnectsResourceWithRawResponse] = Group(
        "cross_connects", "CrossConnectsResource", raw=True
    )
    devices: Group[DevicesResourceWithRawResponse] = Group("devices", "DevicesResource", raw=True)
    dns: Group[DnsResourceWithRawResponse] = Group("dns", "DnsResource", raw=True)
    events: Group[EventsResourceWithRawResponse] = Group("events", "EventsResource", raw=True)
    ip_announcements: Group[IpAnnouncementsResourceWithRawResponse] = Group(
        "ip_announcements", "IpAnnouncementsResource", raw=True
    )
    lighthouse: Group[LighthouseResourceWithRawResponse] = Group(
        "lighthouse", "LighthouseResource", raw=True
    )
    misc: Group[MiscResourceWithRawResponse] = Group("misc", "MiscResource", raw=True)
    ports: Group[PortsResourceWithRawResponse] = Group("ports", "PortsResource", raw=True)
    services: Group[ServicesResourceWithRawResponse] = Group(
        "services", "ServicesResource", raw=True
    )
    session: Group[SessionResourceWithRawResponse] = Group("session", "SessionResource", raw=True)
    shield: Group[ShieldResourceWithRawResponse] = Group("shield", "ShieldResource", raw=True)
    teams: Group[TeamsResourceWithRawResponse] = Group("teams", "TeamsResource", raw=True)

    def __init__(self, client: Any) -> None:
        self._resources_client = client


class AsyncResources:
    """The tag groups, as attributes of the client."""

    _resources_client: Any

    account: Group[AsyncAccountResource] = Group("account", "AsyncAccountResource")
    cross_connects: Group[AsyncCrossConnectsResource] = Group(
        "cross_connects", "AsyncCrossConnectsResource"
    )
    devices: Group[AsyncDevicesResource] = Group("devices", "AsyncDevicesResource")
    dns: Group[AsyncDnsResource] = Group("dns", "AsyncDnsResource")
    events: Group[AsyncEventsResource] = Group("events", "AsyncEventsResource")
    ip_announcements: Group[AsyncIpAnnouncementsResource] = Group(
        "ip_announcements", "AsyncIpAnnouncementsResource"
    )
    lighthouse: Group[AsyncLighthouseResource] = Group("lighthouse", "AsyncLighthouseResource")
    misc: Group[AsyncMiscResource] = Group("misc", "AsyncMiscResource")
    ports: Group[AsyncPortsResource] = Group("ports", "AsyncPortsResource")
    services: Group[AsyncServicesResource] = Group("services", "AsyncServicesResource")
    session: Group[AsyncSessionResource] = Group("session", "AsyncSessionResource")
    shield: Group[AsyncShieldResource] = Group("shield", "AsyncShieldResource")
    teams: Group[AsyncTeamsResource] = Group("teams", "AsyncTeamsResource")

    def _init_resources(self, client: Any) -> None:
        self._resources_client = client
        for tag in TAGS:  # a copy of a client builds its own groups
            self.__dict__.pop(tag, None)


class AsyncResourcesWithRawResponse:
    """The tag groups, returning ``APIResponse``."""

    account: Group[AsyncAccountResourceWithRawResponse] = Group(
        "account", "AsyncAccountResource", raw=True
    )
    cross_connects: Group[AsyncCrossConnectsResourceWithRawResponse] = Group(
        "cross_connects", "AsyncCrossConnectsResource", raw=True
    )
    devices: Group[AsyncDevicesResourceWithRawResponse] = Group(
        "devices", "AsyncDevicesResource", raw=True
    )
    dns: Group[AsyncDnsResourceWithRawResponse] = Group("dns", "AsyncDnsResource", raw=True)
    events: Group[AsyncEventsResourceWithRawResponse] = Group(
        "events", "AsyncEventsResource", raw=True
    )
    ip_announcements: Group[AsyncIpAnnouncementsResourceWithRawResponse] = Group(
        "ip_announcements", "AsyncIpAnnouncementsResource", raw=True
    )
    lighthouse: Group[AsyncLighthouseResourceWithRawResponse] = Group(
        "lighthouse", "AsyncLighthouseResource", raw=True
    )
    misc: Group[AsyncMiscResourceWithRawResponse] = Group("misc", "AsyncMiscResource", raw=True)
    ports: Group[AsyncPortsResourceWithRawResponse] = Group("ports", "AsyncPortsResource", raw=True)
    services: Group[AsyncServicesResourceWithRawResponse] = Group(
        "services", "AsyncServicesResource", raw=True
    )
    session: Group[AsyncSessionResourceWithRawResponse] = Group(
        "session", "AsyncSessionResource", raw=True
    )
    shield: Group[AsyncShieldResourceWithRawResponse] = Group(
        "shield", "AsyncShieldResource", raw=True
    )
    teams: Group[AsyncTeamsResourceWithRawResponse] = Group("teams", "AsyncTeamsResource", raw=True)

    def __init__(self, client: Any) -> None:
        self._resources_client = client
