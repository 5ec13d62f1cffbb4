"""The history in words, pure (no database, no Streamlit): the summary line, the changes, the
timeline's gaps and description, the CSV, the reports' history, and the in-memory rule the
demo uses (the store's extend-or-start)."""

from __future__ import annotations

import datetime as dt

from sgp.api import InferenceModel
from sgp.demo.history import demo_history
from sgp.history.changes_csv import changes_csv
from sgp.history.memory import MemoryHistory, extended
from sgp.history.states import State, changes
from sgp.present.history import board_cells, config_changes, history_view, summary_line
from sgp.present.history_words import percent, zone_of
from sgp.present.report import model_report_html, model_report_markdown
from sgp.present.timeline import timeline
from testkit.bodies import minimal_body

NOW = dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC)
BERLIN = zone_of("Europe/Berlin")
HOSTILE = '=HYPERLINK("x") <script>alert(1)</script> [a](https://evil.example) **bold**'


def period(status: str, start_h: float, end_h: float, **fields: object) -> State:
    """A period from `start_h` to `end_h` hours before NOW."""
    values: dict[str, object] = {"availability": "available", "reason": None, "config_id": None}
    values.update(fields)
    return State(
        "m-1",
        status,
        values["availability"],  # type: ignore[arg-type]
        values["reason"],  # type: ignore[arg-type]
        values["config_id"],  # type: ignore[arg-type]
        NOW - dt.timedelta(hours=start_h),
        NOW - dt.timedelta(hours=end_h),
    )


WEEK = [
    period("ready", 24 * 7, 30, config_id=1),
    period("failed", 30, 29, availability="unavailable", reason=HOSTILE, config_id=1),
    period("ready", 29, 26, config_id=2),
    # 26 h to 2 h ago: nothing observed
    period("ready", 2, 0, config_id=2),
]


def test_summary_names_the_status_since_when_in_the_viewers_zone_and_the_weeks_uptime() -> None:
    line = summary_line(WEEK, NOW, BERLIN)
    # The current run started after a gap: it may be older, so "at least" and "seen so since".
    assert line == (
        "Ready, seen so since 3 Dec 11:00 CET: at least 2 h; "
        "up 99.3% of the last 7 days, observed 85.7%"
    )
    after_change = WEEK[:3]
    assert summary_line(after_change, NOW - dt.timedelta(hours=26), BERLIN).startswith(
        "Ready since 2 Dec 08:00 CET, 3 h"
    )
    assert summary_line([], NOW, BERLIN) is None
    assert percent(0.99999) == "99.9%" and percent(1.0) == "100%"


def test_changes_are_newest_first_with_reason_explained_and_configuration_as_field_changes() -> (
    None
):
    configs = {
        1: {"vendor_configuration": {"gpus": 1, "max_workers": 1}},
        2: {"vendor_configuration": {"gpus": 2}},
    }
    view = history_view("m-1", WEEK, configs, NOW, BERLIN)
    rows = view.changes.to_dict("records")
    assert [r["Change"] for r in rows] == [
        "Failed -> Ready",
        "Ready -> Failed",
        "First seen: Ready",
    ]
    assert rows[0]["Configuration"] == (
        "vendor_configuration.gpus: 1 -> 2; vendor_configuration.max_workers: 1 -> not stated"
    )
    assert rows[1]["Reason given"] == HOSTILE and rows[1]["Lasted"] == "5 d 18 h"
    assert rows[1]["When"] == "2 Dec 2026, 07:00 CET"
    assert config_changes(None, {"a": {"b": [1]}}) == ["a.b: not stated -> [1]"]


def test_timeline_draws_gaps_as_not_observed_and_describes_the_window_in_words() -> None:
    week = timeline(WEEK, NOW, "7 d", BERLIN)
    assert week.table["State"].tolist() == ["Ready", "Failed", "Ready", "Not observed", "Ready"]
    assert week.bars["kind"].tolist() == ["up", "down", "up", "not observed", "up"]
    assert week.description.startswith("Timeline of the last 7 d, times in Europe/Berlin: ")
    assert "Not observed 1 d" in week.description and "2 changes" in week.description
    day = timeline(WEEK, NOW, "24 h", BERLIN)
    assert day.table["State"].tolist() == ["Not observed", "Ready"]
    month = timeline(WEEK, NOW, "30 d", BERLIN)
    assert month.table["State"].tolist()[0] == "Not observed"  # before the first sighting


def test_the_csv_is_utc_oldest_first_with_seconds_and_neutralised_formulas() -> None:
    lines = changes_csv(changes(WEEK)).splitlines()
    assert lines[0] == "changed_at,from_status,to_status,lasted_s,reason"
    assert lines[1] == "2026-11-26T12:00:00Z,,ready,,"
    assert lines[2].startswith('2026-12-02T06:00:00Z,ready,failed,496800,"\'=HYPERLINK(""x"")')
    assert len(lines) == 4


def test_reports_carry_the_summary_and_the_last_ten_changes_escaped() -> None:
    many = [
        period("failed", 40 - i, 39.99 - i, reason=HOSTILE)
        if i % 2 == 0
        else period("ready", 40 - i, 39.99 - i)
        for i in range(14)
    ]
    view = history_view("m-1", many, {}, NOW, zone_of("UTC"))
    model = InferenceModel.model_validate(minimal_body("m-1"))
    html = model_report_html(model, environment_label="Test", generated_at=NOW, history=view)
    assert "History: the last 10 changes, newest first" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count("&lt;script&gt;alert(1)") == 5  # ten rows, every other one failed
    markdown = model_report_markdown(
        model, environment_label="Test", generated_at=NOW, history=view
    )
    assert "[a](https" not in markdown and "**bold**" not in markdown
    assert view.summary.split(";")[0] in markdown.replace("\\", "")
    no_history = model_report_markdown(model, environment_label="Test", generated_at=NOW)
    assert "History" not in no_history


def test_memory_history_extends_or_starts_like_the_store() -> None:
    seen = State(
        "m-1",
        "ready",
        "available",
        None,
        None,
        NOW - dt.timedelta(minutes=3),
        NOW - dt.timedelta(minutes=3),
    )
    later = State("m-1", "ready", "available", None, None, NOW, NOW)
    assert extended([seen], later)[-1].observations == 2 and len(extended([seen], later)) == 1
    failed = State("m-1", "failed", "unavailable", "x", None, NOW, NOW)
    assert len(extended([seen], failed)) == 2
    assert extended([later], seen) == [later]  # never backwards
    memory = MemoryHistory(lambda model_id: demo_history(model_id, NOW))
    week = memory.states("demo-llama-2-7b-chat")
    assert week[0].first_seen == NOW - dt.timedelta(days=7)
    assert {p.config_id for p in week} == {1, 2}
    memory.observe(
        "demo-llama-2-7b-chat",
        NOW + dt.timedelta(seconds=30),
        "ready",
        "available",
        None,
        memory.configs([2])[2],
    )
    assert memory.states("demo-llama-2-7b-chat")[-1].last_seen == NOW + dt.timedelta(seconds=30)
    assert memory.states("not-featured") == []


def test_board_cells_say_since_and_the_weeks_uptime_with_what_was_observed() -> None:
    since, up = board_cells(WEEK, NOW, BERLIN)
    assert since == "3 Dec 11:00 CET or earlier" and up == "99.3% (observed 85.7%)"
    assert board_cells([], NOW, BERLIN) == ("", "")
