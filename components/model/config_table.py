"""The vendor configuration as a filterable table, contract defaults marked, with CSV download."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sgp.present import display_value, file_stem, to_csv


def _display(frame: pd.DataFrame) -> pd.DataFrame:
    shown = frame.copy()
    shown["value"] = shown["value"].map(display_value)
    shown["default"] = shown["default"].map(display_value)
    return shown


def _matches(frame: pd.DataFrame, needle: str) -> pd.Series:
    text = frame["field"].str.cat(frame["value"], sep=" ").str.lower()
    return text.str.contains(needle.lower(), regex=False)


def config_table(frame: pd.DataFrame, *, model_id: str) -> None:
    st.subheader("Configuration", anchor=False)
    if frame.empty:
        st.caption("This model has no vendor configuration (hosted models have none).")
        return
    shown = _display(frame)
    needle = st.text_input(
        "Filter",
        key="config_filter",
        placeholder="Filter by field or value, e.g. gpu or workers",
        label_visibility="collapsed",
        icon=":material/filter_list:",
    )
    if needle.strip():
        shown = shown[_matches(shown, needle.strip())]
    defaults = int(frame["is_default"].sum())
    st.caption(
        f"{len(shown)} of {len(frame)} values shown · {defaults} equal the contract's default "
        "(ticked in the last column)."
    )
    st.dataframe(
        shown,
        hide_index=True,
        height=min(38 + 35 * len(shown), 640),
        column_config={
            "section": st.column_config.TextColumn("Section", width="small"),
            "field": st.column_config.TextColumn("Field", width="medium"),
            "value": st.column_config.TextColumn("Value", width="large"),
            "default": st.column_config.TextColumn("Contract default", width="small"),
            "is_default": st.column_config.CheckboxColumn("Is default", width="small"),
        },
    )
    st.download_button(
        "Download configuration (CSV)",
        to_csv(frame),
        file_name=f"{file_stem(model_id)}-configuration.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
    )
