"""The status board (/board?ids=a,b,c): many models at once, loaded concurrently."""

import streamlit as st

from components.board_view import board, board_ids
from components.connection import connection_sidebar, demo_banner
from components.errors import page_guard
from components.page_links import require_key

st.set_page_config(
    page_title="Status board · SGP Model Inspector",
    page_icon="📊",
    layout="wide",
)
# Inside the guard from the first line: nothing the sidebar or the page meets shows a traceback.
with page_guard():
    connection = connection_sidebar()
    st.title("Status board", anchor=False)
    demo_banner(connection)
    ids = board_ids(connection)
    if not ids:
        st.caption("Paste model IDs to see the status of each one at a glance.")
    else:
        require_key(connection, "load these models")
        board(connection, ids)
