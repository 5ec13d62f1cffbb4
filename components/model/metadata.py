"""The model's free-form metadata as a two-column table of plain text."""

from __future__ import annotations

import pyarrow as pa
import streamlit as st


def metadata_table(table: pa.Table | None) -> None:
    st.header("Metadata", anchor=False)
    if table is None:
        st.caption("The model's owner has set no metadata.")
        return
    st.dataframe(
        table,
        hide_index=True,
        column_config={
            "key": st.column_config.TextColumn("Key", width="medium"),
            "value": st.column_config.TextColumn("Value", width="large"),
        },
    )
