"""Turning failures into plain messages with a next step; no traceback ever reaches the page."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

from sgp.api import RateLimitError, SGPError, UnprocessableEntityError

log = logging.getLogger("sgp_inspector")


def show_error(error: SGPError) -> None:
    """A failure as its fixed title and next step; the server's own words as plain text."""
    st.error(f"**{error.title}.** {error.user_message}", icon=":material/error:")
    if isinstance(error, UnprocessableEntityError) and error.details:
        st.dataframe(
            pd.DataFrame(
                [{"field": d.where, "problem": d.msg, "type": d.type} for d in error.details]
            ),
            hide_index=True,
        )
    if isinstance(error, RateLimitError) and error.retry_after:
        st.caption("The API asked to wait before retrying (Retry-After, in seconds):")
        st.text(error.retry_after)
    with st.expander("Technical details"):
        st.text(error.message)
        if error.status_code:
            st.text(f"HTTP status: {error.status_code}")
        if error.request_id:
            st.text(f"Request ID (for support): {error.request_id}")


@contextmanager
def page_guard() -> Iterator[None]:
    """Catch anything unexpected: log it (never the key) and apologise in plain words."""
    try:
        yield
    except ScriptControlException:
        raise
    except Exception as exc:
        log.error("Unexpected %s while drawing the page", type(exc).__name__, exc_info=True)
        st.error(
            "**Sorry, something went wrong while showing this page.** Try again or pick "
            "another model; the problem has been logged.",
            icon=":material/sentiment_dissatisfied:",
        )
