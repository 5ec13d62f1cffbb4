"""The compare page (/compare?a=<id>&b=<id>): two models side by side and what differs."""

import streamlit as st

from components.compare_view import compare
from components.connection import connection_sidebar, demo_banner
from components.errors import page_guard

st.set_page_config(
    page_title="Compare two models · SGP Model Inspector",
    page_icon="⚖️",
    layout="wide",
)
# Inside the guard from the first line: nothing the sidebar or the page meets shows a traceback.
with page_guard():
    connection = connection_sidebar()
    st.title("Compare two models", anchor=False)
    demo_banner(connection)
    compare(connection)
