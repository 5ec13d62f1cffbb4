"""The Announcements part of a followed model's History section: what the recorder sent to
the team's channels about this model, newest first, and whether each channel got it.

Drawn from the lookup's `AnnouncementsView` (`sgp.present.announcements`): a table of
plain-text cells (the summaries hold the API's text in part), or one sentence when there
are none. Channels are named by kind only; their URLs never reach the page.
"""

from __future__ import annotations

import streamlit as st

from sgp.present.announcements import NONE_YET, AnnouncementsView

COLUMNS = {
    "When": st.column_config.TextColumn(
        help="When the recorder announced it: once the new status had held"
    ),
    "Announced": st.column_config.TextColumn(help="What the message said, in short"),
    "Channel": st.column_config.TextColumn(
        help="The kind of channel (its address is a secret and not shown)"
    ),
    "Delivery": st.column_config.TextColumn(
        help="Delivered once the channel accepted it; a channel that fails is retried "
        "with growing waits for up to a day (the operator's setting), then given up"
    ),
    "Last error": st.column_config.TextColumn(help="Why the last attempt failed, if it did"),
}


def announcements_part(view: AnnouncementsView) -> None:
    st.markdown("**Announcements**, newest first")
    if view.empty:
        st.caption(NONE_YET)
        return
    st.dataframe(view.arrow, hide_index=True, column_config=COLUMNS)
