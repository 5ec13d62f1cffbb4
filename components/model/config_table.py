"""The vendor configuration as a filterable table, contract defaults marked, with CSV download."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sgp.present import NO_FINDINGS, NOTE, PROBLEM, WARNING, ConfigView, to_csv

COLUMNS = {
    "section": st.column_config.TextColumn("Section", width="small"),
    "field": st.column_config.TextColumn("Field", width="medium"),
    "value": st.column_config.TextColumn("Value", width="large"),
    # The fields a finding names, tagged with its severity (read-only, coloured tags).
    "finding": st.column_config.MultiselectColumn(
        "Finding",
        options=[PROBLEM, WARNING, NOTE],
        color=["#ff4b4b", "#ffa421", "#1c83e1"],
        width="small",
    ),
    "default": st.column_config.TextColumn("Contract default", width="small"),
    "is_default": st.column_config.CheckboxColumn("Is default", width="small"),
}

ORDER = ["section", "field", "value", "finding", "default", "is_default"]


def _matches(frame: pd.DataFrame, needle: str) -> pd.Series:
    text = frame["field"].str.cat(frame["value"], sep=" ").str.lower()
    return text.str.contains(needle.lower(), regex=False)


def config_table(config: ConfigView) -> None:
    st.header("Configuration", anchor=False)
    if config.empty:
        st.caption("This model has no vendor configuration (hosted models have none).")
        return
    needle = st.text_input(
        "Filter the configuration",  # hidden, but what a screen reader says
        key="config_filter",
        placeholder="Filter by field or value, e.g. gpu or workers",
        label_visibility="collapsed",
        icon=":material/filter_list:",
    ).strip()
    total = len(config.shown)
    # Unfiltered (nearly always), the table drawn is the one converted once per lookup.
    shown = config.shown[_matches(config.shown, needle)] if needle else config.table
    rows = len(shown) if needle else total
    st.caption(
        f"{rows} of {total} values shown · {config.defaults} equal the contract's default "
        "(ticked in the last column)." + ("" if config.findings else f" {NO_FINDINGS}")
    )
    st.dataframe(
        shown,
        hide_index=True,
        height=min(38 + 35 * rows, 640),
        column_config=COLUMNS,
        column_order=ORDER,
    )
    frame = config.frame
    st.download_button(
        "Download configuration (CSV)",
        lambda: to_csv(frame),  # made when clicked: most viewers never download it
        file_name=config.csv_name,
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
    )
