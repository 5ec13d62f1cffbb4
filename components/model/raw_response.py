"""The raw response, its JSON download, and a "copy as curl" line without the key."""

from __future__ import annotations

from typing import Any

import streamlit as st

from sgp.present import curl_command, file_stem, to_json


def raw_response(raw: dict[str, Any], *, url: str, with_account: bool, is_demo: bool) -> None:
    with st.expander("Raw response and curl", icon=":material/data_object:"):
        st.json(raw, expanded=False)
        st.download_button(
            "Download JSON",
            to_json(raw),
            file_name=f"{file_stem(str(raw.get('id', 'model')))}.json",
            mime="application/json",
            icon=":material/download:",
            on_click="ignore",
        )
        st.caption("Copy as curl (reads your key from the SGP_API_KEY environment variable):")
        st.code(curl_command(url, with_account=with_account), language="bash")
        if is_demo:
            st.caption("In the demo this address does not exist: the data is built in.")
