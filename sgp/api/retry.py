"""The retry policy of every request: urllib3 `Retry` on the session's adapter.

Retries the GET on 408, 429, 500, 502, 503 and 504 and on connection errors, with
exponential backoff from 0.5 s capped at 8 s, obeying `Retry-After` up to 60 s. No
hand-written retry loop: the two overrides below only narrow what urllib3 does.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any

from urllib3.exceptions import InvalidHeader, ReadTimeoutError
from urllib3.util.retry import Retry

RETRY_STATUSES = (408, 429, 500, 502, 503, 504)
BACKOFF_FACTOR = 0.5
BACKOFF_MAX = 8.0
RETRY_AFTER_MAX = 60


class _Retry(Retry):
    """urllib3 Retry that never repeats a read timeout.

    A server that did not answer within the read timeout will most likely not answer the
    next time either; repeating would multiply the wait of the person at the page.
    Connection errors, resets and the retried statuses are still retried.
    """

    def increment(  # type: ignore[override]
        self,
        method: str | None = None,
        url: str | None = None,
        response: Any = None,
        error: Exception | None = None,
        _pool: Any = None,
        _stacktrace: TracebackType | None = None,
    ) -> Retry:
        if isinstance(error, ReadTimeoutError):
            raise error.with_traceback(_stacktrace)
        return super().increment(method, url, response, error, _pool, _stacktrace)

    def parse_retry_after(self, retry_after: str) -> float:
        # urllib3 raises on a Retry-After it cannot read ("soon", "1.5"); that would surface
        # as a connection error. Fall back to the exponential backoff instead.
        try:
            return super().parse_retry_after(retry_after)
        except InvalidHeader:
            return 0


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
        retry_after_max=RETRY_AFTER_MAX,
        respect_retry_after_header=True,
        raise_on_status=False,
    )
