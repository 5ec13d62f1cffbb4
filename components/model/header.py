"""The model's header: name, copyable ID, status badge, availability and a plain sentence."""

from __future__ import annotations

import streamlit as st

from sgp.present import HeaderView


def model_header(header: HeaderView) -> None:
    st.header(header.title_md, anchor=False)
    with st.container(horizontal=True):
        st.badge(header.status_label, icon=header.status_icon, color=header.status_color)
        st.badge(header.availability_label, color="gray")
    st.code(header.model_id, language=None, wrap_lines=True)
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
