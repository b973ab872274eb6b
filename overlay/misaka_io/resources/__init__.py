"""The facade: every operation of the spec, a module per tag (generated; do not edit).

``SyncResources``/``AsyncResources`` are mixed into the clients; the
``...WithRawResponse`` groups are what ``client.with_raw_response`` returns."""

from __future__ import annotations

from typing import Any

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


class SyncResources:
    """The tag groups, as attributes of the client."""

    account: AccountResource
    cross_connects: CrossConnectsResource
    devices: DevicesResource
    dns: DnsResource
    events: EventsResource
    ip_announcements: IpAnnouncementsResource
    lighthouse: LighthouseResource
    misc: MiscResource
    ports: PortsResource
    services: ServicesResource
    session: SessionResource
    shield: ShieldResource
    teams: TeamsResource

    def _init_resources(self, client: Any) -> None:
        self.account = AccountResource(client)
        self.cross_connects = CrossConnectsResource(client)
        self.devices = DevicesResource(client)
        self.dns = DnsResource(client)
        self.events = EventsResource(client)
        self.ip_announcements = IpAnnouncementsResource(client)
        self.lighthouse = LighthouseResource(client)
        self.misc = MiscResource(client)
        self.ports = PortsResource(client)
        self.services = ServicesResource(client)
        self.session = SessionResource(client)
        self.shield = ShieldResource(client)
        self.teams = TeamsResource(client)


class SyncResourcesWithRawResponse:
    """The tag groups, returning ``APIResponse``."""

    def __init__(self, client: Any) -> None:
        self.account = AccountResourceWithRawResponse(AccountResource(client))
        self.cross_connects = CrossConnectsResourceWithRawResponse(CrossConnectsResource(client))
        self.devices = DevicesResourceWithRawResponse(DevicesResource(client))
        self.dns = DnsResourceWithRawResponse(DnsResource(client))
        self.events = EventsResourceWithRawResponse(EventsResource(client))
        self.ip_announcements = IpAnnouncementsResourceWithRawResponse(
            IpAnnouncementsResource(client)
        )
        self.lighthouse = LighthouseResourceWithRawResponse(LighthouseResource(client))
        self.misc = MiscResourceWithRawResponse(MiscResource(client))
        self.ports = PortsResourceWithRawResponse(PortsResource(client))
        self.services = ServicesResourceWithRawResponse(ServicesResource(client))
        self.session = SessionResourceWithRawResponse(SessionResource(client))
        self.shield = ShieldResourceWithRawResponse(ShieldResource(client))
        self.teams = TeamsResourceWithRawResponse(TeamsResource(client))


class AsyncResources:
    """The tag groups, as attributes of the client."""

    account: AsyncAccountResource
    cross_connects: AsyncCrossConnectsResource
    devices: AsyncDevicesResource
    dns: AsyncDnsResource
    events: AsyncEventsResource
    ip_announcements: AsyncIpAnnouncementsResource
    lighthouse: AsyncLighthouseResource
    misc: AsyncMiscResource
    ports: AsyncPortsResource
    services: AsyncServicesResource
    session: AsyncSessionResource
    shield: AsyncShieldResource
    teams: AsyncTeamsResource

    def _init_resources(self, client: Any) -> None:
        self.account = AsyncAccountResource(client)
        self.cross_connects = AsyncCrossConnectsResource(client)
        self.devices = AsyncDevicesResource(client)
        self.dns = AsyncDnsResource(client)
        self.events = AsyncEventsResource(client)
        self.ip_announcements = AsyncIpAnnouncementsResource(client)
        self.lighthouse = AsyncLighthouseResource(client)
        self.misc = AsyncMiscResource(client)
        self.ports = AsyncPortsResource(client)
        self.services = AsyncServicesResource(client)
        self.session = AsyncSessionResource(client)
        self.shield = AsyncShieldResource(client)
        self.teams = AsyncTeamsResource(client)


class AsyncResourcesWithRawResponse:
    """The tag groups, returning ``APIResponse``."""

    def __init__(self, client: Any) -> None:
        self.account = AsyncAccountResourceWithRawResponse(AsyncAccountResource(client))
        self.cross_connects = AsyncCrossConnectsResourceWithRawResponse(
            AsyncCrossConnectsResource(client)
        )
        self.devices = AsyncDevicesResourceWithRawResponse(AsyncDevicesResource(client))
        self.dns = AsyncDnsResourceWithRawResponse(AsyncDnsResource(client))
        self.events = AsyncEventsResourceWithRawResponse(AsyncEventsResource(client))
        self.ip_announcements = AsyncIpAnnouncementsResourceWithRawResponse(
            AsyncIpAnnouncementsResource(client)
        )
        self.lighthouse = AsyncLighthouseResourceWithRawResponse(AsyncLighthouseResource(client))
        self.misc = AsyncMiscResourceWithRawResponse(AsyncMiscResource(client))
        self.ports = AsyncPortsResourceWithRawResponse(AsyncPortsResource(client))
        self.services = AsyncServicesResourceWithRawResponse(AsyncServicesResource(client))
        self.session = AsyncSessionResourceWithRawResponse(AsyncSessionResource(client))
        self.shield = AsyncShieldResourceWithRawResponse(AsyncShieldResource(client))
        self.teams = AsyncTeamsResourceWithRawResponse(AsyncTeamsResource(client))
