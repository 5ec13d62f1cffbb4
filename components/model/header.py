"""The model's header: name, copyable ID, status badge, availability and a plain sentence."""

from __future__ import annotations

import streamlit as st

from sgp.api import InferenceModel, InferenceModelAvailability, InferenceModelStatus
from sgp.present import availability_name, md_escape, status_info

ERROR_STATUSES = {InferenceModelStatus.failed, InferenceModelStatus.deployment_timeout}


def model_header(model: InferenceModel) -> None:
    info = status_info(model.status)
    st.subheader(md_escape(model.name, one_line=True) or "(unnamed model)", anchor=False)
    badges = st.container(horizontal=True)
    with badges:
        st.badge(info.label, icon=info.icon, color=info.color)
        known = model.model_availability is None or isinstance(
            model.model_availability, InferenceModelAvailability
        )
        st.badge(
            availability_name(model.model_availability) if known else "Unknown availability",
            color="gray",
        )
    st.code(model.id, language=None, wrap_lines=True)
    st.write(info.sentence)
    if not info.known:
        st.caption("Status exactly as the API sent it:")
        st.text(model.status)
    if not known:
        st.caption("Availability exactly as the API sent it:")
        st.text(model.model_availability)
    if model.status_reason:
        box = st.error if model.status in ERROR_STATUSES else st.warning
        box(
            "**Reason given by the platform:**  \n" + md_escape(model.status_reason),
            icon=":material/info:",
        )
