"""Reading an HTTP response safely: the body streamed with a size cap (a broken connection
and a stall in the middle told apart), JSON decoding, and HTTP error statuses turned into
the errors of `sgp.api.errors`, with the server's request id.
"""

from __future__ import annotations

import json
from typing import Any

import requests

from sgp.api.errors import (
    APIConnectionBrokenError,
    APITimeoutError,
    InvalidResponseError,
    RateLimitError,
    ResponseTooLargeError,
    UnprocessableEntityError,
    ValidationDetail,
    error_class_for_status,
)

MAX_BODY_BYTES = 10 * 1024 * 1024
REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-amzn-requestid")


def request_id(response: requests.Response) -> str | None:
    for name in REQUEST_ID_HEADERS:
        if value := response.headers.get(name):
            return value[:200]
    return None


def read_body(response: requests.Response, read_timeout: float | None = None) -> bytes:
    """Read the body streamed, refusing anything over MAX_BODY_BYTES before it is all in memory.

    A connection that breaks in the middle (a TLS error, say) is an APIConnectionBrokenError;
    a server that stops sending for longer than the read timeout is an APITimeoutError.
    """
    too_large = ResponseTooLargeError(
        f"The response is larger than {MAX_BODY_BYTES // (1024 * 1024)} MB.",
        status_code=response.status_code,
        request_id=request_id(response),
    )
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise too_large
    body = bytearray()
    try:
        for chunk in response.iter_content(chunk_size=64 * 1024):
            body += chunk
            if len(body) > MAX_BODY_BYTES:
                raise too_large
    # requests wraps a TLS error in the middle of the body as an SSLError, which is a
    # ConnectionError, and a read timeout there as a plain ConnectionError: SSLError first.
    except requests.exceptions.SSLError:
        raise APIConnectionBrokenError(
            "The secure connection broke off while the API was sending its answer.",
            status_code=response.status_code,
            request_id=request_id(response),
        ) from None
    except requests.exceptions.ConnectionError:
        waited = f" for more than {read_timeout:g} s" if read_timeout is not None else ""
        raise APITimeoutError(
            f"The API stopped sending its answer{waited}.",
            status_code=response.status_code,
            request_id=request_id(response),
        ) from None
    except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError):
        raise InvalidResponseError(
            "The API's answer was cut off or garbled.",
            status_code=response.status_code,
            request_id=request_id(response),
        ) from None
    return bytes(body)


def decode_json(body: bytes, response: requests.Response) -> Any:
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        kind = response.headers.get("content-type", "unknown type").split(";")[0]
        raise InvalidResponseError(
            f"The API's answer is not JSON (it is {kind[:80]}, {len(body):,} bytes).",
            status_code=response.status_code,
            request_id=request_id(response),
        ) from None


def status_error(response: requests.Response, body: bytes) -> Exception:
    status = response.status_code
    cls = error_class_for_status(status)
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        payload = None
    detail = payload.get("detail") if isinstance(payload, dict) else None
    summary = f"HTTP {status}"
    if isinstance(detail, str) and detail.strip():
        summary += f": {detail.strip()[:300]}"
    meta: dict[str, Any] = {"status_code": status, "request_id": request_id(response)}
    if cls is UnprocessableEntityError:
        details = _validation_details(detail)
        if details:
            summary += ": " + "; ".join(f"{d.where}: {d.msg}" for d in details[:10])
        return UnprocessableEntityError(summary, details=details, **meta)
    if cls is RateLimitError:
        return RateLimitError(summary, retry_after=response.headers.get("retry-after"), **meta)
    return cls(summary, **meta)


def _validation_details(detail: Any) -> list[ValidationDetail]:
    if not isinstance(detail, list):
        return []
    items = []
    for item in detail:
        if isinstance(item, dict):
            loc = item.get("loc")
            if not isinstance(loc, list):
                loc = []
            items.append(
                ValidationDetail(
                    loc=tuple(p if isinstance(p, int) else str(p) for p in loc),
                    msg=str(item.get("msg", "")),
                    type=str(item.get("type", "")),
                )
            )
    return items
