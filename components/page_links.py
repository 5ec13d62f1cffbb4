"""Where the many-model pages lead: opening one model on the inspect page, many on the board.

The environment chosen in the sidebar travels along in the link (`env`), so the next page
looks in the same place; the key and the account never go into a URL.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from sgp.batch import MAX_IDS
from sgp.environments import Connection

INSPECT_PAGE = "app.py"
BOARD_PAGE = "pages/board.py"
ENV_PARAM = "env"


def require_key(connection: Connection, what: str) -> None:
    """Stop the page with a plain next step when no key is available (the demo needs none)."""
    if not connection.ready:
        st.warning(f"Paste your API key in the sidebar to {what}.", icon=":material/key:")
        st.stop()


def _with_env(**params: str) -> dict[str, str]:
    env = st.query_params.get(ENV_PARAM)
    return {**params, ENV_PARAM: env} if env else params


def open_model(model_id: str) -> None:
    """Go to the inspect page showing this model (a shareable /?model_id=... link)."""
    st.switch_page(INSPECT_PAGE, query_params=_with_env(model_id=model_id))


def open_board(model_ids: Sequence[str]) -> None:
    """Go to the status board for these models (at most MAX_IDS of them)."""
    st.switch_page(BOARD_PAGE, query_params=_with_env(ids=",".join(model_ids[:MAX_IDS])))
