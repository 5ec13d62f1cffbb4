"""The status board's building blocks: the IDs (kept in the URL), loading, table, download,
and "Watch all" (`components.board.watch`).

The IDs field is bound to the `ids` query parameter, so /board?ids=a,b,c is a link to the
same board. A model that fails to load is a row with its own plain error, never a broken
board. Streamlit calls happen in the script thread only: the progress bar moves from the
`on_done` callback, which `sgp.api.fetch.fetch_models` runs in the caller's thread.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.board.data import board_models, forget
from components.board.watch import board_watch_controls, deploying, watch_board
from components.model.status_table import (
    COLUMNS,
    LOAD_ERROR,
    PICK_A_ROW,
    error_row,
    model_row,
    models_frame,
    models_table,
    status_counts,
)
from components.shell.navigation import open_model
from components.watch.record import forget_watches
from sgp.api import Connection, InferenceModel, Outcome, SGPError
from sgp.demo import FEATURED_IDS
from sgp.present import MAX_IDS, needs_attention, parse_ids, plural, to_csv

IDS_KEY = "ids"
DEMO_MISSING_ID = "demo-no-such-model"
TABLE_COLUMNS = [
    "ID",
    "Name",
    "Status",
    LOAD_ERROR,
    "Why",
    "Availability",
    "Vendor",
    "Hardware",
    "Created",
]


def _fill_demo_ids() -> None:
    st.session_state[IDS_KEY] = "\n".join([*FEATURED_IDS, DEMO_MISSING_ID])


def board_ids(connection: Connection) -> list[str]:
    """The distinct IDs typed, pasted or linked, at most MAX_IDS (a message says if cut)."""
    if connection.is_demo:
        st.button(
            "Try it with the demo models",
            key="board_demo",
            icon=":material/science:",
            type="tertiary",
            on_click=_fill_demo_ids,
        )
    text = st.text_area(
        "Model IDs",
        key=IDS_KEY,
        bind="query-params",
        placeholder="Paste model IDs, separated by commas, spaces or new lines",
        help=f"Up to {MAX_IDS} IDs. The address bar becomes a link to this board.",
    )
    ids = parse_ids(text)
    if len(ids) > MAX_IDS:
        st.warning(
            f"You entered {len(ids):,} different IDs, but the board shows at most {MAX_IDS}. "
            f"Only the first {MAX_IDS} are shown below; put the other {len(ids) - MAX_IDS:,} "
            "on a second board.",
            icon=":material/playlist_remove:",
        )
        ids = ids[:MAX_IDS]
    return ids


def board(connection: Connection, ids: list[str]) -> None:
    """Load every ID concurrently with a progress bar, then counts, table and download;
    with "Watch all" on, refreshed while any model is deploying."""
    with st.container(horizontal=True, vertical_alignment="bottom"):
        refresh = st.button("Refresh all", key="board_refresh", icon=":material/refresh:")
        watching, every = board_watch_controls()
    if refresh:
        forget(connection, ids)
    bar = st.progress(0.0, text=f"Loading {len(ids):,} models…")

    def on_done(done: int, total: int) -> None:
        bar.progress(done / total, text=f"Loaded {done:,} of {total:,} models…")

    results = board_models(connection, ids, on_done)
    bar.empty()
    if watching and deploying(results):
        watch_board(connection, ids, every, board_results)
        return
    forget_watches()  # nothing is kept for a board that is not being watched
    if watching:
        st.caption("Not watching: no model on the board is deploying.")
    board_results(results)


def board_results(results: dict[str, Outcome]) -> None:
    """Counts, the models needing attention, the table (a row opens a model) and the CSV."""
    frame = models_frame(
        error_row(model_id, result) if isinstance(result, SGPError) else model_row(result)
        for model_id, result in results.items()
    )
    failed = sum(isinstance(result, SGPError) for result in results.values())
    note = f"; {failed:,} could not be loaded (see {LOAD_ERROR})" if failed else ""
    st.caption(f"{len(results):,} {plural(len(results), 'model')}{note}. {PICK_A_ROW}")
    status_counts(frame["Status"])
    troubled = sum(
        needs_attention(result) for result in results.values() if isinstance(result, InferenceModel)
    )
    st.markdown(
        f":material/report: **{troubled:,} {plural(troubled, 'model')} with problems**: failing, "
        "or with a configuration problem (see Why / finding)."
    )
    # The load error column only when a row could not be loaded: it is empty for the others.
    columns = TABLE_COLUMNS if failed else [c for c in TABLE_COLUMNS if c != LOAD_ERROR]
    chosen = models_table(frame, key="board_table", columns=columns, selectable=True)
    if chosen:
        open_model(chosen)
    created = frame["Created"].map(lambda t: "" if pd.isna(t) else t.isoformat())
    st.download_button(
        "Download CSV",
        data=to_csv(frame.assign(Created=created)[COLUMNS]),
        file_name="sgp-status-board.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key="board_csv",
    )
