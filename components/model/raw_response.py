"""The raw response, its JSON download, and a "copy as curl" line without the key.

The expander's contents are drawn only while it is open (it reruns the page when opened,
from the cached lookup): most viewers never open it, and a closed expander would still
send the whole JSON to the browser on every run and make it load the JSON viewer and the
code highlighter before the configuration table shows.
"""

from __future__ import annotations

import streamlit as st

from sgp.present import REDACTED, ModelView, to_json

EXPANDER_KEY = "raw_response_open"


def raw_response(view: ModelView, *, is_demo: bool) -> None:
    raw = view.raw
    box = st.expander(
        "Raw response and curl", icon=":material/data_object:", key=EXPANDER_KEY, on_change="rerun"
    )
    if not box.open:
        return
    with box:
        st.caption(
            "The API's answer as it came, except the values of environment variables whose "
            f"names look secret (KEY, TOKEN, SECRET, PASSWORD, ...), shown as {REDACTED}."
        )
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
