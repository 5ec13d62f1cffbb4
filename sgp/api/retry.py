"""The retry policy of every request (urllib3 `Retry` on the session's adapter), and the
one reading of a `Retry-After` header.

Retries the GET on 408, 429, 500, 502, 503 and 504 and on connection errors, with
exponential backoff from 0.5 s capped at 8 s, obeying `Retry-After` up to 60 s. No
hand-written retry loop: the two overrides below only narrow what urllib3 does.
`retry_after_seconds` is the one place a `Retry-After` value is read, with the one cap
(`RETRY_AFTER_MAX`): the retry policy uses it, and so does the inspect page's watch.
`retrying_adapter` is the adapter the client mounts; a caller who passes a session of
their own may mount it there too.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import math
from types import TracebackType
from typing import Self

from requests.adapters import HTTPAdapter
from urllib3.connectionpool import ConnectionPool
from urllib3.exceptions import ReadTimeoutError
from urllib3.response import BaseHTTPResponse
from urllib3.util.retry import Retry

RETRY_STATUSES = (408, 429, 500, 502, 503, 504)
BACKOFF_FACTOR = 0.5
BACKOFF_MAX = 8.0
RETRY_AFTER_MAX = 60.0
POOL_MAXSIZE = 16


def retry_after_seconds(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After value (seconds or an HTTP date), at most
    RETRY_AFTER_MAX; None when there is no value or it cannot be read ("soon", "inf").

    A negative number or a date in the past means "now" (0).
    """
    if not value or not value.strip():
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        seconds = (when - (now or dt.datetime.now(dt.UTC))).total_seconds()
    if not math.isfinite(seconds):
        return None
    return min(max(0.0, seconds), RETRY_AFTER_MAX)


class _Retry(Retry):
    """urllib3 Retry that never repeats a read timeout.

    A server that did not answer within the read timeout will most likely not answer the
    next time either; repeating would multiply the wait of the person at the page.
    Connection errors, resets and the retried statuses are still retried.
    """

    def increment(
        self,
        method: str | None = None,
        url: str | None = None,
        response: BaseHTTPResponse | None = None,
        error: Exception | None = None,
        _pool: ConnectionPool | None = None,
        _stacktrace: TracebackType | None = None,
    ) -> Self:
        if isinstance(error, ReadTimeoutError):
            raise error.with_traceback(_stacktrace)
        return super().increment(method, url, response, error, _pool, _stacktrace)

    def parse_retry_after(self, retry_after: str) -> float:
        # The one reading. urllib3's own raises on a value it cannot read ("soon"), which
        # would surface as a connection error; 0 falls back to the exponential backoff.
        return retry_after_seconds(retry_after) or 0


def retrying_adapter(max_retries: int) -> HTTPAdapter:
    """An HTTPAdapter (a connection pool) with this policy, as SGPClient mounts it."""
    return HTTPAdapter(max_retries=build_retry(max_retries), pool_maxsize=POOL_MAXSIZE)


def build_retry(max_retries: int) -> Retry:
    return _Retry(
        total=max_retries,
        connect=max_retries,
        read=max_retries,
        status=max_retries,
        other=0,
        redirect=False,
        allowed_methods=frozenset({"GET"}),
        status_forcelist=RETRY_STATUSES,
        backoff_factor=BACKOFF_FACTOR,
        backoff_max=BACKOFF_MAX,
        retry_after_max=int(RETRY_AFTER_MAX),
        respect_retry_after_header=True,
        raise_on_status=False,
    )
