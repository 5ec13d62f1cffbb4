"""The client's connection to the API: whose session it is, one GET with its failures
named, and a close that waits for the requests in flight.

A session the client creates is the client's: the retry policy (`retrying_adapter`) is
mounted on the base URL's whole origin (scheme, host and port, every path, so a redirect
to another path keeps it), and `close()` closes the session. A session a caller passes in
stays the caller's: it is used as it is (its headers, proxies, certificates, adapters),
never changed and never closed; to get the client's retry policy on it, mount
`sgp.api.retrying_adapter(max_retries)` on it yourself.

One client may be shared by many threads (the app shares one per key) and closed by a
cache while another thread is in the middle of a request. So `close()` takes effect when
the last request in flight ends; until then the pool stays open. A request started after
`close()` still works (requests opens a fresh pool) and that pool is closed when it ends.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import requests

from sgp.api.errors import APIConnectionError, APIConnectTimeoutError, APITimeoutError
from sgp.api.inputs import origin_prefix
from sgp.api.retry import retrying_adapter

log = logging.getLogger(__name__)


class Transport:
    """One requests.Session, its owner, and the count of requests in flight on it."""

    def __init__(self, base_url: str, max_retries: int, session: requests.Session | None) -> None:
        self.owns_session = session is None
        self.session = requests.Session() if session is None else session
        if self.owns_session:
            self.session.mount(origin_prefix(base_url), retrying_adapter(max_retries))
        self._lock = threading.Lock()
        self._in_flight = 0
        self._closing = False

    @contextmanager
    def in_flight(self) -> Iterator[None]:
        """Hold the pool open for one request, from sending it to reading its body."""
        with self._lock:
            self._in_flight += 1
        try:
            yield
        finally:
            with self._lock:
                self._in_flight -= 1
                if self._closing and not self._in_flight:
                    self._release()

    def close(self) -> None:
        """Close the pool now, or when the last request in flight ends."""
        with self._lock:
            self._closing = True
            if not self._in_flight:
                self._release()

    def _release(self) -> None:
        # Called with the lock held, so no request can start on a pool being closed.
        if not self.owns_session:
            return
        # Session.close() only forgets the pools (urllib3 2's PoolManager.clear() leaves
        # them to the garbage collector); close them, so their sockets close now.
        for adapter in self.session.adapters.values():
            pools = getattr(getattr(adapter, "poolmanager", None), "pools", None)
            if pools is None:
                continue
            for key in list(pools.keys()):
                if (pool := pools.get(key)) is not None:
                    pool.close()
        self.session.close()

    def get(
        self,
        url: str,
        params: Mapping[str, Any] | None,
        headers: Mapping[str, str],
        timeout: tuple[float, float],
    ) -> requests.Response:
        """One GET, not following redirects, with its body left to stream.

        `from None`: the requests exception is summarised, not chained, so that no chained
        traceback carries request details into a log.
        """
        log.debug("GET %s", url)
        host = urlsplit(url).hostname
        try:
            return self.session.get(
                url,
                params=params,
                headers=headers,
                timeout=timeout,
                allow_redirects=False,
                stream=True,
            )
        except requests.ConnectTimeout:
            raise APIConnectTimeoutError(
                f"Could not connect to {host} within {timeout[0]:g} s."
            ) from None
        except requests.Timeout:
            raise APITimeoutError(f"The API did not answer within {timeout[1]:g} s.") from None
        except requests.RequestException as exc:
            raise APIConnectionError(
                f"Could not connect to {host}: {type(exc).__name__}."
            ) from None
