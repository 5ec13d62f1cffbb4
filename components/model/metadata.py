"""The model's free-form metadata as a two-column table of plain text."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sgp.present import display_value


def metadata_table(frame: pd.DataFrame) -> None:
    st.subheader("Metadata", anchor=False)
    if frame.empty:
        st.caption("The model's owner has set no metadata.")
        return
    shown = frame.assign(value=frame["value"].map(display_value))
    st.dataframe(
        shown,
        hide_index=True,
        column_config={
            "key": st.column_config.TextColumn("Key", width="medium"),
            "value": st.column_config.TextColumn("Value", width="large"),
        },
    )
