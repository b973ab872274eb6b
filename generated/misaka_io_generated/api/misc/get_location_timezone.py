from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.location_timezone import LocationTimezone
from ...models.validation_error import ValidationError
from ...types import Response


def _get_kwargs(
    location: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/locations/{location}/timezone".format(
            location=quote(str(location), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | LocationTimezone | ValidationError | None:
    if response.status_code == 200:
        response_200 = LocationTimezone.from_dict(response.json())

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
) -> Response[Error | LocationTimezone | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    location: str,
    *,
    client: AuthenticatedClient,
) -> Response[Error | LocationTimezone | ValidationError]:
    """Timezone For Location

     The time zone of a Misaka location (site code).

    Args:
        location (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | LocationTimezone | ValidationError]
    """

    kwargs = _get_kwargs(
        location=location,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    location: str,
    *,
    client: AuthenticatedClient,
) -> Error | LocationTimezone | ValidationError | None:
    """Timezone For Location

     The time zone of a Misaka location (site code).

    Args:
        location (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | LocationTimezone | ValidationError
    """

    return sync_detailed(
        location=location,
        client=client,
    ).parsed


async def asyncio_detailed(
    location: str,
    *,
    client: AuthenticatedClient,
) -> Response[Error | LocationTimezone | ValidationError]:
    """Timezone For Location

     The time zone of a Misaka location (site code).

    Args:
        location (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | LocationTimezone | ValidationError]
    """

    kwargs = _get_kwargs(
        location=location,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    location: str,
    *,
    client: AuthenticatedClient,
) -> Error | LocationTimezone | ValidationError | None:
    """Timezone For Location

     The time zone of a Misaka location (site code).

    Args:
        location (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | LocationTimezone | ValidationError
    """

    return (
        await asyncio_detailed(
            location=location,
            client=client,
        )
    ).parsed
