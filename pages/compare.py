"""The compare page (/compare?a=<id>&b=<id>): two models side by side and what differs."""

import streamlit as st

from components.compare_view import demo_pairs, differences, headers, id_fields
from components.connection import connection_sidebar, demo_banner
from components.data import lookup_model
from components.errors import page_guard

st.set_page_config(
    page_title="Compare two models · SGP Model Inspector",
    page_icon="⚖️",
    layout="wide",
)
connection = connection_sidebar()
st.title("Compare two models", anchor=False)
demo_banner(connection)

with page_guard():
    if connection.is_demo:
        demo_pairs()
    a, b = id_fields()
    if not a or not b:
        st.caption("Enter two model IDs to see both side by side and what differs between them.")
    elif not connection.ready:
        st.warning(
            "Paste your API key in the sidebar to compare these models.", icon=":material/key:"
        )
    else:
        with st.spinner("Looking up both models…"):
            left = lookup_model(connection, a)
            right = lookup_model(connection, b)
        headers(left, right)
        if left.model is not None and right.model is not None:
            differences(left, right, connection)
