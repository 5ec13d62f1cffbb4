"""What the inspect page's Watch and the board's "Watch all" draw alike: the switch with its
interval field, and the warning shown while a watch waits after a failed check."""

from __future__ import annotations

import streamlit as st

from sgp.watch import WatchClock

MIN_EVERY_S, MAX_EVERY_S = 2, 60


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


def waiting_warning(clock: WatchClock) -> None:
    """While the clock waits after a failed check: what failed (a fixed title) and for how long."""
    if clock.problem:
        st.warning(
            f"**Could not refresh: {clock.problem}.** Next check in {clock.wait_s:g} s.",
            icon=":material/hourglass:",
        )
