"""Recording off the page's path: sightings handed to one background thread through a
bounded queue, so a fetch pays for a queue put (microseconds), never for the database.

The thread writes each sighting through the store it was given (the app's `GuardedStore`,
which fails fast while the database is down: a failure costs the thread, never a page).
When the queue is full (the database is very slow), new sightings are dropped and counted:
the history keeps the periods, and the next sighting extends or starts them again.
`wait_idle` lets a reader that is about to draw the history wait, briefly and boundedly,
for the sightings just handed over.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import threading
import time
from collections.abc import Mapping
from typing import Any, NamedTuple, Protocol

log = logging.getLogger(__name__)
MAX_PENDING = 256


class Sighting(NamedTuple):
    model_id: str
    observed_at: dt.datetime
    status: str
    availability: str | None
    reason: str | None
    configuration: Mapping[str, Any] | None


class Observer(Protocol):
    def observe(
        self,
        model_id: str,
        observed_at: dt.datetime,
        status: str,
        availability: str | None,
        reason: str | None,
        configuration: Mapping[str, Any] | None,
    ) -> object: ...


class BackgroundWriter:
    """Writes sightings to `store` from one daemon thread, started on the first sighting."""

    def __init__(self, store: Observer, max_pending: int = MAX_PENDING) -> None:
        self._store = store
        self._queue: queue.Queue[Sighting] = queue.Queue(max_pending)
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self.dropped = 0

    def submit(self, sighting: Sighting) -> bool:
        """Hand a sighting over without waiting; False when the queue is full (dropped)."""
        self._start()
        try:
            self._queue.put_nowait(sighting)
        except queue.Full:
            self.dropped += 1
            log.warning("History: %d sightings dropped (the database is slow)", self.dropped)
            return False
        return True

    def wait_idle(self, timeout_s: float) -> bool:
        """Wait until every sighting handed over is written (or failed); False on timeout."""
        deadline = time.monotonic() + timeout_s
        done = self._queue.all_tasks_done
        with done:
            while self._queue.unfinished_tasks:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                done.wait(left)
        return True

    def _start(self) -> None:
        if self._thread is not None:
            return
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="history-writer", daemon=True
                )
                self._thread.start()

    def _run(self) -> None:
        while True:
            sighting = self._queue.get()
            try:
                self._store.observe(*sighting)
            except Exception as exc:  # the guard logged it; this thread must live on
                log.debug("History: a sighting was not written (%s)", type(exc).__name__)
            finally:
                self._queue.task_done()
