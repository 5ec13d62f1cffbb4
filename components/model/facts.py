"""Facts about a model for a non-engineer: type, vendor, creation, and what it runs on."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from sgp.api import InferenceModel
from sgp.present import (
    hardware_summary,
    identity_name,
    md_escape,
    model_type_name,
    time_ago,
    vendor_name,
)


def _local(when: dt.datetime) -> dt.datetime:
    try:
        zone = ZoneInfo(st.context.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError, OSError):  # whatever the browser sent
        zone = ZoneInfo("UTC")
    try:
        return when.astimezone(zone)
    except OverflowError:  # a valid but extreme date such as 0001-01-01T00:00+05:00
        return when


def _fact(column: st.delta_generator.DeltaGenerator, label: str, value: str, note: str) -> None:
    with column:
        st.caption(label)
        st.markdown(md_escape(value, one_line=True))
        if note:
            st.caption(md_escape(note, one_line=True))


def model_facts(model: InferenceModel) -> None:
    created = _local(model.created_at)
    cols = st.columns(4)
    _fact(cols[0], "Model type", model_type_name(model.model_type), "")
    _fact(cols[1], "Vendor", vendor_name(model.model_vendor), "")
    _fact(
        cols[2],
        "Created",
        created.strftime("%d %b %Y, %H:%M %Z"),
        time_ago(model.created_at, dt.datetime.now(dt.UTC)),
    )
    _fact(
        cols[3],
        "Created by",
        model.created_by_user_id,
        identity_name(model.created_by_identity_type),
    )
    runs_on(model)


def runs_on(model: InferenceModel) -> None:
    """The one-line hardware summary under a "Runs on" caption (inspect and compare)."""
    summary = hardware_summary(model)
    if summary:
        st.caption("Runs on")
        st.markdown(":material/memory: " + md_escape(summary, one_line=True))
