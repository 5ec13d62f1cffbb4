"""Compare and Watch in a real browser, on a server started for this module.

The compare link is the first page this server ever serves: a deep link to /compare on a
freshly started server must run the compare page with its sidebar (see DESIGN.md). The
watch follows the demo's live model from deploying to ready (about 20 s after the session
first looks at it) and must stop by itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_ui import APP_IDLE, Watch, alert, badge, download, expect_model, main
from playwright.sync_api import Page, expect

from testkit.servers import StreamlitServer

pytestmark = pytest.mark.e2e

LLAMA = "Llama 2 7B Chat (support bot)"
MIXTRAL = "Mixtral 8x7B Instruct (eval)"
LIVE = "Gemma 7B Instruct (live rollout)"
ROLLOUT_S = 4
LIVE_TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def fresh_demo_app(chromium: str, server_logs: Path) -> Iterator[StreamlitServer]:
    env = {"SGP_DEMO_ROLLOUT_S": str(ROLLOUT_S)}
    with StreamlitServer("compare-watch-demo", env, server_logs) as app:
        yield app


def open_path(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(APP_IDLE, timeout=60_000)


def test_shared_compare_link_on_a_fresh_server_shows_both_models_and_what_differs(
    page: Page, watch: Watch, fresh_demo_app: StreamlitServer, tmp_path: Path
) -> None:
    open_path(page, f"{fresh_demo_app.url}/compare?a=demo-llama-2-7b-chat&b=demo-mixtral-failed")
    expect_model(page, LLAMA)
    expect_model(page, MIXTRAL)
    expect(badge(page, "Failed")).to_be_visible()
    expect(alert(page, "B runs on 2 x NVIDIA A100 instead of 1 x NVIDIA A10")).to_be_visible()
    table = main(page).get_by_test_id("stDataFrame").first
    expect(table).to_contain_text("nvidia-ampere-a100")
    expect(table).to_contain_text("removed")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("link", name="Compare two models")).to_be_visible()
    expect(page.get_by_role("textbox", name="Model A")).to_have_value("demo-llama-2-7b-chat")
    assert "a=demo-llama-2-7b-chat" in page.url and "b=demo-mixtral-failed" in page.url
    report = download(page, "Report (HTML)", tmp_path)
    assert "B runs on 2 x NVIDIA A100 instead of 1 x NVIDIA A10" in report
    assert "<script" not in report.lower()
    assert watch.dialogs == []


def test_compare_across_vendors_in_the_browser_is_not_an_error(
    page: Page, fresh_demo_app: StreamlitServer
) -> None:
    open_path(page, f"{fresh_demo_app.url}/compare?a=demo-gpt-4o&b=demo-launch-embeddings")
    expect(alert(page, "A is hosted by OpenAI with no configuration")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    main(page).get_by_text("Show all fields, not only the differences").click()
    expect(page).to_have_url(re.compile(r"[?&]all=true"))


def test_watch_follows_the_live_model_to_ready_and_stops_by_itself(
    page: Page, watch: Watch, fresh_demo_app: StreamlitServer
) -> None:
    open_path(page, f"{fresh_demo_app.url}/?model_id=demo-live-rollout")
    expect_model(page, LIVE)
    expect(badge(page, "Deploying")).to_be_visible()
    main(page).get_by_text("Watch", exact=True).click()
    every = page.get_by_label("Every (seconds)")
    every.fill("2")
    every.press("Enter")
    expect(main(page)).to_contain_text("Watching: checking every 2 s")
    expect(badge(page, "Ready")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    expect(page.get_by_test_id("stToast")).to_contain_text("Status changed to Ready")
    expect(main(page)).to_contain_text("Not watching: this status is final")
    expect(main(page)).not_to_contain_text("Watching: checking")
    timeline = main(page).get_by_test_id("stDataFrame").first
    expect(timeline).to_contain_text("Deploying")
    expect(timeline).to_contain_text("Ready")
    expect(page.get_by_test_id("stException")).to_have_count(0)
