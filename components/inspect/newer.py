"""A note listing enum values and fields newer than this app, shown exactly as sent."""

from __future__ import annotations

import pyarrow as pa
import streamlit as st


def newer_than_app(newer: pa.Table | None) -> None:
    if newer is None:
        return
    st.info(
        "This model uses values or fields that are newer than this app. They are shown "
        "exactly as the API sent them.",
        icon=":material/new_releases:",
    )
    st.dataframe(newer, hide_index=True)
