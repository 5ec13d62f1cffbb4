"""Tables of many models (Browse and the status board): rows, a coloured status, counts.

Every cell that comes from the API is shown through st.dataframe (plain text, no Markdown).
The status is a one-tag list in a read-only MultiselectColumn, which colours known statuses;
a status this app does not know is shown as the API sent it, without colour.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from sgp.api import InferenceModel, SGPError
from sgp.present import (
    STATUSES,
    attention,
    availability_name,
    hardware_summary,
    md_escape,
    model_type_name,
    status_info,
    vendor_name,
)

NOT_LOADED = "Could not load"
# Row picking works without a mouse too: glide's grid selects the focused row on Shift+Space.
PICK_A_ROW = "Pick a row to inspect that model (keyboard: Tab into the table, then Shift+Space)."
COLUMNS = [
    "Name",
    "Status",
    "Why",
    "Availability",
    "Vendor",
    "Type",
    "Hardware",
    "Created",
    "ID",
    "Problem",
]
STATUS_COLORS = {"green": "#21c354", "blue": "#1c83e1", "red": "#ff4b4b", "orange": "#ffa421"}
_TAG_OPTIONS = [info.label for info in STATUSES.values()] + [NOT_LOADED]
_TAG_COLORS = [STATUS_COLORS.get(info.color, "#a3a8b8") for info in STATUSES.values()] + ["#808495"]


def status_label(status: str) -> str:
    """Our label for a known status; the API's own text for one this app does not know."""
    info = status_info(status)
    return info.label if info.known else (str(status) or "(empty status)")


def model_row(model: InferenceModel) -> dict[str, object]:
    return {
        "Name": model.name,
        "Status": status_label(model.status),
        "Why": attention(model),
        "Availability": availability_name(model.model_availability),
        "Vendor": vendor_name(model.model_vendor),
        "Type": model_type_name(model.model_type),
        "Hardware": hardware_summary(model) or "",
        "Created": model.created_at,
        "ID": model.id,
        "Problem": "",
    }


def error_row(model_id: str, error: SGPError) -> dict[str, object]:
    return {
        "Name": "",
        "Status": NOT_LOADED,
        "Why": "",
        "Availability": "",
        "Vendor": "",
        "Type": "",
        "Hardware": "",
        "Created": None,
        "ID": model_id,
        "Problem": f"{error.title}: {error.message}",
    }


def models_frame(rows: Iterable[dict[str, object]]) -> pd.DataFrame:
    """Rows as a table with a real datetime column (UTC), ready to show or export."""
    frame = pd.DataFrame(list(rows), columns=COLUMNS)
    frame["Created"] = pd.to_datetime(frame["Created"], utc=True)
    return frame


def models_table(
    frame: pd.DataFrame, *, key: str, columns: list[str], selectable: bool = False
) -> str | None:
    """Draw the table; with `selectable`, return the ID of the row the visitor picked."""
    shown = frame.assign(Status=frame["Status"].map(lambda label: [label]))
    event = st.dataframe(
        shown,
        key=key,
        hide_index=True,
        column_order=columns,
        column_config={
            "Status": st.column_config.MultiselectColumn(
                "Status", options=_TAG_OPTIONS, color=_TAG_COLORS, width=170
            ),
            "Name": st.column_config.TextColumn("Name", width="medium"),
            "Hardware": st.column_config.TextColumn("Hardware", width="large"),
            "Created": st.column_config.DatetimeColumn("Created", format="distance"),
            "Problem": st.column_config.TextColumn("Problem", width="medium"),
            "Why": st.column_config.TextColumn(
                "Why / finding",
                width="medium",
                help="Why a failing model fails, else the configuration's top finding.",
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
