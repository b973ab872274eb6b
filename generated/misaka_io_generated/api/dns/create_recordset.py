from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.record_set import RecordSet
from ...models.record_set_write import RecordSetWrite
from ...models.validation_error import ValidationError
from ...types import Response


def _get_kwargs(
    zone: str,
    name: str,
    type_: str,
    *,
    body: RecordSetWrite,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/dns/zones/{zone}/recordsets/{name}/{type_}".format(
            zone=quote(str(zone), safe=""),
            name=quote(str(name), safe=""),
            type_=quote(str(type_), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | RecordSet | ValidationError | None:
    if response.status_code == 200:
        response_200 = RecordSet.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

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
) -> Response[Error | RecordSet | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    zone: str,
    name: str,
    type_: str,
    *,
    client: AuthenticatedClient,
    body: RecordSetWrite,
) -> Response[Error | RecordSet | ValidationError]:
    """Create RecordSet

     Creates the recordset of this name and type. The API answers 200 (recorded), not 201; the client
    accepts either.

    Args:
        zone (str): A fully qualified domain name without the trailing dot.
        name (str): A name relative to its zone, or `@` for the apex.
        type_ (str):
        body (RecordSetWrite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | RecordSet | ValidationError]
    """

    kwargs = _get_kwargs(
        zone=zone,
        name=name,
        type_=type_,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    zone: str,
    name: str,
    type_: str,
    *,
    client: AuthenticatedClient,
    body: RecordSetWrite,
) -> Error | RecordSet | ValidationError | None:
    """Create RecordSet

     Creates the recordset of this name and type. The API answers 200 (recorded), not 201; the client
    accepts either.

    Args:
        zone (str): A fully qualified domain name without the trailing dot.
        name (str): A name relative to its zone, or `@` for the apex.
        type_ (str):
        body (RecordSetWrite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | RecordSet | ValidationError
    """

    return sync_detailed(
        zone=zone,
        name=name,
        type_=type_,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    zone: str,
    name: str,
    type_: str,
    *,
    client: AuthenticatedClient,
    body: RecordSetWrite,
) -> Response[Error | RecordSet | ValidationError]:
    """Create RecordSet

     Creates the recordset of this name and type. The API answers 200 (recorded), not 201; the client
    accepts either.

    Args:
        zone (str): A fully qualified domain name without the trailing dot.
        name (str): A name relative to its zone, or `@` for the apex.
        type_ (str):
        body (RecordSetWrite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | RecordSet | ValidationError]
    """

    kwargs = _get_kwargs(
        zone=zone,
        name=name,
        type_=type_,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    zone: str,
    name: str,
    type_: str,
    *,
    client: AuthenticatedClient,
    body: RecordSetWrite,
) -> Error | RecordSet | ValidationError | None:
    """Create RecordSet

     Creates the recordset of this name and type. The API answers 200 (recorded), not 201; the client
    accepts either.

    Args:
        zone (str): A fully qualified domain name without the trailing dot.
        name (str): A name relative to its zone, or `@` for the apex.
        type_ (str):
        body (RecordSetWrite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | RecordSet | ValidationError
    """

    return (
        await asyncio_detailed(
            zone=zone,
            name=name,
            type_=type_,
            client=client,
            body=body,
        )
    ).parsed
