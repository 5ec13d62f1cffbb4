"""Where the many-model pages lead: opening one model on the inspect page, many on the board.

The environment chosen in the sidebar stays chosen: its selectbox is bound to the `env`
query parameter on every page, and Streamlit refuses a bound parameter in
`st.switch_page(query_params=...)` (StreamlitAPIException), so only the target's own
parameters are passed and the widget carries `env` over by itself. The key and the
account never go into a URL.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from sgp.batch import MAX_IDS
from sgp.environments import Connection

INSPECT_PAGE = "app.py"
BOARD_PAGE = "pages/board.py"


def require_key(connection: Connection, what: str) -> None:
    """Stop the page with a plain next step when no key is available (the demo needs none)."""
    if not connection.ready:
        st.warning(f"Paste your API key in the sidebar to {what}.", icon=":material/key:")
        st.stop()


def open_model(model_id: str) -> None:
    """Go to the inspect page showing this model (a shareable /?model_id=... link)."""
    st.switch_page(INSPECT_PAGE, query_params={"model_id": model_id})


def open_board(model_ids: Sequence[str]) -> None:
    """Go to the status board for these models (at most MAX_IDS of them)."""
    st.switch_page(BOARD_PAGE, query_params={"ids": ",".join(model_ids[:MAX_IDS])})
