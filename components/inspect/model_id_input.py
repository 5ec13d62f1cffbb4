"""The model ID field, bound to the `model_id` query parameter so the URL is a shareable link."""

from __future__ import annotations

import streamlit as st

from sgp.api import Connection
from sgp.demo import FEATURED

MODEL_ID_KEY = "model_id"


def _choose(model_id: str) -> None:
    st.session_state[MODEL_ID_KEY] = model_id


def demo_samples() -> None:
    st.caption("Sample models in the demo:")
    with st.container(horizontal=True):
        for sample in FEATURED:
            st.button(
                sample["name"],
                key=f"sample-{sample['id']}",
                on_click=_choose,
                args=(sample["id"],),
                type="tertiary",
                icon=":material/deployed_code:",
            )


def model_id_input(connection: Connection) -> tuple[str, bool]:
    """The model ID typed or linked (stripped), and whether Refresh was pressed."""
    if connection.is_demo:
        demo_samples()
    row = st.container(horizontal=True, vertical_alignment="bottom")
    with row:
        model_id = st.text_input(
            "Model ID",
            key=MODEL_ID_KEY,
            bind="query-params",
            placeholder="Paste a model ID and press Enter",
            help="The address bar becomes a link to this model that you can share.",
        )
        refresh = st.button("Refresh", icon=":material/refresh:", key="refresh")
    return (model_id or "").strip(), refresh
