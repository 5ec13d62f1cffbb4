"""A history kept in memory, for one browser session of the demo: no database at all.

`extended(periods, sighting)` is the store's own rule as a pure function: a sighting in the
same state at most `MAX_GAP` after the latest one extends that period, anything else starts
a new one, and a sighting no newer than the latest is ignored (see `Store.observe`).
`MemoryHistory` keeps each model's periods and its distinct configurations (numbered as
the store numbers them: once each), seeded from a function (the demo's built-in week) and
extended by every sighting the session's lookups make. Thread-safe: a lookup may record
from a worker thread.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any

from sgp.history.states import MAX_GAP, State
from sgp.history.store import canonical_json

# A model's seed: its periods (oldest first) and the configurations they name; a period's
# `config_id` there is an index into that list.
Seed = tuple[list[State], list[dict[str, Any]]]


def extended(periods: list[State], seen: State) -> list[State]:
    """`periods` (oldest first) with one sighting applied, as `Store.observe` applies it."""
    if not periods:
        return [seen]
    latest = periods[-1]
    if seen.last_seen <= latest.last_seen:
        return periods
    if latest.same_state(seen) and seen.first_seen - latest.last_seen <= MAX_GAP:
        grown = replace(latest, last_seen=seen.last_seen, observations=latest.observations + 1)
        return [*periods[:-1], grown]
    return [*periods, seen]


class MemoryHistory:
    """Periods and configurations of the models one session looked at, in memory."""

    def __init__(self, seed: Callable[[str], Seed | None] | None = None) -> None:
        self._seed = seed
        self._periods: dict[str, list[State]] = {}
        self._config_ids: dict[str, int] = {}
        self._configs: dict[int, dict[str, Any]] = {}
        self._lock = threading.Lock()

    def observe(
        self,
        model_id: str,
        observed_at: dt.datetime,
        status: str,
        availability: str | None,
        reason: str | None,
        configuration: Mapping[str, Any] | None,
    ) -> State:
        with self._lock:
            periods = self._seeded(model_id)
            config_id = self._config_id(configuration) if configuration is not None else None
            at = observed_at.astimezone(dt.UTC)
            seen = State(model_id, status, availability, reason, config_id, at, at)
            self._periods[model_id] = extended(periods, seen)
            return self._periods[model_id][-1]

    def states(self, model_id: str, since: dt.datetime | None = None) -> list[State]:
        with self._lock:
            periods = self._seeded(model_id)
        if since is None:
            return list(periods)
        starts = [i for i, state in enumerate(periods) if state.first_seen <= since]
        return periods[starts[-1] if starts else 0 :]

    def configs(self, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        with self._lock:
            return {i: self._configs[i] for i in ids if i in self._configs}

    def _seeded(self, model_id: str) -> list[State]:
        if model_id not in self._periods:
            seed = self._seed(model_id) if self._seed else None
            periods, configurations = seed or ([], [])
            ids = [self._config_id(configuration) for configuration in configurations]
            self._periods[model_id] = [
                replace(p, config_id=ids[p.config_id] if p.config_id is not None else None)
                for p in periods
            ]
        return self._periods[model_id]

    def _config_id(self, configuration: Mapping[str, Any]) -> int:
        body = canonical_json(configuration)
        if body not in self._config_ids:
            self._config_ids[body] = len(self._config_ids) + 1
            self._configs[self._config_ids[body]] = dict(configuration)
        return self._config_ids[body]
