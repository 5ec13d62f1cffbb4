"""One model's history for the page: read once per lookup, worded for this viewer.

The team's periods are read through the guard and cached with the lookup (keyed by the
database's fingerprint, the model and the lookup's fetch time; 30 s like the lookup), after
waiting at most `WAIT_WRITE_S` for the sighting this run's fetch just handed to the writer.
The same read takes the model's last announcements (what the recorder sent about it, shown
only while it is followed). A cached rerun reads nothing. The views (`sgp.present.history`,
`sgp.present.announcements`) depend on the clock and the viewer's time zone, so they are
cached per minute and zone. The database down: the page gets `Unavailable` with the
guard's plain message, and everything else draws as without history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import streamlit as st

from components.cache.lookups import Found
from components.cache.ttl import SUCCESS_TTL_S
from components.history.sources import TeamHistory, history_source
from sgp.api import Connection
from sgp.history.guard import HistoryUnavailable
from sgp.history.memory import MemoryHistory
from sgp.history.notify.read import Announcement
from sgp.history.states import State
from sgp.present.announcements import AnnouncementsView, announcements_view
from sgp.present.history import HistoryView, history_view
from sgp.present.history_words import WINDOWS, zone_of

WAIT_WRITE_S = 0.25
READ_SPAN = max(WINDOWS.values())
LAST_ANNOUNCEMENTS = 10
Periods = tuple[list[State], dict[int, dict[str, Any]]]


@dataclass(frozen=True)
class PageHistory:
    """What the page shows of a model's history; `store` and `announcements` are set for
    the team's (Follow, and what the recorder announced)."""

    view: HistoryView
    store: TeamHistory | None
    periods: Periods
    announcements: AnnouncementsView | None = None

    def in_utc(self, model_id: str) -> HistoryView:
        """The view again with times in UTC, for a file (a report), built when asked."""
        states, configs = self.periods
        return history_view(model_id, states, configs, dt.datetime.now(dt.UTC), zone_of("UTC"))


@dataclass(frozen=True)
class Unavailable:
    message: str


@st.cache_data(ttl=SUCCESS_TTL_S, max_entries=256, show_spinner=False)
def _team_read(
    db_fp: str, model_id: str, fetched_at: str, _history: TeamHistory
) -> tuple[Periods, list[Announcement]]:
    _history.writer.wait_idle(WAIT_WRITE_S)
    since = dt.datetime.now(dt.UTC) - READ_SPAN
    periods = _history.store.states(model_id, since)
    configs = _history.store.configs(_config_ids(periods))
    return (periods, configs), _history.store.announcements(model_id, LAST_ANNOUNCEMENTS)


def _config_ids(periods: list[State]) -> set[int]:
    return {p.config_id for p in periods if p.config_id is not None}


@st.cache_resource(ttl=60, max_entries=256, show_spinner=False)
def _view(
    source: str, model_id: str, fetched_at: str, zone: str, minute: str, _periods: Any
) -> HistoryView:
    states, configs = _periods
    return history_view(model_id, states, configs, dt.datetime.now(dt.UTC), zone_of(zone))


@st.cache_resource(ttl=60, max_entries=256, show_spinner=False)
def _announced(
    source: str, model_id: str, fetched_at: str, zone: str, minute: str, _found: Any
) -> AnnouncementsView:
    return announcements_view(_found, dt.datetime.now(dt.UTC), zone_of(zone))


def page_history(found: Found, connection: Connection) -> PageHistory | Unavailable | None:
    """This lookup's history for this viewer; None when they have none (a visitor's key)."""
    source = history_source(connection)
    if source is None:
        return None
    fetched_at = found.fetched_at.isoformat()
    now = dt.datetime.now(dt.UTC)
    zone = st.context.timezone or "UTC"
    minute = f"{now:%Y%m%d%H%M}"
    if isinstance(source, MemoryHistory):  # the demo: no recorder, so nothing announced
        key = "demo:" + st.session_state.get("demo_scope", "")
        states = source.states(found.model_id)
        periods: Any = (states, source.configs(_config_ids(states)))
        view = _view(key, found.model_id, fetched_at, zone, minute, periods)
        return PageHistory(view, None, periods)
    try:
        periods, announced = _team_read(source.key, found.model_id, fetched_at, source)
    except HistoryUnavailable as exc:
        return Unavailable(str(exc))
    view = _view(source.key, found.model_id, fetched_at, zone, minute, periods)
    words = _announced(source.key, found.model_id, fetched_at, zone, minute, announced)
    return PageHistory(view, source, periods, words)
