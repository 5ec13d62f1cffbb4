"""History in a real browser: the demo's built-in week on the inspect page, the timeline
drawn only when opened (with its description and table alternative), the changes, the CSV,
and the board's Since / Up 7 d columns.

The screenshot is the README's: after a run, refresh it with
`cp artifacts/history-light.png docs/history.png` when the section has changed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from e2e_ui import Watch, download, expect_model, main, open_app, open_expander
from playwright.sync_api import Page, expect

from testkit.servers import StreamlitServer

pytestmark = pytest.mark.e2e

MIXTRAL = "Mixtral 8x7B Instruct (eval)"


def test_demo_history_shows_summary_changes_and_a_timeline_with_its_table(
    page: Page, watch: Watch, demo_app: StreamlitServer, artifacts: Path, tmp_path: Path
) -> None:
    open_app(page, demo_app.url, "?model_id=demo-mixtral-failed")
    expect_model(page, MIXTRAL)
    body = main(page)
    expect(body).to_contain_text("Failed since")
    expect(body).to_contain_text("of the last 7 days, observed")
    expect(body.get_by_role("heading", name="History")).to_be_visible()
    # Vega is not loaded until the timeline is opened: the header and tables come first.
    expect(body.get_by_test_id("stVegaLiteChart")).to_have_count(0)
    changes = body.get_by_test_id("stDataFrame").last
    expect(changes).to_contain_text("Ready -> Failed")
    expect(changes).to_contain_text("Out of memory (RAM)")

    timeline = open_expander(page, "Timeline")
    chart = timeline.get_by_test_id("stVegaLiteChart")
    expect(chart).to_be_visible()
    labelled = timeline.locator("[aria-label^='Timeline of the last 7 d']")
    expect(labelled).to_have_count(1)
    expect(timeline.get_by_test_id("stDataFrame")).to_contain_text("Not observed")
    body.get_by_role("heading", name="History").scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "history-light.png")
    timeline.get_by_text("30 d", exact=True).click()
    expect(timeline).to_contain_text("Timeline of the last 30 d")

    csv = download(page, "Download changes (CSV)", tmp_path)
    assert csv.splitlines()[0] == "changed_at,from_status,to_status,lasted_s,reason"
    assert ",ready,failed," in csv and csv.splitlines()[1].endswith("Z,,ready,,")
    assert watch.dialogs == []


def test_the_board_shows_since_and_uptime_for_models_with_history(
    page: Page, demo_app: StreamlitServer
) -> None:
    open_app(page, demo_app.url, "board?ids=demo-llama-2-7b-chat,demo-gpt-4o")
    table = main(page).get_by_test_id("stDataFrame").first
    expect(table).to_contain_text("Up 7 d")
    expect(table).to_contain_text("observed 98")
