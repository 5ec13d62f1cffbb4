"""Tables of many models (Browse and the status board): the table and the status counts.

The rows and sentences are built in `sgp.present.status_table`; this only draws them. Every
cell that comes from the API is shown through st.dataframe (plain text, no Markdown). The
status is a one-tag list in a read-only MultiselectColumn, which colours known statuses;
a status this app does not know is shown as the API sent it, without colour.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from sgp.present import LOAD_ERROR, NOT_LOADED, STATUSES, md_escape

# Row picking works without a mouse too: glide's grid selects the focused row on Shift+Space.
PICK_A_ROW = "Pick a row to inspect that model (keyboard: Tab into the table, then Shift+Space)."
STATUS_COLORS = {"green": "#21c354", "blue": "#1c83e1", "red": "#ff4b4b", "orange": "#ffa421"}
_TAG_OPTIONS = [info.label for info in STATUSES.values()] + [NOT_LOADED]
_TAG_COLORS = [STATUS_COLORS.get(info.color, "#a3a8b8") for info in STATUSES.values()] + ["#808495"]


def models_table(
    frame: pd.DataFrame, *, key: str, columns: Sequence[str], selectable: bool = False
) -> str | None:
    """Draw the table; with `selectable`, return the ID of the row the visitor picked."""
    shown = frame.assign(Status=frame["Status"].map(lambda label: [label]))
    event = st.dataframe(
        shown,
        key=key,
        hide_index=True,
        column_order=list(columns),
        column_config={
            "Status": st.column_config.MultiselectColumn(
                "Status", options=_TAG_OPTIONS, color=_TAG_COLORS, width=170
            ),
            "Name": st.column_config.TextColumn("Name", width="medium"),
            "Hardware": st.column_config.TextColumn("Hardware", width="large"),
            "Created": st.column_config.DatetimeColumn("Created", format="distance"),
            LOAD_ERROR: st.column_config.TextColumn(
                LOAD_ERROR, width="medium", help="Why this model could not be loaded."
            ),
            "Why": st.column_config.TextColumn(
                "Why / finding",
                width="medium",
                help="Why a failing model fails, else the configuration's top finding.",
            ),
            "Since": st.column_config.TextColumn(
                "Since", help="Since when the model has had this status, from its history."
            ),
            "Up 7 d": st.column_config.TextColumn(
                "Up 7 d",
                help="Share of the observed time it was up in the last 7 days, and how much "
                "of the 7 days was observed.",
            ),
        },
        on_select="rerun" if selectable else "ignore",
        selection_mode="single-row",
    )
    if isinstance(event, DeltaGenerator):  # on_select="ignore": no selection to read
        return None
    rows = event.selection.rows
    return str(frame["ID"].iloc[rows[0]]) if rows else None


def status_counts(statuses: Iterable[str]) -> None:
    """One metric per status seen, known statuses first in a fixed order."""
    counts = Counter(statuses)
    order = [label for label in _TAG_OPTIONS if label in counts]
    order += sorted(label for label in counts if label not in _TAG_OPTIONS)
    with st.container(horizontal=True):
        for label in order:
            # Unknown statuses are the API's text: escaped for the Markdown-rendering label.
            st.metric(md_escape(label, one_line=True), counts[label], border=True, width="content")
