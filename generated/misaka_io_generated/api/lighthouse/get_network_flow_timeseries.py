from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.flow_query import FlowQuery
from ...models.flow_timeseries import FlowTimeseries
from ...models.validation_error import ValidationError
from ...types import Response


def _get_kwargs(
    *,
    body: FlowQuery,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/lighthouse/flows/timeseries",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | FlowTimeseries | ValidationError | None:
    if response.status_code == 200:
        response_200 = FlowTimeseries.from_dict(response.json())

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
) -> Response[Error | FlowTimeseries | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: FlowQuery,
) -> Response[Error | FlowTimeseries | ValidationError]:
    """Network Flow Timeseries

     Aggregated flow (sFlow/NetFlow) traffic as time series, grouped and filtered by flow keys. POST
    because the query is a body.

    Args:
        body (FlowQuery):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | FlowTimeseries | ValidationError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: FlowQuery,
) -> Error | FlowTimeseries | ValidationError | None:
    """Network Flow Timeseries

     Aggregated flow (sFlow/NetFlow) traffic as time series, grouped and filtered by flow keys. POST
    because the query is a body.

    Args:
        body (FlowQuery):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | FlowTimeseries | ValidationError
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: FlowQuery,
) -> Response[Error | FlowTimeseries | ValidationError]:
    """Network Flow Timeseries

     Aggregated flow (sFlow/NetFlow) traffic as time series, grouped and filtered by flow keys. POST
    because the query is a body.

    Args:
        body (FlowQuery):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | FlowTimeseries | ValidationError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: FlowQuery,
) -> Error | FlowTimeseries | ValidationError | None:
    """Network Flow Timeseries

     Aggregated flow (sFlow/NetFlow) traffic as time series, grouped and filtered by flow keys. POST
    because the query is a body.

    Args:
        body (FlowQuery):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | FlowTimeseries | ValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
