"""The status board (/board?ids=a,b,c): many models at once, loaded concurrently;
/board?followed=1 is the team's status page (every followed model)."""

import streamlit as st

from components.board.view import board, board_ids
from components.history.board import followed_ids
from components.shell.guards import require_key
from components.shell.navigation import BOARD
from components.shell.page import page

with page(BOARD) as connection:
    followed = followed_ids(connection)  # /board?followed=1: the team's status page
    ids = board_ids(connection) if followed is None else followed
    if not ids and followed is None:
        st.caption("Paste model IDs to see the status of each one at a glance.")
    elif ids:
        require_key(connection, "load these models")
        board(connection, ids)
