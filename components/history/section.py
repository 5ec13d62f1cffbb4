"""The summary line near the header, and the History section further down the page.

The section draws after the header and the configuration table: the changes (a table of
plain text, newest first) and the CSV always; the timeline (Vega's JavaScript, a large
download) only while its expander is open, so it never delays what the page is for; then,
for a followed model, what the recorder announced about it (`announcements`).
"""

from __future__ import annotations

import streamlit as st

from components.history.announcements import announcements_part
from components.history.follow import follow_switch
from components.history.read import PageHistory, Unavailable
from components.history.timeline import timeline_chart
from sgp.api import Connection
from sgp.present.history import HistoryView
from sgp.present.history_words import WINDOWS

TIMELINE_OPEN_KEY = "history_timeline_open"
WINDOW_KEY = "history_window"
DEFAULT_WINDOW = "7 d"


def history_summary(history: PageHistory | Unavailable | None) -> None:
    """One line under the header: the status since when, and the week's uptime."""
    if isinstance(history, PageHistory) and history.view.summary_md:
        st.markdown(":material/history: " + history.view.summary_md)


def history_section(
    history: PageHistory | Unavailable | None, model_id: str, connection: Connection
) -> None:
    if history is None:  # a visitor's own key: the team's history is not theirs to see
        return
    st.subheader("History", anchor=False)
    if isinstance(history, Unavailable):
        st.info(history.message, icon=":material/database_off:")
        return
    view = history.view
    followed = (
        follow_switch(history.store, model_id, connection) if history.store is not None else False
    )
    # What the recorder announced is shown while the model is followed (the switch's
    # value, so it appears as soon as someone follows it); the demo has no recorder.
    announced = history.announcements if followed else None
    if view.empty:
        st.caption("Nothing recorded yet: each lookup with the team's key adds to it.")
    else:
        st.caption(
            f"Times in {view.zone_name}. "
            "Time nobody observed is shown as a gap: neither up nor down."
        )
        changes_part(view)
    if announced is not None:
        if view.empty and not announced.empty:
            st.caption(f"Times in {announced.zone_name}.")
        announcements_part(announced)


def changes_part(view: HistoryView) -> None:
    """The timeline (drawn only while open), the changes and their CSV."""
    box = st.expander(
        "Timeline", icon=":material/timeline:", key=TIMELINE_OPEN_KEY, on_change="rerun"
    )
    if box.open:
        with box:
            windows = list(WINDOWS)
            # A radio, not a segmented control: its selected segment's red on pink measured
            # 4.47:1 in the light theme (axe asks 4.5:1).
            chosen = st.radio(
                "Window",
                windows,
                index=windows.index(DEFAULT_WINDOW),
                horizontal=True,
                key=WINDOW_KEY,
            )
            timeline_chart(view.timeline(chosen or DEFAULT_WINDOW))
    st.markdown("**Changes**, newest first")
    st.dataframe(view.changes_table, hide_index=True)
    csv = view.csv
    st.download_button(
        "Download changes (CSV)",
        data=lambda: csv,  # sent when clicked, not with every run
        file_name=view.csv_name,
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key="history_csv",
    )
