"""Facts about a model for a non-engineer: type, vendor, creation, and what it runs on."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from sgp.present import FactsView, md_escape, time_ago


def _local(when: dt.datetime) -> dt.datetime:
    try:
        zone = ZoneInfo(st.context.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError, OSError):  # whatever the browser sent
        zone = ZoneInfo("UTC")
    try:
        return when.astimezone(zone)
    except OverflowError:  # a valid but extreme date such as 0001-01-01T00:00+05:00
        return when


def _fact(label: str, value_md: str, note_md: str) -> None:
    st.caption(label)
    st.markdown(value_md)
    if note_md:
        st.caption(note_md)


def model_facts(facts: FactsView) -> None:
    # The creation time is the only fact that depends on the viewer (time zone) and the clock.
    created = _local(facts.created_at).strftime("%d %b %Y, %H:%M %Z")
    ago = time_ago(facts.created_at, dt.datetime.now(dt.UTC))
    cols = st.columns(4)
    with cols[0]:
        _fact("Model type", facts.type_md, "")
    with cols[1]:
        _fact("Vendor", facts.vendor_md, "")
    with cols[2]:
        _fact("Created", md_escape(created, one_line=True), md_escape(ago, one_line=True))
    with cols[3]:
        _fact("Created by", facts.created_by_md, facts.identity_md)
    draw_runs_on(facts.hardware_md)
    if facts.reserve_md:
        st.caption(
            ":material/inventory_2: Holds in reserve: " + facts.reserve_md,
            help="GPUs kept running (`min_workers` x `gpus`) and at peak (`max_workers` x `gpus`). "
            "No prices: they differ per customer.",
        )


def draw_runs_on(hardware_md: str | None) -> None:
    """The escaped one-line hardware summary under a "Runs on" caption."""
    if hardware_md:
        st.caption("Runs on")
        st.markdown(":material/memory: " + hardware_md)
