import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.port_usage import PortUsage
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    port_id: str,
    *,
    start: datetime.datetime,
    end: datetime.datetime,
    resolution: int | Unset = 300,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_start = start.isoformat()
    params["start"] = json_start

    json_end = end.isoformat()
    params["end"] = json_end

    params["resolution"] = resolution

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/ports/{port_id}/usage".format(
            port_id=quote(str(port_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | PortUsage | ValidationError | None:
    if response.status_code == 200:
        response_200 = PortUsage.from_dict(response.json())

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
) -> Response[Error | PortUsage | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    port_id: str,
    *,
    client: AuthenticatedClient,
    start: datetime.datetime,
    end: datetime.datetime,
    resolution: int | Unset = 300,
) -> Response[Error | PortUsage | ValidationError]:
    """Port usage metrics

     Traffic through the port as a time series of bit rates.

    Args:
        port_id (str): An opaque resource id.
        start (datetime.datetime):
        end (datetime.datetime):
        resolution (int | Unset):  Default: 300.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PortUsage | ValidationError]
    """

    kwargs = _get_kwargs(
        port_id=port_id,
        start=start,
        end=end,
        resolution=resolution,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    port_id: str,
    *,
    client: AuthenticatedClient,
    start: datetime.datetime,
    end: datetime.datetime,
    resolution: int | Unset = 300,
) -> Error | PortUsage | ValidationError | None:
    """Port usage metrics

     Traffic through the port as a time series of bit rates.

    Args:
        port_id (str): An opaque resource id.
        start (datetime.datetime):
        end (datetime.datetime):
        resolution (int | Unset):  Default: 300.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PortUsage | ValidationError
    """

    return sync_detailed(
        port_id=port_id,
        client=client,
        start=start,
        end=end,
        resolution=resolution,
    ).parsed


async def asyncio_detailed(
    port_id: str,
    *,
    client: AuthenticatedClient,
    start: datetime.datetime,
    end: datetime.datetime,
    resolution: int | Unset = 300,
) -> Response[Error | PortUsage | ValidationError]:
    """Port usage metrics

     Traffic through the port as a time series of bit rates.

    Args:
        port_id (str): An opaque resource id.
        start (datetime.datetime):
        end (datetime.datetime):
        resolution (int | Unset):  Default: 300.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PortUsage | ValidationError]
    """

    kwargs = _get_kwargs(
        port_id=port_id,
        start=start,
        end=end,
        resolution=resolution,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    port_id: str,
    *,
    client: AuthenticatedClient,
    start: datetime.datetime,
    end: datetime.datetime,
    resolution: int | Unset = 300,
) -> Error | PortUsage | ValidationError | None:
    """Port usage metrics

     Traffic through the port as a time series of bit rates.

    Args:
        port_id (str): An opaque resource id.
        start (datetime.datetime):
        end (datetime.datetime):
        resolution (int | Unset):  Default: 300.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PortUsage | ValidationError
    """

    return (
        await asyncio_detailed(
            port_id=port_id,
            client=client,
            start=start,
            end=end,
            resolution=resolution,
        )
    ).parsed
