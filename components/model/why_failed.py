"""The "Why it failed" box: each known cause in plain words, the next step, who acts.

Drawn under the status, below the platform's own reason (which stays, verbatim), for a
model that failed, timed out, or is ready but not answering. Every text in it is the
view's escaped Markdown; the labels are fixed.
"""

from __future__ import annotations

import streamlit as st

from sgp.present import WhyView


def why_failed(why: WhyView, *, answering_expected: bool) -> None:
    title = "Why it is not answering" if answering_expected else "Why it failed"
    with st.container(border=True, key="why_failed"):
        st.markdown(f"**:material/troubleshoot: {title}**")
        st.markdown(why.headline_md)
        for cause in why.causes:
            st.markdown(f"**{cause.title_md}**" + (f": {cause.plain_md}" if cause.plain_md else ""))
            st.caption(cause.next_step_md)
            if cause.note_md:
                st.caption(f":material/tune: {cause.note_md}")
        if why.context_md:
            st.caption(why.context_md)
