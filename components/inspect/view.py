"""The inspect page's body: the model ID field, then one lookup and everything shown for it."""

from __future__ import annotations

import streamlit as st

from components.cache.lookups import lookup_model, lookup_name
from components.inspect.model_id_input import model_id_input
from components.inspect.model_view import model_view
from components.shell.guards import require_key
from components.shell.navigation import INSPECT
from components.shell.page import name_tab
from sgp.api import Connection


def inspect(connection: Connection) -> None:
    model_id, refresh = model_id_input(connection)
    if not model_id:
        st.caption("Enter a model ID to see its status, hardware and configuration.")
        return
    require_key(connection, "look up this model")
    with st.spinner("Looking up the model…"):
        result = lookup_model(connection, model_id, refresh=refresh)
    name_tab(INSPECT, lookup_name(result))
    model_view(result, connection)
