from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.ip_announcement import IpAnnouncement
from ...models.ip_announcement_update import IpAnnouncementUpdate
from ...models.validation_error import ValidationError
from ...types import Response


def _get_kwargs(
    announcement_id: str,
    *,
    body: IpAnnouncementUpdate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v3/ip-announcements/{announcement_id}".format(
            announcement_id=quote(str(announcement_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | IpAnnouncement | ValidationError | None:
    if response.status_code == 200:
        response_200 = IpAnnouncement.from_dict(response.json())

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
) -> Response[Error | IpAnnouncement | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    announcement_id: str,
    *,
    client: AuthenticatedClient,
    body: IpAnnouncementUpdate,
) -> Response[Error | IpAnnouncement | ValidationError]:
    """Update IP announcement

     Changes the origin ASN, communities or description of an announcement.

    Args:
        announcement_id (str): An opaque resource id.
        body (IpAnnouncementUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | IpAnnouncement | ValidationError]
    """

    kwargs = _get_kwargs(
        announcement_id=announcement_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    announcement_id: str,
    *,
    client: AuthenticatedClient,
    body: IpAnnouncementUpdate,
) -> Error | IpAnnouncement | ValidationError | None:
    """Update IP announcement

     Changes the origin ASN, communities or description of an announcement.

    Args:
        announcement_id (str): An opaque resource id.
        body (IpAnnouncementUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | IpAnnouncement | ValidationError
    """

    return sync_detailed(
        announcement_id=announcement_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    announcement_id: str,
    *,
    client: AuthenticatedClient,
    body: IpAnnouncementUpdate,
) -> Response[Error | IpAnnouncement | ValidationError]:
    """Update IP announcement

     Changes the origin ASN, communities or description of an announcement.

    Args:
        announcement_id (str): An opaque resource id.
        body (IpAnnouncementUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | IpAnnouncement | ValidationError]
    """

    kwargs = _get_kwargs(
        announcement_id=announcement_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    announcement_id: str,
    *,
    client: AuthenticatedClient,
    body: IpAnnouncementUpdate,
) -> Error | IpAnnouncement | ValidationError | None:
    """Update IP announcement

     Changes the origin ASN, communities or description of an announcement.

    Args:
        announcement_id (str): An opaque resource id.
        body (IpAnnouncementUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | IpAnnouncement | ValidationError
    """

    return (
        await asyncio_detailed(
            announcement_id=announcement_id,
            client=client,
            body=body,
        )
    ).parsed
