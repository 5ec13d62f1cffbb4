"""Watch: the model's header, refreshed every few seconds while the model is deploying.

With the "Watch" switch on and the status `deploying`, the header is drawn by a fragment
with `run_every`: each tick makes one request (a refresh of the shared cache entry) and
redraws only the header. A final status (ready, failed, timed out) ends it: the fragment
calls `st.rerun()`, and the full run draws the page without the ticking fragment. The
statuses seen, with their times, are kept in the session state for the one model being
watched (per connection and model ID); with Watch off nothing is kept.

It never hammers the API: checks follow the one watch clock (`sgp.watch.WatchClock`: after
a failure it waits what the error asks, else twice the interval, up to 60 s), and ticks
during that wait make no request. `run_every` is fixed when the fragment is called, so a
new interval takes effect on the next full run (changing the field causes one).
"""

from __future__ import annotations

import time

import pandas as pd
import streamlit as st

from components.cache.lookups import Failed, Found, lookup_model
from components.model.header import model_header
from components.watch.controls import waiting_warning, watch_controls
from components.watch.record import WatchRecord, forget_watches, watch_record
from sgp.api import Connection
from sgp.present import (
    FINAL_STATUSES,
    WATCHED_STATUSES,
    HeaderView,
    header_view,
    md_escape,
    status_label,
)

DEFAULT_EVERY_S = 5
KIND = "model"


def _timeline(state: WatchRecord) -> None:
    if not state.timeline:
        return
    st.caption("Statuses seen while watching (times in UTC):")
    frame = pd.DataFrame(
        [{"seen at": f"{when:%H:%M:%S}", "status": status_label(s)} for when, s in state.timeline]
    )
    st.dataframe(frame, hide_index=True, width="content")


def watch_step(connection: Connection, model_id: str, every: float) -> WatchRecord:
    """One tick of the watch: check the model unless waiting, record it, react to a change.

    On the tick that first sees another status than `deploying` (a final one, or one this
    app does not know) it queues a toast and calls `st.rerun()`: the full run then draws
    the page without the ticking fragment.
    """
    state = watch_record(KIND, connection, [model_id])
    now = time.monotonic()
    if state.fresh:  # drawn by the full run with the page's own lookup: no request
        state.fresh = False
        return state
    if not state.clock.due(now):
        return state
    result = lookup_model(connection, model_id, refresh=True)
    if isinstance(result, Failed):
        state.clock.failed(result.error, every, now)
        return state
    state.clock.succeeded()
    if state.observe(result.model, result.fetched_at):
        status = result.model.status
        text = "Status changed to " + md_escape(status_label(status), one_line=True) + "."
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
    checks = state.clock.checks
    note = f"Watching: checking every {every:g} s while it is deploying · {checks} checks"
    st.caption(note, help="Stops by itself when the model is ready, failed or timed out.")
    waiting_warning(state.clock)
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
        forget_watches()
        model_header(header)
        return
    state = watch_record(KIND, connection, [model.id])
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
