"""The raw response, its JSON download, and a "copy as curl" line without the key."""

from __future__ import annotations

import streamlit as st

from sgp.present import ModelView, to_json


def raw_response(view: ModelView, *, is_demo: bool) -> None:
    raw = view.raw
    with st.expander("Raw response and curl", icon=":material/data_object:"):
        st.json(raw, expanded=False)
        st.download_button(
            "Download JSON",
            lambda: to_json(raw),  # made when clicked: most viewers never download it
            file_name=view.json_name,
            mime="application/json",
            icon=":material/download:",
            on_click="ignore",
        )
        st.caption("Copy as curl (reads your key from the SGP_API_KEY environment variable):")
        # Plain text: the bash highlighting colours fall below 4.5:1 on the light theme.
        st.code(view.curl, language=None)
        if is_demo:
            st.caption("In the demo this address does not exist: the data is built in.")
