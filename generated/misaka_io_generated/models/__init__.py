"""The data models of the spec, a module each (misaka-io's template; do not edit the output).

A model's module is imported at the first use of its name (PEP 562), so that a program
loads only the models it uses; type checkers see every name (the imports under
``TYPE_CHECKING``).
"""

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .change_password_request import ChangePasswordRequest
    from .confirm_email_request import ConfirmEmailRequest
    from .cross_connect import CrossConnect
    from .cross_connect_list import CrossConnectList
    from .cross_connect_side import CrossConnectSide
    from .detail import Detail
    from .device import Device
    from .device_list import DeviceList
    from .dnssec import Dnssec
    from .dnssec_key import DnssecKey
    from .error import Error
    from .event import Event
    from .event_attachment import EventAttachment
    from .event_attachment_list import EventAttachmentList
    from .event_count_point import EventCountPoint
    from .event_count_point_by_severity import EventCountPointBySeverity
    from .event_list import EventList
    from .event_timeseries import EventTimeseries
    from .extended_community import ExtendedCommunity
    from .filter_key import FilterKey
    from .filter_key_list import FilterKeyList
    from .flow_filter import FlowFilter
    from .flow_point import FlowPoint
    from .flow_query import FlowQuery
    from .flow_series import FlowSeries
    from .flow_series_labels import FlowSeriesLabels
    from .flow_timeseries import FlowTimeseries
    from .ip_announcement import IpAnnouncement
    from .ip_announcement_create import IpAnnouncementCreate
    from .ip_announcement_list import IpAnnouncementList
    from .ip_announcement_update import IpAnnouncementUpdate
    from .list_page import ListPage
    from .location_timezone import LocationTimezone
    from .login_request import LoginRequest
    from .login_response import LoginResponse
    from .login_user import LoginUser
    from .login_user_modules_item import LoginUserModulesItem
    from .login_with_2fa_request import LoginWith2FARequest
    from .logout_request import LogoutRequest
    from .port import Port
    from .port_list import PortList
    from .port_usage import PortUsage
    from .ptr_batch_result import PtrBatchResult
    from .ptr_batch_update import PtrBatchUpdate
    from .ptr_record import PtrRecord
    from .ptr_record_state import PtrRecordState
    from .record import Record
    from .record_set import RecordSet
    from .record_set_list import RecordSetList
    from .record_set_write import RecordSetWrite
    from .record_set_write_filters_item import RecordSetWriteFiltersItem
    from .refresh_request import RefreshRequest
    from .refresh_response import RefreshResponse
    from .related_resource import RelatedResource
    from .service import Service
    from .service_list import ServiceList
    from .session_user import SessionUser
    from .shield_rule import ShieldRule
    from .shield_rule_input import ShieldRuleInput
    from .shield_rule_list import ShieldRuleList
    from .shield_rules_update import ShieldRulesUpdate
    from .success import Success
    from .team_list import TeamList
    from .team_member import TeamMember
    from .team_member_list import TeamMemberList
    from .transceiver_lane import TransceiverLane
    from .transceiver_metrics import TransceiverMetrics
    from .usage_point import UsagePoint
    from .user_team import UserTeam
    from .user_token import UserToken
    from .validation_error import ValidationError
    from .validation_error_item import ValidationErrorItem
    from .zone import Zone
    from .zone_create import ZoneCreate
    from .zone_import import ZoneImport
    from .zone_import_result import ZoneImportResult
    from .zone_list import ZoneList
    from .zone_settings import ZoneSettings
    from .zone_settings_update import ZoneSettingsUpdate

__all__ = (
    "ChangePasswordRequest",
    "ConfirmEmailRequest",
    "CrossConnect",
    "CrossConnectList",
    "CrossConnectSide",
    "Detail",
    "Device",
    "DeviceList",
    "Dnssec",
    "DnssecKey",
    "Error",
    "Event",
    "EventAttachment",
    "EventAttachmentList",
    "EventCountPoint",
    "EventCountPointBySeverity",
    "EventList",
    "EventTimeseries",
    "ExtendedCommunity",
    "FilterKey",
    "FilterKeyList",
    "FlowFilter",
    "FlowPoint",
    "FlowQuery",
    "FlowSeries",
    "FlowSeriesLabels",
    "FlowTimeseries",
    "IpAnnouncement",
    "IpAnnouncementCreate",
    "IpAnnouncementList",
    "IpAnnouncementUpdate",
    "ListPage",
    "LocationTimezone",
    "LoginRequest",
    "LoginResponse",
    "LoginUser",
    "LoginUserModulesItem",
    "LoginWith2FARequest",
    "LogoutRequest",
    "Port",
    "PortList",
    "PortUsage",
    "PtrBatchResult",
    "PtrBatchUpdate",
    "PtrRecord",
    "PtrRecordState",
    "Record",
    "RecordSet",
    "RecordSetList",
    "RecordSetWrite",
    "RecordSetWriteFiltersItem",
    "RefreshRequest",
    "RefreshResponse",
    "RelatedResource",
    "Service",
    "ServiceList",
    "SessionUser",
    "ShieldRule",
    "ShieldRuleInput",
    "ShieldRuleList",
    "ShieldRulesUpdate",
    "Success",
    "TeamList",
    "TeamMember",
    "TeamMemberList",
    "TransceiverLane",
    "TransceiverMetrics",
    "UsagePoint",
    "UserTeam",
    "UserToken",
    "ValidationError",
    "ValidationErrorItem",
    "Zone",
    "ZoneCreate",
    "ZoneImport",
    "ZoneImportResult",
    "ZoneList",
    "ZoneSettings",
    "ZoneSettingsUpdate",
)

