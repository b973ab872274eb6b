from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.validation_error import ValidationError
from ...models.zone_import import ZoneImport
from ...models.zone_import_result import ZoneImportResult
from ...types import Response


def _get_kwargs(
    zone: str,
    *,
    body: ZoneImport,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/dns/zones/{zone}/import".format(
            zone=quote(str(zone), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ValidationError | ZoneImportResult | None:
    if response.status_code == 200:
        response_200 = ZoneImportResult.from_dict(response.json())

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
) -> Response[Error | ValidationError | ZoneImportResult]:
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
    body: ZoneImport,
) -> Response[Error | ValidationError | ZoneImportResult]:
    """Import Zone

     Adds the records of an RFC 1035 zone file to an existing zone; with `replace`, the zone's recordsets
    are replaced instead.

    Args:
        zone (str): A fully qualified domain name without the trailing dot.
        body (ZoneImport):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | ZoneImportResult]
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
    body: ZoneImport,
) -> Error | ValidationError | ZoneImportResult | None:
    """Import Zone

     Adds the records of an RFC 1035 zone file to an existing zone; with `replace`, the zone's recordsets
    are replaced instead.

    Args:
        zone (str): A fully qualified domain name without the trailing dot.
        body (ZoneImport):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | ZoneImportResult
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
    body: ZoneImport,
) -> Response[Error | ValidationError | ZoneImportResult]:
    """Import Zone

     Adds the records of an RFC 1035 zone file to an existing zone; with `replace`, the zone's recordsets
    are replaced instead.

    Args:
        zone (str): A fully qualified domain name without the trailing dot.
        body (ZoneImport):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | ZoneImportResult]
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
    body: ZoneImport,
) -> Error | ValidationError | ZoneImportResult | None:
    """Import Zone

     Adds the records of an RFC 1035 zone file to an existing zone; with `replace`, the zone's recordsets
    are replaced instead.

    Args:
        zone (str): A fully qualified domain name without the trailing dot.
        body (ZoneImport):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | ZoneImportResult
    """

    return (
        await asyncio_detailed(
            zone=zone,
            client=client,
            body=body,
        )
    ).parsed
