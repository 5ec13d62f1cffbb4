"""The status board's building blocks: the IDs (kept in the URL), loading, table, download,
and "Watch all" (`components.board.watch`).

The IDs field is bound to the `ids` query parameter, so /board?ids=a,b,c is a link to the
same board. A model that fails to load is a row with its own plain error, never a broken
board. Streamlit calls happen in the script thread only: the progress bar moves from the
`on_done` callback, which `sgp.api.fetch.fetch_models` runs in the caller's thread.
"""

from __future__ import annotations

import streamlit as st

from components.board.data import board_models, forget
from components.board.watch import board_watch_controls, deploying, watch_board
from components.cache.lookups import Found, Lookup
from components.cache.views import board_row_of
from components.model.status_table import PICK_A_ROW, models_table, status_counts
from components.shell.navigation import open_model
from components.watch.record import forget_watches
from sgp.api import Connection
from sgp.demo import FEATURED_IDS
from sgp.present import BOARD_CSV_NAME, MAX_IDS, board_view, parse_ids

IDS_KEY = "ids"
DEMO_MISSING_ID = "demo-no-such-model"


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
        watch_board(connection, ids, every, lambda shown: board_results(connection, shown))
        return
    forget_watches()  # nothing is kept for a board that is not being watched
    if watching:
        st.caption("Not watching: no model on the board is deploying.")
    board_results(connection, results)


def board_results(connection: Connection, results: dict[str, Lookup]) -> None:
    """Counts, the models needing attention, the table (a row opens a model) and the CSV."""
    view = board_view(
        [
            board_row_of(result, connection)
            if isinstance(result, Found)
            else (model_id, result.error)
            for model_id, result in results.items()
        ]
    )
    st.caption(f"{view.count_sentence} {PICK_A_ROW}")
    status_counts(view.frame["Status"])
    st.markdown(view.troubled_md)
    chosen = models_table(view.frame, key="board_table", columns=view.columns, selectable=True)
    if chosen:
        open_model(chosen)
    st.download_button(
        "Download CSV",
        data=view.csv,  # built when clicked
        file_name=BOARD_CSV_NAME,
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key="board_csv",
    )
