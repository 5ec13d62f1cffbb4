"""A model's history in words and tables: the summary line, the changes, the timeline.

Pure functions of the stored periods (`sgp.history.State`), the configurations they name,
the clock and the viewer's time zone: no database, no Streamlit. Times are shown in the
viewer's zone with the zone named ("2 Dec 14:03 CET"); files stay in UTC
(`sgp.history.changes_csv`). Reasons and configuration values are the API's text: they are kept as
plain text for plain-text elements (table cells), and the one Markdown line
(`HistoryView.summary_md`) holds only the app's own words and times, escaped anyway.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
import pyarrow as pa

from sgp.history.changes_csv import changes_csv
from sgp.history.states import MAX_GAP, Change, State, changes, current_since, uptime
from sgp.present.export import display_value, file_stem
from sgp.present.history_words import (
    duration,
    local_text,
    percent,
    state_label,
)
from sgp.present.markdown import md_line
from sgp.present.rules.causes import match_causes
from sgp.present.tables import flatten
from sgp.present.timeline import Timeline, timeline

UPTIME_WINDOW = dt.timedelta(days=7)
CHANGE_COLUMNS = ["When", "Change", "Lasted", "Why", "Reason given", "Configuration"]
LAST_CHANGES = 10


@dataclass(frozen=True)
class HistoryView:
    """Everything the History section and the summary line draw, for one viewer, now."""

    summary: str  # "Ready since 2 Dec 14:03 CET, 3 d 4 h; up 99.2% of the last 7 days, ..."
    summary_md: str  # the same, escaped
    changes: pd.DataFrame  # CHANGE_COLUMNS, newest first; plain text cells
    changes_table: pa.Table  # the same, ready to draw (arrow conversion done once)
    states: tuple[State, ...]  # for the timeline, worded only when it is opened
    now: dt.datetime
    zone: ZoneInfo
    csv: str
    csv_name: str
    zone_name: str

    @property
    def empty(self) -> bool:
        return self.changes.empty

    def timeline(self, window: str) -> Timeline:
        """One window of the timeline (24 h, 7 d, 30 d): built when asked, since only a
        viewer who opens the timeline needs it (three windows cost more than the rest)."""
        return timeline(self.states, self.now, window, self.zone)


def summary_line(states: Sequence[State], now: dt.datetime, zone: ZoneInfo) -> str | None:
    """The manager's line: the status since when, and the week's uptime; None without history.

    The run of the current status may have started before the first sighting or a gap:
    then it says "at least" and "seen since".
    """
    since = current_since(states)
    if since is None:
        return None
    label = state_label(since.state)
    stale = now - since.state.last_seen > MAX_GAP
    until = since.state.last_seen if stale else now
    held_s = (until - since.since).total_seconds()
    held = duration(held_s)
    when = local_text(since.since, zone)
    if since.at_least and held_s < 60:
        line = f"{label}, first seen {when}"
    elif since.at_least:
        line = f"{label}, seen so since {when}: at least {held}"
    else:
        line = f"{label} since {when}, {held}"
    if stale:
        line += f" (last seen {local_text(since.state.last_seen, zone)})"
    week = uptime(states, now - UPTIME_WINDOW, now)
    if week.up_fraction is None:
        seen_lately = now - since.state.last_seen < UPTIME_WINDOW
        return line + ("; no uptime figure yet" if seen_lately else "; not observed in 7 days")
    return (
        f"{line}; up {percent(week.up_fraction)} of the last 7 days, "
        f"observed {percent(week.observed_fraction)}"
    )


def why_words(reason: str | None) -> str:
    """The known causes a reason names, in the page's words ('No free GPU'); '' for none."""
    return ", ".join(cause.title for cause in match_causes(reason))


def config_changes(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> list[str]:
    """'field: old -> new' for each flattened field that differs (absent: 'not stated')."""
    old = dict(flatten(before)) if before else {}
    new = dict(flatten(after)) if after else {}
    lines = []
    for field in list(old) + [f for f in new if f not in old]:
        a, b = old.get(field), new.get(field)
        if field in old and field in new and a == b:
            continue
        was = display_value(a) if field in old else "not stated"
        now = display_value(b) if field in new else "not stated"
        lines.append(f"{field}: {was} -> {now}")
    return lines


def change_table(
    found: Sequence[Change], configs: Mapping[int, Mapping[str, Any]], zone: ZoneInfo
) -> pd.DataFrame:
    """One row per change, newest first, in plain text."""
    rows = []
    for change in reversed(found):
        before, after = change.before, change.after
        if before is None:
            what = f"First seen: {state_label(after)}"
        elif before.status == after.status and before.availability == after.availability:
            what = state_label(after) + (" (configuration)" if change.config_changed else "")
        else:
            what = f"{state_label(before)} -> {state_label(after)}"
        config = ""
        if change.config_changed and before is not None:
            old = configs.get(before.config_id) if before.config_id is not None else None
            new = configs.get(after.config_id) if after.config_id is not None else None
            config = "; ".join(config_changes(old, new)) or "changed (details no longer kept)"
        rows.append(
            {
                "When": local_text(change.changed_at, zone, year=True),
                "Change": what,
                "Lasted": "" if change.lasted_s is None else duration(change.lasted_s),
                "Why": why_words(after.reason),
                "Reason given": after.reason or "",
                "Configuration": config,
            }
        )
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS, dtype=object)


def history_view(
    model_id: str,
    states: Sequence[State],
    configs: Mapping[int, Mapping[str, Any]],
    now: dt.datetime,
    zone: ZoneInfo,
) -> HistoryView:
    """The History section's view of one model's periods (oldest first), for this viewer."""
    found = changes(states)
    summary = summary_line(states, now, zone)
    table = change_table(found, configs, zone)
    return HistoryView(
        summary=summary or "",
        summary_md=md_line(summary) if summary else "",
        changes=table,
        changes_table=pa.Table.from_pandas(table, preserve_index=False),
        states=tuple(states),
        now=now,
        zone=zone,
        csv=changes_csv(found),
        csv_name=f"{file_stem(model_id)}-changes.csv",
        zone_name=zone.key,
    )


def last_changes(view: HistoryView, count: int = LAST_CHANGES) -> list[list[str]]:
    """The newest `count` changes as rows of plain text (CHANGE_COLUMNS), for the reports."""
    return [[str(cell) for cell in row] for row in view.changes.head(count).itertuples(index=False)]


BOARD_SINCE, BOARD_UP = "Since", "Up 7 d"


def board_cells(states: Sequence[State], now: dt.datetime, zone: ZoneInfo) -> tuple[str, str]:
    """A board row's "Since" and "Up 7 d" cells; empty without history."""
    since = current_since(states)
    if since is None:
        return "", ""
    when = local_text(since.since, zone)
    since_cell = f"{when} or earlier" if since.at_least else when
    week = uptime(states, now - UPTIME_WINDOW, now)
    if week.up_fraction is None:
        return since_cell, ""
    return since_cell, f"{percent(week.up_fraction)} (observed {percent(week.observed_fraction)})"


def board_history_frame(
    frame: pd.DataFrame,
    states: Mapping[str, Sequence[State]],
    now: dt.datetime,
    zone: ZoneInfo,
) -> pd.DataFrame:
    """The board's table with "Since" and "Up 7 d" for each row's model (by its ID)."""
    cells = [board_cells(states.get(str(model_id), ()), now, zone) for model_id in frame["ID"]]
    return frame.assign(**{BOARD_SINCE: [c[0] for c in cells], BOARD_UP: [c[1] for c in cells]})