# Each model's name -> its module.
_MODULES = {
    "ChangePasswordRequest": ".change_password_request",
    "ConfirmEmailRequest": ".confirm_email_request",
    "CrossConnect": ".cross_connect",
    "CrossConnectList": ".cross_connect_list",
    "CrossConnectSide": ".cross_connect_side",
    "Detail": ".detail",
    "Device": ".device",
    "DeviceList": ".device_list",
    "Dnssec": ".dnssec",
    "DnssecKey": ".dnssec_key",
    "Error": ".error",
    "Event": ".event",
    "EventAttachment": ".event_attachment",
    "EventAttachmentList": ".event_attachment_list",
    "EventCountPoint": ".event_count_point",
    "EventCountPointBySeverity": ".event_count_point_by_severity",
    "EventList": ".event_list",
    "EventTimeseries": ".event_timeseries",
    "ExtendedCommunity": ".extended_community",
    "FilterKey": ".filter_key",
    "FilterKeyList": ".filter_key_list",
    "FlowFilter": ".flow_filter",
    "FlowPoint": ".flow_point",
    "FlowQuery": ".flow_query",
    "FlowSeries": ".flow_series",
    "FlowSeriesLabels": ".flow_series_labels",
    "FlowTimeseries": ".flow_timeseries",
    "IpAnnouncement": ".ip_announcement",
    "IpAnnouncementCreate": ".ip_announcement_create",
    "IpAnnouncementList": ".ip_announcement_list",
    "IpAnnouncementUpdate": ".ip_announcement_update",
    "ListPage": ".list_page",
    "LocationTimezone": ".location_timezone",
    "LoginRequest": ".login_request",
    "LoginResponse": ".login_response",
    "LoginUser": ".login_user",
    "LoginUserModulesItem": ".login_user_modules_item",
    "LoginWith2FARequest": ".login_with_2fa_request",
    "LogoutRequest": ".logout_request",
    "Port": ".port",
    "PortList": ".port_list",
    "PortUsage": ".port_usage",
    "PtrBatchResult": ".ptr_batch_result",
    "PtrBatchUpdate": ".ptr_batch_update",
    "PtrRecord": ".ptr_record",
    "PtrRecordState": ".ptr_record_state",
    "Record": ".record",
    "RecordSet": ".record_set",
    "RecordSetList": ".record_set_list",
    "RecordSetWrite": ".record_set_write",
    "RecordSetWriteFiltersItem": ".record_set_write_filters_item",
    "RefreshRequest": ".refresh_request",
    "RefreshResponse": ".refresh_response",
    "RelatedResource": ".related_resource",
    "Service": ".service",
    "ServiceList": ".service_list",
    "SessionUser": ".session_user",
    "ShieldRule": ".shield_rule",
    "ShieldRuleInput": ".shield_rule_input",
    "ShieldRuleList": ".shield_rule_list",
    "ShieldRulesUpdate": ".shield_rules_update",
    "Success": ".success",
    "TeamList": ".team_list",
    "TeamMember": ".team_member",
    "TeamMemberList": ".team_member_list",
    "TransceiverLane": ".transceiver_lane",
    "TransceiverMetrics": ".transceiver_metrics",
    "UsagePoint": ".usage_point",
    "UserTeam": ".user_team",
    "UserToken": ".user_token",
    "ValidationError": ".validation_error",
    "ValidationErrorItem": ".validation_error_item",
    "Zone": ".zone",
    "ZoneCreate": ".zone_create",
    "ZoneImport": ".zone_import",
    "ZoneImportResult": ".zone_import_result",
    "ZoneList": ".zone_list",
    "ZoneSettings": ".zone_settings",
    "ZoneSettingsUpdate": ".zone_settings_update",
}

# Hidden from type checkers: they would take every name for a real one.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        if name not in _MODULES:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(_MODULES[name], __name__), name)
        globals()[name] = value
        return value
