from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.validation_error import ValidationError
from ...models.zone_settings import ZoneSettings
from ...models.zone_settings_update import ZoneSettingsUpdate
from ...types import Response


def _get_kwargs(
    zone: str,
    *,
    body: ZoneSettingsUpdate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v3/dns/zones/{zone}/settings".format(
            zone=quote(str(zone), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ValidationError | ZoneSettings | None:
    if response.status_code == 200:
        response_200 = ZoneSettings.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = ValidationError.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | ValidationError | ZoneSettings]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    zone: str,
    *,
    client: AuthenticatedClient,
    body: ZoneSettingsUpdate,
) -> Response[Error | ValidationError | ZoneSettings]:
    """Update Zone Settings

     Changes the zone's settings; omitted fields keep their value.

    Args:
        zone (str): A fully qualified domain name without the trailing dot.
        body (ZoneSettingsUpdate): The settings to change (inferred: the field names are the
            recorded ones of ZoneSettings; which of them the API lets a user change is not known).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | ZoneSettings]
    """

    kwargs = _get_kwargs(
        zone=zone,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    zone: str,
    *,
    client: AuthenticatedClient,
    body: ZoneSettingsUpdate,
) -> Error | ValidationError | ZoneSettings | None:
    """Update Zone Settings

     Changes the zone's settings; omitted fields keep their value.

    Args:
        zone (str): A fully qualified domain name without the trailing dot.
        body (ZoneSettingsUpdate): The settings to change (inferred: the field names are the
            recorded ones of ZoneSettings; which of them the API lets a user change is not known).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | ZoneSettings
    """

    return sync_detailed(
        zone=zone,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    zone: str,
    *,
    client: AuthenticatedClient,
    body: ZoneSettingsUpdate,
) -> Response[Error | ValidationError | ZoneSettings]:
    """Update Zone Settings

     Changes the zone's settings; omitted fields keep their value.

    Args:
        zone (str): A fully qualified domain name without the trailing dot.
        body (ZoneSettingsUpdate): The settings to change (inferred: the field names are the
            recorded ones of ZoneSettings; which of them the API lets a user change is not known).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | ZoneSettings]
    """

    kwargs = _get_kwargs(
        zone=zone,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    zone: str,
    *,
    client: AuthenticatedClient,
    body: ZoneSettingsUpdate,
) -> Error | ValidationError | ZoneSettings | None:
    """Update Zone Settings

     Changes the zone's settings; omitted fields keep their value.

    Args:
        zone (str): A fully qualified domain name without the trailing dot.
        body (ZoneSettingsUpdate): The settings to change (inferred: the field names are the
            recorded ones of ZoneSettings; which of them the API lets a user change is not known).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | ZoneSettings
    """

    return (
        await asyncio_detailed(
            zone=zone,
            client=client,
            body=body,
        )
    ).parsed
