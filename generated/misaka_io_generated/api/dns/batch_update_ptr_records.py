from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.ptr_batch_result import PtrBatchResult
from ...models.ptr_batch_update import PtrBatchUpdate
from ...models.validation_error import ValidationError
from ...types import Response


def _get_kwargs(
    *,
    body: PtrBatchUpdate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/dns/ptr",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | PtrBatchResult | ValidationError | None:
    if response.status_code == 200:
        response_200 = PtrBatchResult.from_dict(response.json())

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
) -> Response[Error | PtrBatchResult | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: PtrBatchUpdate,
) -> Response[Error | PtrBatchResult | ValidationError]:
    """Batch Update PTR Records

     Sets (or, with a null `ptr`, removes) the reverse DNS name of many addresses at once. Misaka serves
    reverse zones from `reversedns.org` name servers.

    Args:
        body (PtrBatchUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PtrBatchResult | ValidationError]
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
    body: PtrBatchUpdate,
) -> Error | PtrBatchResult | ValidationError | None:
    """Batch Update PTR Records

     Sets (or, with a null `ptr`, removes) the reverse DNS name of many addresses at once. Misaka serves
    reverse zones from `reversedns.org` name servers.

    Args:
        body (PtrBatchUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PtrBatchResult | ValidationError
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: PtrBatchUpdate,
) -> Response[Error | PtrBatchResult | ValidationError]:
    """Batch Update PTR Records

     Sets (or, with a null `ptr`, removes) the reverse DNS name of many addresses at once. Misaka serves
    reverse zones from `reversedns.org` name servers.

    Args:
        body (PtrBatchUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PtrBatchResult | ValidationError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: PtrBatchUpdate,
) -> Error | PtrBatchResult | ValidationError | None:
    """Batch Update PTR Records

     Sets (or, with a null `ptr`, removes) the reverse DNS name of many addresses at once. Misaka serves
    reverse zones from `reversedns.org` name servers.

    Args:
        body (PtrBatchUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PtrBatchResult | ValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
