"""The timeline of a model's states, window by window: bars for the chart, the same facts
as a table (the chart's alternative for screen readers), and one sentence describing it.

Gaps (time nobody observed) are spans of their own, "Not observed", before the first
sighting, between periods and after the last one: never drawn as up or down.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pandas as pd

from sgp.history.states import MAX_GAP, Span, State, changes, spans
from sgp.present.history_words import WINDOWS, duration, local_text, state_label

# What a state is drawn as on the timeline: a colour for each kind, and always the words.
KIND_UP, KIND_CHANGING, KIND_DOWN, KIND_GAP = "up", "changing", "down", "not observed"
SPAN_COLUMNS = ["From", "To", "State", "Lasted"]


@dataclass(frozen=True)
class Timeline:
    """One window of the timeline: bars for the chart, the same facts as a table and text."""

    window: str  # "24 h", "7 d", "30 d"
    bars: pd.DataFrame  # start, end (aware, viewer's zone), state, kind, lasted
    table: pd.DataFrame  # SPAN_COLUMNS, oldest first: the chart's table alternative
    description: str  # one sentence for screen readers (the chart's aria-label)


def _kind(state: State | None) -> str:
    if state is None:
        return KIND_GAP
    if state.up:
        return KIND_UP
    return KIND_CHANGING if state.status == "deploying" else KIND_DOWN


def _window_spans(states: Sequence[State], since: dt.datetime, now: dt.datetime) -> list[Span]:
    """The spans within [since, now], with the unobserved time before, between and after."""
    out: list[Span] = []
    cursor = since
    for span in spans(states):
        start, end = max(span.start, since), min(span.end, now)
        if end <= start:
            continue
        if start > cursor:
            out.append(Span(cursor, start, None))
        out.append(Span(start, end, span.state))
        cursor = end
    if now - cursor > MAX_GAP:
        out.append(Span(cursor, now, None))
    return out


def timeline(states: Sequence[State], now: dt.datetime, window: str, zone: ZoneInfo) -> Timeline:
    since = now - WINDOWS[window]
    shown = _window_spans(states, since, now)
    bars = pd.DataFrame(
        {
            "start": [span.start.astimezone(zone) for span in shown],
            "end": [span.end.astimezone(zone) for span in shown],
            "state": [state_label(span.state) for span in shown],
            "kind": [_kind(span.state) for span in shown],
            "lasted": [duration(span.seconds) for span in shown],
        }
    )
    table = pd.DataFrame(
        [
            {
                "From": local_text(span.start, zone, year=True),
                "To": local_text(span.end, zone, year=True),
                "State": state_label(span.state),
                "Lasted": duration(span.seconds),
            }
            for span in shown
        ],
        columns=SPAN_COLUMNS,
        dtype=object,
    )
    totals: dict[str, float] = {}
    for span in shown:
        label = state_label(span.state)
        totals[label] = totals.get(label, 0.0) + span.seconds
    parts = [f"{label} {duration(seconds)}" for label, seconds in totals.items()]
    count = sum(1 for c in changes(states) if c.before is not None and since <= c.changed_at)
    description = (
        f"Timeline of the last {window}, times in {zone.key}: "
        + ("; ".join(parts) if parts else "nothing observed")
        + f". {count} {'change' if count == 1 else 'changes'}; the table below lists each period."
    )
    return Timeline(window, bars, table, description)
