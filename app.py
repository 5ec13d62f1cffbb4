"""The inspect page (/): look up one model by ID and show its state and configuration."""

import streamlit as st

from components.connection import connection_sidebar, demo_banner
from components.errors import page_guard
from components.inspect_view import inspect

st.set_page_config(page_title="SGP Model Inspector", page_icon="🔎", layout="wide")
# Inside the guard from the first line: nothing the sidebar or the page meets shows a traceback.
with page_guard():
    connection = connection_sidebar()
    st.title("Inspect a model", anchor=False)
    demo_banner(connection)
    inspect(connection)
