"""Watch: the model's header, refreshed every few seconds while the model is deploying.

With the "Watch" switch on and the status `deploying`, the header is drawn by a fragment
with `run_every`: each tick makes one request (a refresh of the shared cache entry) and
redraws only the header. A final status (ready, failed, timed out) ends it: the fragment
calls `st.rerun()`, and the full run draws the page without the ticking fragment. The
statuses seen, with their times, are kept in the session state for the one model being
watched (per connection and model ID); with Watch off nothing is kept.

It never hammers the API: after a 429 it waits what Retry-After asks (read by
`sgp.api.retry_after_seconds`, up to 60 s like the client's retries; twice the interval,
up to 60 s, when the API gave no time), after other failures twice the interval;
ticks during that wait make no request. `run_every` is fixed when the fragment is called,
so a new interval takes effect on the next full run (changing the field causes one).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from components.cache.lookups import Failed, Found, lookup_model
from components.model.header import model_header
from components.model.watching import (
    FINAL_STATUSES,
    MAX_BACKOFF_S,
    WATCHED_STATUSES,
    watch_controls,
)
from sgp.api import (
    Connection,
    InferenceModel,
    RateLimitError,
    SGPError,
    retry_after_seconds,
)
from sgp.present import HeaderView, header_view, md_escape, status_info
from sgp.team import OverBudgetError

DEFAULT_EVERY_S = 5
MAX_TIMELINE = 100
STATE_PREFIX = "watch-state-"


@dataclass
class WatchState:
    """What one session's watch of one model has seen; plain data, no Streamlit."""

    timeline: list[tuple[dt.datetime, str]] = field(default_factory=list)
    model: InferenceModel | None = None
    checks: int = 0
    wait_s: float = 0.0
    next_check_at: float = 0.0
    problem: str | None = None
    fresh: bool = False
    pending_toast: str | None = None

    def observe(self, model: InferenceModel, seen_at: dt.datetime) -> bool:
        """Record the model; True when its status differs from the last one seen."""
        self.model = model
        last = self.timeline[-1][1] if self.timeline else None
        if last == model.status:
            return False
        self.timeline.append((seen_at, str(model.status)))
        del self.timeline[:-MAX_TIMELINE]
        return last is not None

    def due(self, now: float) -> bool:
        return now >= self.next_check_at

    def failed(self, error: SGPError, every: float, now: float) -> float:
        """Back off after a failed check; returns the seconds until the next check."""
        wait = min(max(self.wait_s, every) * 2, MAX_BACKOFF_S)
        if isinstance(error, RateLimitError):
            asked = retry_after_seconds(error.retry_after)  # capped as the client caps it
            if asked is not None:
                wait = max(asked, every)
        if isinstance(error, OverBudgetError):  # this person's budget: wait until it allows
            wait = max(float(error.wait_s), every)
        self.wait_s, self.next_check_at, self.problem = wait, now + wait, error.title
        return wait

    def succeeded(self) -> None:
        self.wait_s, self.next_check_at, self.problem = 0.0, 0.0, None


def _forget_watches(keep: str | None = None) -> None:
    """Drop every watch record of this session but `keep`: one model is watched at a time."""
    for key in [k for k in st.session_state if str(k).startswith(STATE_PREFIX) and k != keep]:
        del st.session_state[key]


def _state(connection: Connection, model_id: str) -> WatchState:
    """This model's watch record; the records of models watched before are dropped."""
    scope = "|".join(
        [connection.base_url, connection.account_id or "", connection.key_fingerprint, model_id]
    )
    key = STATE_PREFIX + hashlib.sha256(scope.encode("utf-8")).hexdigest()[:24]
    _forget_watches(keep=key)
    if key not in st.session_state:
        st.session_state[key] = WatchState()
    return st.session_state[key]


def _label(status: str) -> str:
    info = status_info(status)
    return info.label if info.known else str(status)


def _timeline(state: WatchState) -> None:
    if not state.timeline:
        return
    st.caption("Statuses seen while watching (times in UTC):")
    frame = pd.DataFrame(
        [{"seen at": f"{when:%H:%M:%S}", "status": _label(s)} for when, s in state.timeline]
    )
    st.dataframe(frame, hide_index=True, width="content")


def watch_step(connection: Connection, model_id: str, every: float) -> WatchState:
    """One tick of the watch: check the model unless waiting, record it, react to a change.

    On the tick that first sees another status than `deploying` (a final one, or one this
    app does not know) it queues a toast and calls `st.rerun()`: the full run then draws
    the page without the ticking fragment.
    """
    state = _state(connection, model_id)
    now = time.monotonic()
    if state.fresh:  # drawn by the full run with the page's own lookup: no request
        state.fresh = False
        return state
    if not state.due(now):
        return state
    result = lookup_model(connection, model_id, refresh=True)
    state.checks += 1
    if isinstance(result, Failed):
        state.failed(result.error, every, now)
        return state
    state.succeeded()
    if state.observe(result.model, result.fetched_at):
        status = result.model.status
        text = "Status changed to " + md_escape(_label(status), one_line=True) + "."
        if status not in WATCHED_STATUSES:  # final, or unknown: the full page decides
            state.pending_toast = text + (" Watch stopped." if status in FINAL_STATUSES else "")
            st.rerun()
        st.toast(text, icon=":material/notifications:")
    return state


def live_header(connection: Connection, model_id: str, every: float) -> None:
    """The fragment's body: one watch step, then the header and the timeline."""
    state = watch_step(connection, model_id, every)
    assert state.model is not None
    model_header(header_view(state.model))
    note = f"Watching: checking every {every:g} s while it is deploying · {state.checks} checks"
    st.caption(note, help="Stops by itself when the model is ready, failed or timed out.")
    if state.problem:
        st.warning(
            f"**Could not refresh: {state.problem}.** Next check in {state.wait_s:g} s.",
            icon=":material/hourglass:",
        )
    _timeline(state)


def watch_header(result: Found, connection: Connection, header: HeaderView | None = None) -> None:
    """The model's header, with the Watch switch; live while watching a deploying model.

    `header` is the lookup's cached header view; without it, it is built from the model.
    """
    model = result.model
    header = header or header_view(model)
    on, every = watch_controls(
        "Watch",
        "watch",
        "Refresh this model every few seconds while it is deploying.",
        DEFAULT_EVERY_S,
    )
    if not on:  # nothing is kept for a model that is only viewed
        _forget_watches()
        model_header(header)
        return
    state = _state(connection, model.id)
    if state.pending_toast:
        st.toast(state.pending_toast, icon=":material/notifications:")
        state.pending_toast = None
    state.observe(model, result.fetched_at)
    if model.status in WATCHED_STATUSES:
        state.fresh = True
        st.fragment(live_header, run_every=every)(connection, model.id, every)
        return
    model_header(header)
    if model.status in FINAL_STATUSES:
        st.caption("Not watching: this status is final, so it will not change by itself.")
    else:
        st.caption("Not watching: the watch runs only while a model is deploying.")
    _timeline(state)
