"""The recorder's way to the database: opened lazily, written in order, never in the way.

While the database is down (or locked, or gone), what the recorder saw waits in a bounded
buffer (the newest `BUFFER_SIZE` observations, the oldest dropped first, counted in the
log) and the database is tried again after a backoff that doubles from one round up to
`MAX_BACKOFF_S`; the recorder keeps asking the API meanwhile. When it answers again, the
buffer is written oldest first. Failures are logged plainly, once per outage, with the
URL's password hidden and without the driver's message (it may quote the host or SQL).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections import deque
from collections.abc import Callable, Iterable

from sqlalchemy.exc import SQLAlchemyError

from sgp.history.db import safe_url
from sgp.history.poll import Observation
from sgp.history.store import Store, open_store

log = logging.getLogger(__name__)
BUFFER_SIZE = 10_000
MAX_BACKOFF_S = 300.0
PRUNE_EVERY_S = 3600.0
DATABASE_ERRORS = (SQLAlchemyError, OSError, ValueError, ImportError)


class Writer:
    """Opens the store, writes observations in order, prunes once an hour; never raises."""

    def __init__(
        self,
        url: str,
        days: int,
        *,
        first_backoff_s: float,
        opener: Callable[[str], Store] = open_store,
        buffer_size: int = BUFFER_SIZE,
        monotonic: Callable[[], float] = time.monotonic,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        self._url, self._days, self._opener = url, days, opener
        self._first_backoff_s = max(first_backoff_s, 0.0)
        self._backoff_s = self._first_backoff_s
        self._buffer: deque[Observation] = deque(maxlen=buffer_size)
        self._monotonic, self._now = monotonic, now
        self._next_try = 0.0
        self._next_prune: float | None = None  # None: prune at the first chance
        self._down = False
        self._dropped = 0
        self.store: Store | None = None

    @property
    def pending(self) -> int:
        return len(self._buffer)

    @property
    def down(self) -> bool:
        """The last try at the database failed (it has not answered since)."""
        return self._down

    @property
    def dropped(self) -> int:
        return self._dropped

    def open(self) -> Store | None:
        """The store, opening (and migrating) it if need be; None while it is unreachable."""
        if self.store is None and self._may_try():
            try:
                self.store = self._opener(self._url)
            except DATABASE_ERRORS as exc:
                self._failed("open", exc)
        return self.store

    def write(self, observations: Iterable[Observation]) -> bool:
        """Buffer these, then write everything buffered; True when nothing is left waiting."""
        for seen in observations:
            if len(self._buffer) == self._buffer.maxlen:
                self._dropped += 1
            self._buffer.append(seen)
        if not self._buffer:
            return True
        store = self.open()
        if store is None or not self._may_try():
            return False
        try:
            while self._buffer:
                seen = self._buffer[0]
                store.observe(
                    seen.model_id,
                    seen.observed_at,
                    seen.status,
                    seen.availability,
                    seen.reason,
                    seen.configuration,
                )
                self._buffer.popleft()
        except DATABASE_ERRORS as exc:
            self._failed("write", exc)
            return False
        self._recovered()
        return True

    def followed(self) -> list[str] | None:
        """The models followed in the app; None when the database cannot say now."""
        store = self.open()
        if store is None or not self._may_try():
            return None
        try:
            found = store.followed()
        except DATABASE_ERRORS as exc:
            self._failed("read", exc)
            return None
        self._recovered()
        return found

    def prune_if_due(self) -> int | None:
        """Forget states older than the retention at start and once an hour after."""
        now = self._monotonic()
        if self._next_prune is not None and now < self._next_prune:
            return None
        store = self.open()
        if store is None or not self._may_try():
            return None
        try:
            removed = store.prune(self._now() - dt.timedelta(days=self._days))
        except DATABASE_ERRORS as exc:
            self._failed("prune", exc)
            return None
        self._next_prune = now + PRUNE_EVERY_S
        if removed:
            log.info("Retention: %d states older than %d days removed.", removed, self._days)
        return removed

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def _may_try(self) -> bool:
        return self._monotonic() >= self._next_try

    def _failed(self, what: str, exc: BaseException) -> None:
        if not self._down:
            log.warning(
                "The history database %s could not %s (%s); the recorder keeps asking the API "
                "and keeps up to %d observations until it is back.",
                safe_url(self._url),
                what,
                type(exc).__name__,
                self._buffer.maxlen,
            )
        else:
            self._backoff_s = min(max(self._backoff_s * 2, 1.0), MAX_BACKOFF_S)
        self._down = True
        self._next_try = self._monotonic() + self._backoff_s

    def _recovered(self) -> None:
        if self._down:
            lost = f", {self._dropped} of the oldest were dropped" if self._dropped else ""
            log.info("The history database is back; what was seen meanwhile is written%s.", lost)
        self._down = False
        self._dropped = 0
        self._backoff_s = self._first_backoff_s
        self._next_try = 0.0
