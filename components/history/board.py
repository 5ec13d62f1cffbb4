"""The board's history: "Since" and "Up 7 d" for every model on it, and the team's status
page (/board?followed=1: every followed model).

All rows' periods come from one `states_many` query (never one per row), cached for 30 s by
the board's IDs and the database's fingerprint. Like the inspect page, only the operator's
key reads the team's history; the demo reads its session's memory; a database that is down
leaves the board as it is without history, with one plain line saying so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from components.cache.ttl import SUCCESS_TTL_S
from components.history import read
from components.history.access import uses_operator_key
from components.history.read import Unavailable
from components.history.sources import TeamHistory, history_source, team_history
from components.shell.navigation import FOLLOWED_PARAM
from sgp.api import Connection
from sgp.history.guard import HistoryUnavailable
from sgp.history.memory import MemoryHistory
from sgp.history.states import State
from sgp.present import LOAD_ERROR, MAX_IDS
from sgp.present.history import BOARD_SINCE, BOARD_UP, UPTIME_WINDOW, board_history_frame
from sgp.present.history_words import zone_of

HISTORY_COLUMNS = (BOARD_SINCE, BOARD_UP)


@st.cache_data(ttl=SUCCESS_TTL_S, max_entries=64, show_spinner=False)
def _team_states(db_fp: str, ids: tuple[str, ...], _history: TeamHistory) -> dict[str, list[State]]:
    _history.writer.wait_idle(read.WAIT_WRITE_S)
    since = dt.datetime.now(dt.UTC) - UPTIME_WINDOW
    return _history.store.states_many(ids, since)


def board_states(
    connection: Connection, ids: Sequence[str]
) -> dict[str, list[State]] | Unavailable | None:
    """Each model's periods of the last 7 days; None when this viewer has no history."""
    source = history_source(connection)
    if source is None:
        return None
    if isinstance(source, MemoryHistory):
        since = dt.datetime.now(dt.UTC) - UPTIME_WINDOW
        return {model_id: source.states(model_id, since) for model_id in ids}
    try:
        return _team_states(source.key, tuple(ids), source)
    except HistoryUnavailable as exc:
        return Unavailable(str(exc))


def with_history(
    connection: Connection, frame: pd.DataFrame, columns: tuple[str, ...]
) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """The board's table and columns, with "Since" and "Up 7 d" after the status, the load
    error and why (these must stay on the first screen of a narrow table), when known."""
    found = board_states(connection, [str(i) for i in frame["ID"]])
    if found is None:
        return frame, columns
    if isinstance(found, Unavailable):
        st.caption(found.message)
        return frame, columns
    zone = zone_of(st.context.timezone)
    shown = board_history_frame(frame, found, dt.datetime.now(dt.UTC), zone)
    after = [c for c in ("Status", LOAD_ERROR, "Why") if c in columns]
    at = max(columns.index(c) for c in after) + 1 if after else len(columns)
    ordered = (*columns[:at], *HISTORY_COLUMNS, *columns[at:])
    if "ID" not in ordered:
        return shown, ordered
    # The ID moves to the end (as on Browse), so that a 1280 px window still shows the name,
    # status, why, since and uptime without scrolling (measured in Chromium). A row that
    # could not load has no name: it is known by its ID, so that is what its Name shows.
    unnamed = shown["Name"].astype(str).str.strip() == ""
    shown = shown.assign(Name=shown["Name"].where(~unnamed, shown["ID"]))
    return shown, (*(c for c in ordered if c != "ID"), "ID")


def followed_ids(connection: Connection) -> list[str] | None:
    """/board?followed=1: the followed models' IDs (the team's status page); None otherwise."""
    if st.query_params.get(FOLLOWED_PARAM) != "1":
        return None
    history = team_history() if uses_operator_key(connection) else None
    if history is None:
        st.info(
            "The team's status page lists the models followed with the team's key; "
            "this connection has no team history.",
            icon=":material/group:",
        )
        return []
    try:
        ids = history.store.followed()
    except HistoryUnavailable as exc:
        st.info(str(exc), icon=":material/database_off:")
        return []
    st.caption(
        f"The team's status page: every followed model ({len(ids):,}). "
        "Follow a model on its inspect page to add it."
    )
    if len(ids) > MAX_IDS:
        st.warning(f"Only the first {MAX_IDS} followed models are shown.")
    return ids[:MAX_IDS]
