"""Browse's building blocks: the filters (kept in the URL), the results, and "load more".

Filters are widgets bound to query parameters (`vendor`, `name`, `sort`), so the address
bar is always a link to the same view. A bound selectbox puts its shown label in the URL
(?vendor=LLM+Engine&sort=Oldest+first), so labels are kept short and stable. Picking a row
opens that model on the inspect page.
"""

from __future__ import annotations

import streamlit as st

from components.browse.data import Filters, Loaded, load_more, reload
from components.model.status_table import PICK_A_ROW, models_table, status_counts
from components.shell.errors import show_error
from components.shell.navigation import open_board, open_model
from sgp.api import MAX_FILTER_CHARS, Connection, InferenceModelVendor, SGPError, validate_filter
from sgp.present import BROWSE_COLUMNS, MAX_IDS, vendor_name

SORTS = {
    "newest": ("created_at", "desc", "Newest first"),
    "oldest": ("created_at", "asc", "Oldest first"),
    "name": ("name", "asc", "Name A to Z"),
    "name_desc": ("name", "desc", "Name Z to A"),
}
ALL_VENDORS = ""
VENDORS = [ALL_VENDORS] + [vendor.value for vendor in InferenceModelVendor]


def browse_filters() -> Filters:
    """Vendor, name and sort, each bound to a query parameter of the same name."""
    with st.container(horizontal=True, vertical_alignment="bottom"):
        vendor = st.selectbox(
            "Vendor",
            VENDORS,
            format_func=lambda v: vendor_name(v) if v else "All vendors",
            key="vendor",
            bind="query-params",
        )
        name = st.text_input(
            "Name contains",
            key="name",
            bind="query-params",
            placeholder="Part of a model's name",
            max_chars=MAX_FILTER_CHARS,
        )
        sort = st.selectbox(
            "Sort",
            list(SORTS),
            format_func=lambda s: SORTS[s][2],
            key="sort",
            bind="query-params",
        )
    sort_by, sort_order, _ = SORTS.get(sort or "newest", SORTS["newest"])
    try:  # a linked ?name= is not held to max_chars: refuse it before any request
        name = validate_filter(name or "")
    except SGPError as exc:
        show_error(exc)
        st.stop()
    return (vendor or None, name or None, sort_by, sort_order)


def browse_results(connection: Connection, filters: Filters, loaded: Loaded) -> None:
    """Counts, the table (a picked row opens the model) and the actions under it."""
    view = loaded.view()
    if loaded.error is not None and not view.ids:
        show_error(loaded.error)
        return
    if not view.ids:
        st.info("No model matches these filters.", icon=":material/search_off:")
        return
    st.caption(f"{view.count_sentence} {PICK_A_ROW}")
    status_counts(view.frame["Status"])
    chosen = models_table(view.frame, key="browse_table", columns=BROWSE_COLUMNS, selectable=True)
    if chosen:
        open_model(chosen)
    if loaded.error is not None:
        st.caption("Loading more models failed:")
        show_error(loaded.error)
    _actions(connection, filters, loaded, list(view.ids))


def _actions(connection: Connection, filters: Filters, loaded: Loaded, ids: list[str]) -> None:
    with st.container(horizontal=True):
        # Return values, not on_click: a replica that takes over a session after a fail-over
        # runs no callback for a widget it has not drawn, so the first click would be lost.
        more = st.button(
            "Load more",
            key="load_more",
            icon=":material/expand_more:",
            disabled=not loaded.has_more,
            help="Fetch the next page of models." if loaded.has_more else "All models shown.",
        )
        again = st.button("Refresh", key="browse_refresh", icon=":material/refresh:")
        board = st.button(
            (
                f"Open these {min(len(ids), MAX_IDS):,} on the status board"
                if len(ids) > 1
                else "Open it on the status board"
            ),
            key="to_board",
            icon=":material/dashboard:",
        )
    if len(ids) > MAX_IDS:
        st.caption(f"The status board takes the first {MAX_IDS} models.")
    if more or again:  # the pages shown change: draw them again with what was fetched
        (load_more if more else reload)(connection, filters)
        st.rerun()
    if board:
        open_board(ids)
