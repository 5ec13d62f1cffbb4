"""The status board (/board?ids=a,b,c): many models at once, loaded concurrently."""

import streamlit as st

from components.board.view import board, board_ids
from components.shell.guards import require_key
from components.shell.navigation import BOARD
from components.shell.page import page

with page(BOARD) as connection:
    ids = board_ids(connection)
    if not ids:
        st.caption("Paste model IDs to see the status of each one at a glance.")
    else:
        require_key(connection, "load these models")
        board(connection, ids)
