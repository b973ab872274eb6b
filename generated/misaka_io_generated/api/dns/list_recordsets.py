from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.record_set_list import RecordSetList
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    zone: str,
    *,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    search: str | Unset = UNSET,
    name: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["offset"] = offset

    params["search"] = search

    params["name"] = name

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/dns/zones/{zone}/recordsets".format(
            zone=quote(str(zone), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | RecordSetList | ValidationError | None:
    if response.status_code == 200:
        response_200 = RecordSetList.from_dict(response.json())

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
) -> Response[Error | RecordSetList | ValidationError]:
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
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    search: str | Unset = UNSET,
    name: str | Unset = UNSET,
) -> Response[Error | RecordSetList | ValidationError]:
    """List Recordsets

     The zone's recordsets (the apex is named `@`; its NS and SOA recordsets are listed too), optionally
    filtered by a search text. The envelope is Django REST framework's: `count`, `next` and `previous`
    are always present here.

    Args:
        zone (str): A fully qualified domain name without the trailing dot.
        limit (int | Unset):  Default: 100.
        offset (int | Unset):  Default: 0.
        search (str | Unset):
        name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | RecordSetList | ValidationError]
    """

    kwargs = _get_kwargs(
        zone=zone,
        limit=limit,
        offset=offset,
        search=search,
        name=name,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    zone: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    search: str | Unset = UNSET,
    name: str | Unset = UNSET,
) -> Error | RecordSetList | ValidationError | None:
    """List Recordsets

     The zone's recordsets (the apex is named `@`; its NS and SOA recordsets are listed too), optionally
    filtered by a search text. The envelope is Django REST framework's: `count`, `next` and `previous`
    are always present here.

    Args:
        zone (str): A fully qualified domain name without the trailing dot.
        limit (int | Unset):  Default: 100.
        offset (int | Unset):  Default: 0.
        search (str | Unset):
        name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | RecordSetList | ValidationError
    """

    return sync_detailed(
        zone=zone,
        client=client,
        limit=limit,
        offset=offset,
        search=search,
        name=name,
    ).parsed


async def asyncio_detailed(
    zone: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    search: str | Unset = UNSET,
    name: str | Unset = UNSET,
) -> Response[Error | RecordSetList | ValidationError]:
    """List Recordsets

     The zone's recordsets (the apex is named `@`; its NS and SOA recordsets are listed too), optionally
    filtered by a search text. The envelope is Django REST framework's: `count`, `next` and `previous`
    are always present here.

    Args:
        zone (str): A fully qualified domain name without the trailing dot.
        limit (int | Unset):  Default: 100.
        offset (int | Unset):  Default: 0.
        search (str | Unset):
        name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | RecordSetList | ValidationError]
    """

    kwargs = _get_kwargs(
        zone=zone,
        limit=limit,
        offset=offset,
        search=search,
        name=name,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    zone: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    search: str | Unset = UNSET,
    name: str | Unset = UNSET,
) -> Error | RecordSetList | ValidationError | None:
    """List Recordsets

     The zone's recordsets (the apex is named `@`; its NS and SOA recordsets are listed too), optionally
    filtered by a search text. The envelope is Django REST framework's: `count`, `next` and `previous`
    are always present here.

    Args:
        zone (str): A fully qualified domain name without the trailing dot.
        limit (int | Unset):  Default: 100.
        offset (int | Unset):  Default: 0.
        search (str | Unset):
        name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | RecordSetList | ValidationError
    """

    return (
        await asyncio_detailed(
            zone=zone,
            client=client,
            limit=limit,
            offset=offset,
            search=search,
            name=name,
        )
    ).parsed
