"""The explanations in a real browser: the "Why it failed" box, the findings with their fields
tagged in the table, the reserve line, the board's column, count and Watch all, and an API
text inside an explanation drawn inert (no script, no image fetched, no link).
"""

from __future__ import annotations

import uuid

import pytest
from e2e_servers import Canary, FakeAPI
from e2e_ui import Watch, alert, enter_key, expect_model, heading, look_up, main, open_app
from playwright.sync_api import Locator, Page, expect

from sgp.demo import FEATURED_IDS
from testkit.bodies import sample_body
from testkit.servers import StreamlitServer

pytestmark = pytest.mark.e2e


def why_box(page: Page) -> Locator:
    return main(page).locator(".st-key-why_failed")


def test_failed_demo_model_explains_itself_and_its_configuration(
    page: Page, watch: Watch, demo_app: StreamlitServer
) -> None:
    open_app(page, demo_app.url, "?model_id=demo-llama-2-70b-one-a10")
    expect_model(page, "Llama 2 70B Chat (pilot)")
    box = why_box(page)
    expect(box).to_contain_text("Why it failed")
    expect(box).to_contain_text("The GPUs are too small for this model at this context length.")
    expect(box).to_contain_text("Next step: More GPUs (and shards), a shorter context")
    expect(box).to_contain_text("needs at least 156 GB of GPU memory; 1 x NVIDIA A10 has 24 GB")
    # The platform's own words stay beside the explanation.
    expect(alert(page, "Reason given by the platform")).to_contain_text("CUDA out of memory")
    expect(heading(page, "Findings")).to_be_visible()
    findings = main(page).locator(".st-key-findings")
    expect(findings).to_contain_text("Problem: GPU memory too small.")
    expect(main(page).get_by_test_id("stDataFrame").first).to_contain_text("problem")
    expect(main(page)).to_contain_text("Keeps no GPU running when idle, up to 1 x NVIDIA A10")

    look_up(page, "demo-llama-2-7b-chat")
    expect_model(page, "Llama 2 7B Chat (support bot)")
    expect(main(page)).to_contain_text("No findings")
    expect(why_box(page)).to_have_count(0)
    assert watch.dialogs == []


def test_board_shows_causes_counts_problems_and_watches_while_deploying(
    page: Page, demo_app: StreamlitServer
) -> None:
    open_app(page, demo_app.url, "board?ids=" + ",".join(FEATURED_IDS))
    table = main(page).get_by_test_id("stDataFrame").first
    expect(table).to_contain_text("Why / finding")
    expect(table).to_contain_text("Out of memory (RAM)")
    expect(main(page)).to_contain_text("models with problems")
    main(page).get_by_text("Watch all").click()
    expect(main(page)).to_contain_text("Watching: checking the deploying models")
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_api_text_inside_the_explanation_and_findings_is_inert(
    page: Page, watch: Watch, custom_app: StreamlitServer, fake_api: FakeAPI, canary: Canary
) -> None:
    pixel = f"{canary.url}/pixel.png"
    evil = f"<img src=x onerror=alert(1)> [click](javascript:alert(1)) ![x]({pixel})"
    model_id = f"mdl-explain-{uuid.uuid4().hex[:8]}"
    body = sample_body(
        model_id, "Hostile explanation", status="failed", status_reason=f"CUDA out of memory {evil}"
    )
    body["vendor_configuration"]["model"] = f"{evil} llama-2-70b"
    fake_api.route(model_id, body)
    open_app(page, custom_app.url)
    enter_key(page, f"sk-e2e-{uuid.uuid4().hex}")
    look_up(page, model_id)

    expect_model(page, "Hostile explanation")
    box = why_box(page)
    expect(box).to_contain_text("The configuration explains it")
    expect(box).to_contain_text("<img src=x onerror=alert(1)> [click](javascript:alert(1))")
    expect(main(page).locator(".st-key-findings")).to_contain_text("onerror=alert(1)")
    page.wait_for_load_state("networkidle")
    assert watch.dialogs == []
    assert canary.seen == [], "the page fetched the Markdown image from the second server"
    assert main(page).locator("a[href^='javascript'], img[src*='pixel'], img[src='x']").count() == 0
