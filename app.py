"""The inspect page (/): look up one model by ID and show its state and configuration."""

import streamlit as st

from components.connection import connection_sidebar, demo_banner
from components.data import lookup_model
from components.errors import page_guard
from components.model_input import model_id_input
from components.model_view import model_view

st.set_page_config(page_title="SGP Model Inspector", page_icon="🔎", layout="wide")
connection = connection_sidebar()
st.title("Inspect a model", anchor=False)
demo_banner(connection)

with page_guard():
    model_id, refresh = model_id_input(connection)
    if not model_id:
        st.caption("Enter a model ID to see its status, hardware and configuration.")
    elif not connection.ready:
        st.warning(
            "Paste your API key in the sidebar to look up this model.", icon=":material/key:"
        )
    else:
        with st.spinner("Looking up the model…"):
            result = lookup_model(connection, model_id, refresh=refresh)
        model_view(result, connection)
