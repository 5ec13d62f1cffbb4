"""A note listing enum values and fields newer than this app, shown exactly as sent."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sgp.api import InferenceModel
from sgp.present import display_value


def newer_than_app(model: InferenceModel, raw: dict) -> None:
    rows = [
        {"what": "value this app does not know yet", "field": field, "value": value}
        for field, value in model.unknown_values().items()
    ]
    for path in model.unknown_fields():
        value: object = raw
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        rows.append({"what": "field this app does not know yet", "field": path, "value": value})
    if not rows:
        return
    st.info(
        "This model uses values or fields that are newer than this app. They are shown "
        "exactly as the API sent them.",
        icon=":material/new_releases:",
    )
    frame = pd.DataFrame(rows)
    st.dataframe(frame.assign(value=frame["value"].map(display_value)), hide_index=True)
