"""History for callers that must never wait on a broken database (the app's pages).

`GuardedStore` opens the store on first use and turns any database failure (down,
unreachable, locked, read-only, a failed migration) into `HistoryUnavailable`, whose
message is plain language and never names the URL or its password. After a failure it
does not touch the database for `COOL_DOWN_S`: at most one slow try per 30 s, every other
call fails at once. A slow try is bounded: connecting by the 2 s connect timeout, a lock or a
statement by `WAIT_S` (unless the caller's opener says otherwise).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from sqlalchemy.exc import SQLAlchemyError

from sgp.history.db import safe_url
from sgp.history.notify.read import Announcement, last_announcements
from sgp.history.states import State
from sgp.history.store import Store, open_store

COOL_DOWN_S = 30.0
# A locked or stalled database fails a page's call after this long instead of holding it.
WAIT_S = 2.0
MESSAGE = "History is unavailable right now: its database did not answer. It will be tried again."
log = logging.getLogger(__name__)
T = TypeVar("T")


class HistoryUnavailable(Exception):
    """The history's database cannot be used now; the message can be shown as it is."""


class GuardedStore:
    """A `Store` that fails fast and plainly; thread-safe."""

    def __init__(
        self,
        url: str,
        *,
        opener: Callable[[str], Store] | None = None,
        clock: Callable[[], float] = time.monotonic,
        cool_down_s: float = COOL_DOWN_S,
    ) -> None:
        self._url = url
        self._opener = opener or (lambda url: open_store(url, wait_s=WAIT_S))
        self._clock = clock
        self._cool_down_s = cool_down_s
        self._store: Store | None = None
        self._failed_at: float | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"GuardedStore({safe_url(self._url)})"

    @property
    def cooling_down(self) -> bool:
        failed_at = self._failed_at
        return failed_at is not None and self._clock() - failed_at < self._cool_down_s

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None

    def observe(
        self,
        model_id: str,
        observed_at: dt.datetime,
        status: str,
        availability: str | None,
        reason: str | None,
        configuration: Mapping[str, Any] | None,
    ) -> State:
        return self._run(
            lambda s: s.observe(model_id, observed_at, status, availability, reason, configuration)
        )

    def states(self, model_id: str, since: dt.datetime | None = None) -> list[State]:
        return self._run(lambda s: s.states(model_id, since))

    def states_many(
        self, model_ids: Iterable[str], since: dt.datetime | None = None
    ) -> dict[str, list[State]]:
        ids = list(model_ids)
        return self._run(lambda s: s.states_many(ids, since))

    def configs(self, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        wanted = list(ids)
        return self._run(lambda s: s.configs(wanted))

    def follow(self, model_id: str, who: str | None) -> None:
        self._run(lambda s: s.follow(model_id, who))

    def unfollow(self, model_id: str) -> None:
        self._run(lambda s: s.unfollow(model_id))

    def followed(self) -> list[str]:
        return self._run(lambda s: s.followed())

    def is_followed(self, model_id: str) -> bool:
        return self._run(lambda s: s.is_followed(model_id))

    def announcements(self, model_id: str, limit: int = 10) -> list[Announcement]:
        """The model's last announcements and their deliveries, newest first."""
        return self._run(lambda s: last_announcements(s, model_id, limit))

    def _run(self, call: Callable[[Store], T]) -> T:
        if self.cooling_down:
            raise HistoryUnavailable(MESSAGE)
        try:
            return call(self._open())
        # ValueError and ImportError: a URL of an unsupported kind or driver, named in the log.
        except (SQLAlchemyError, OSError, ValueError, ImportError) as exc:
            self._failed_at = self._clock()
            # The class only: a driver's message may quote the host, the user or the query.
            log.warning("History database %s failed (%s)", safe_url(self._url), type(exc).__name__)
        raise HistoryUnavailable(MESSAGE)  # outside `except`: no chained driver error

    def _open(self) -> Store:
        with self._lock:
            if self._store is None:
                self._store = self._opener(self._url)
            return self._store
