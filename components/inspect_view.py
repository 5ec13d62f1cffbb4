"""The inspect page's body: the model ID field, then one lookup and everything shown for it."""

from __future__ import annotations

import streamlit as st

from components.data import lookup_model
from components.model_input import model_id_input
from components.model_view import model_view
from components.page_links import require_key
from sgp.environments import Connection


def inspect(connection: Connection) -> None:
    model_id, refresh = model_id_input(connection)
    if not model_id:
        st.caption("Enter a model ID to see its status, hardware and configuration.")
        return
    require_key(connection, "look up this model")
    with st.spinner("Looking up the model…"):
        result = lookup_model(connection, model_id, refresh=refresh)
    model_view(result, connection)
