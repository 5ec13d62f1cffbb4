"""What the inspect page's Watch and the board's "Watch all" share: the statuses worth
watching, the interval limits, the back-off cap, and the switch with its interval field."""

from __future__ import annotations

import streamlit as st

from sgp.api import InferenceModelStatus

WATCHED_STATUSES = {InferenceModelStatus.deploying}
FINAL_STATUSES = {
    InferenceModelStatus.ready,
    InferenceModelStatus.failed,
    InferenceModelStatus.deployment_timeout,
}
MIN_EVERY_S, MAX_EVERY_S = 2, 60
MAX_BACKOFF_S = 60.0


def watch_controls(label: str, key: str, help: str, default_every: int) -> tuple[bool, float]:
    """The switch (`key`) and its interval field (`key`_every); (on, seconds between checks)."""
    with st.container(horizontal=True, vertical_alignment="bottom"):
        on = st.toggle(label, key=key, help=help)
        every = st.number_input(
            "Every (seconds)",
            min_value=MIN_EVERY_S,
            max_value=MAX_EVERY_S,
            value=default_every,
            step=1,
            key=f"{key}_every",
            disabled=not on,
            width=160,
        )
    return on, float(every or default_every)
