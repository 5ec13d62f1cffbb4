"""The timeline of a model's states: an Altair Gantt chart with words, and its table.

Colour is never alone: the legend and each bar's tooltip name the state, the chart's `alt`
text (its aria-label) sums the window up in a sentence, and the table beside it lists every
period with the same facts. Gaps are bars of their own, grey: "Not observed".
"""

from __future__ import annotations

import altair as alt
import streamlit as st

from sgp.present.timeline import KIND_CHANGING, KIND_DOWN, KIND_GAP, KIND_UP, Timeline

COLOURS = {KIND_UP: "#21a354", KIND_CHANGING: "#1c83e1", KIND_DOWN: "#e8333b", KIND_GAP: "#a3a8b8"}


def timeline_chart(timeline: Timeline) -> None:
    bars = timeline.bars
    if bars.empty:
        st.caption("Nothing was observed in this window.")
        return
    labels = list(dict.fromkeys(bars["state"]))
    kinds = dict(zip(bars["state"], bars["kind"], strict=False))
    scale = alt.Scale(domain=labels, range=[COLOURS[kinds[label]] for label in labels])
    chart = (
        alt.Chart(bars.assign(row="State"))
        .mark_bar(height=28)
        .encode(
            x=alt.X("start:T", title=None),
            x2="end:T",
            y=alt.Y("row:N", title=None, axis=None),
            color=alt.Color("state:N", scale=scale, legend=alt.Legend(title=None, orient="top")),
            tooltip=[
                alt.Tooltip("state:N", title="State"),
                alt.Tooltip("start:T", title="From", format="%d %b %H:%M"),
                alt.Tooltip("end:T", title="To", format="%d %b %H:%M"),
                alt.Tooltip("lasted:N", title="Lasted"),
            ],
        )
        .properties(height=70)
    )
    st.altair_chart(chart, alt=timeline.description, key=f"timeline-{timeline.window}")
    st.text(timeline.description)  # a state may be the API's own text: never Markdown
    st.dataframe(timeline.table, hide_index=True, width="content")
