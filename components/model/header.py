"""The model's header: name, ID, status badge, availability and a plain sentence.

The ID is plain text (st.text), not a code block: st.code makes the browser fetch and parse
Streamlit's 1.5 MB syntax highlighter before the page's tables show (measured: the first
configuration row 2 s later on a busy 2-core machine), for a string that is already in the
Model ID field and the address bar.
"""

from __future__ import annotations

import streamlit as st

from components.model.why_failed import why_failed
from sgp.present import HeaderView


def model_header(header: HeaderView) -> None:
    st.header(header.title_md, anchor=False)
    with st.container(horizontal=True):
        st.badge(header.status_label, icon=header.status_icon, color=header.status_color)
        st.badge(header.availability_label, color="gray")
    st.text(header.model_id)
    st.write(header.sentence)
    if header.unknown_status is not None:
        st.caption("Status exactly as the API sent it:")
        st.text(header.unknown_status)
    if header.unknown_availability is not None:
        st.caption("Availability exactly as the API sent it:")
        st.text(header.unknown_availability)
    if header.reason_md:
        box = st.error if header.reason_is_error else st.warning
        box(header.reason_md, icon=":material/info:")
    if header.why is not None:
        why_failed(header.why, answering_expected=header.status == "ready")
