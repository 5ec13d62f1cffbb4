"""One round of the recorder: every followed model asked once, what each answer said.

`poll` asks the API for each ID once through `sgp.api.fetch_models` (the board's pool)
and keeps, per model, the status, availability and reason exactly as the API sent them
and the configuration (`configuration_of`). A model that cannot be loaded (404, 401, the
network) is a failure of that model, not of the round. A 429 ends the round early: the
IDs not yet asked are not asked, and `retry_after_s` says how long the API asked to wait.
A stop request (SIGTERM) does the same, so a round stops between two requests.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sgp.api import (
    DEFAULT_WORKERS,
    InferenceModel,
    ModelReader,
    RateLimitError,
    SGPClient,
    SGPError,
    fetch_models,
)
from sgp.history.store import configuration_of, state_of


@dataclass(frozen=True)
class Observation:
    """What the API said about one model at one time (the store's `observe` arguments)."""

    model_id: str
    observed_at: dt.datetime
    status: str
    availability: str | None
    reason: str | None
    configuration: Mapping[str, Any] = field(repr=False)


@dataclass(frozen=True)
class Round:
    """One round: what was observed, what failed (model ID -> plain reason), what was skipped.

    `stored` says whether the observations reached the database by the end of the round
    (False while it is down: they wait in the recorder's buffer).
    """

    number: int
    started_at: dt.datetime
    observations: tuple[Observation, ...]
    failures: Mapping[str, str]
    skipped: tuple[str, ...] = ()
    retry_after_s: float | None = None  # a 429 asked to wait this long (0: no value given)
    stored: bool = False


class _Skipped(SGPError):
    """Not asked: the round ended early (a 429 or a stop request)."""


def poll(
    client: SGPClient,
    ids: Sequence[str],
    *,
    number: int = 0,
    stop: threading.Event | None = None,
    max_workers: int = DEFAULT_WORKERS,
    clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
) -> Round:
    """Ask for each ID once; never raises for a model's failure."""
    started_at = clock()
    raws: dict[str, tuple[dt.datetime, dict[str, Any]]] = {}
    limited = threading.Event()
    stop = stop or threading.Event()

    def get(c: ModelReader, model_id: str) -> InferenceModel:
        if limited.is_set() or stop.is_set():
            raise _Skipped("not asked")
        try:
            raw, model = c.get_model_and_raw(model_id)
        except RateLimitError:
            limited.set()
            raise
        raws[model_id] = (clock(), raw)
        return model

    outcomes = fetch_models(client, ids, max_workers=max_workers, get=get)
    observations, failures, skipped = [], {}, []
    retry_after: float | None = None
    for model_id, outcome in outcomes.items():
        if isinstance(outcome, _Skipped):
            skipped.append(model_id)
        elif isinstance(outcome, RateLimitError):
            failures[model_id] = _plain(outcome)
            asked = outcome.retry_after_s or 0.0
            retry_after = max(retry_after or 0.0, asked)
        elif isinstance(outcome, SGPError):
            failures[model_id] = _plain(outcome)
        else:
            seen_at, raw = raws[model_id]
            observations.append(_observation(model_id, seen_at, raw))
    observations.sort(key=lambda seen: seen.observed_at)
    return Round(
        number=number,
        started_at=started_at,
        observations=tuple(observations),
        failures=failures,
        skipped=tuple(skipped),
        retry_after_s=retry_after,
    )


def _observation(model_id: str, seen_at: dt.datetime, raw: Mapping[str, Any]) -> Observation:
    status, availability, reason = state_of(raw)
    return Observation(
        model_id=model_id,
        observed_at=seen_at,
        status=status,
        availability=availability,
        reason=reason,
        configuration=configuration_of(raw),
    )


def _plain(error: SGPError) -> str:
    """A failure for the log: its kind and the API's own short message (never the key)."""
    status = f" (HTTP {error.status_code})" if error.status_code else ""
    return f"{type(error).__name__}{status}: {error.message[:200]!r}"  # repr: one log line
