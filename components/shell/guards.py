"""Guards a page passes before it may fetch: a key must be available (the demo needs none)."""

from __future__ import annotations

import streamlit as st

from sgp.api import Connection


def require_key(connection: Connection, what: str) -> None:
    """Stop the page with a plain next step when no key is available."""
    if not connection.ready:
        st.warning(f"Paste your API key in the sidebar to {what}.", icon=":material/key:")
        st.stop()
