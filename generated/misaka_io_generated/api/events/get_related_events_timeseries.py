import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.event_timeseries import EventTimeseries
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    start: datetime.datetime,
    end: datetime.datetime,
    resolution: int | Unset = 300,
    resource_type: str | Unset = UNSET,
    resource_id: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_start = start.isoformat()
    params["start"] = json_start

    json_end = end.isoformat()
    params["end"] = json_end

    params["resolution"] = resolution

    params["resource_type"] = resource_type

    params["resource_id"] = resource_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/events/related/timeseries",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | EventTimeseries | ValidationError | None:
    if response.status_code == 200:
        response_200 = EventTimeseries.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

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
) -> Response[Error | EventTimeseries | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    start: datetime.datetime,
    end: datetime.datetime,
    resolution: int | Unset = 300,
    resource_type: str | Unset = UNSET,
    resource_id: str | Unset = UNSET,
) -> Response[Error | EventTimeseries | ValidationError]:
    """Event List Related Timeseries

     How many related events started in each interval of a window.

    Args:
        start (datetime.datetime):
        end (datetime.datetime):
        resolution (int | Unset):  Default: 300.
        resource_type (str | Unset):
        resource_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | EventTimeseries | ValidationError]
    """

    kwargs = _get_kwargs(
        start=start,
        end=end,
        resolution=resolution,
        resource_type=resource_type,
        resource_id=resource_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    start: datetime.datetime,
    end: datetime.datetime,
    resolution: int | Unset = 300,
    resource_type: str | Unset = UNSET,
    resource_id: str | Unset = UNSET,
) -> Error | EventTimeseries | ValidationError | None:
    """Event List Related Timeseries

     How many related events started in each interval of a window.

    Args:
        start (datetime.datetime):
        end (datetime.datetime):
        resolution (int | Unset):  Default: 300.
        resource_type (str | Unset):
        resource_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | EventTimeseries | ValidationError
    """

    return sync_detailed(
        client=client,
        start=start,
        end=end,
        resolution=resolution,
        resource_type=resource_type,
        resource_id=resource_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    start: datetime.datetime,
    end: datetime.datetime,
    resolution: int | Unset = 300,
    resource_type: str | Unset = UNSET,
    resource_id: str | Unset = UNSET,
) -> Response[Error | EventTimeseries | ValidationError]:
    """Event List Related Timeseries

     How many related events started in each interval of a window.

    Args:
        start (datetime.datetime):
        end (datetime.datetime):
        resolution (int | Unset):  Default: 300.
        resource_type (str | Unset):
        resource_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | EventTimeseries | ValidationError]
    """

    kwargs = _get_kwargs(
        start=start,
        end=end,
        resolution=resolution,
        resource_type=resource_type,
        resource_id=resource_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    start: datetime.datetime,
    end: datetime.datetime,
    resolution: int | Unset = 300,
    resource_type: str | Unset = UNSET,
    resource_id: str | Unset = UNSET,
) -> Error | EventTimeseries | ValidationError | None:
    """Event List Related Timeseries

     How many related events started in each interval of a window.

    Args:
        start (datetime.datetime):
        end (datetime.datetime):
        resolution (int | Unset):  Default: 300.
        resource_type (str | Unset):
        resource_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | EventTimeseries | ValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            start=start,
            end=end,
            resolution=resolution,
            resource_type=resource_type,
            resource_id=resource_id,
        )
    ).parsed
