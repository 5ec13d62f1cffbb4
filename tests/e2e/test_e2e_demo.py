"""The built-in demo in a real browser: samples, shared links, crafted links, both themes.

The screenshots are the README's: after a run, refresh them with
`cp artifacts/inspect-light.png docs/screenshot.png` and
`cp artifacts/inspect-dark.png docs/screenshot-dark.png` when the page has changed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from e2e_servers import Canary
from e2e_ui import (
    Watch,
    alert,
    badge,
    expect_model,
    heading,
    main,
    model_id_field,
    open_app,
    watch_page,
)
from playwright.sync_api import Browser, Page, expect

from testkit.servers import StreamlitServer

pytestmark = pytest.mark.e2e

LLAMA = "Llama 2 7B Chat (support bot)"
DEMO_CHOICE = re.compile(r"^Demo")


def expect_llama(page: Page) -> None:
    expect_model(page, LLAMA)
    expect(badge(page, "Ready")).to_be_visible()
    expect(main(page)).to_contain_text(
        "llama-2-7b-chat on vLLM · 1 x NVIDIA A10 · 8 CPUs · 24Gi memory · 0-1 workers"
    )
    tables = main(page).get_by_test_id("stDataFrame")
    expect(tables.first).to_contain_text("nvidia-ampere-a10")
    expect(tables.first).to_contain_text("inference_framework")
    expect(tables.nth(1)).to_contain_text("support-automation")
    expect(tables.nth(1)).to_contain_text("Answers first-line support questions")


def test_demo_sample_button_shows_badge_hardware_configuration_and_metadata(
    page: Page, watch: Watch, demo_app: StreamlitServer
) -> None:
    open_app(page, demo_app.url)
    expect(page.get_by_role("combobox", name="Environment")).to_have_value(DEMO_CHOICE)
    main(page).get_by_role("button", name=LLAMA).click()
    expect_llama(page)
    expect(model_id_field(page)).to_have_value("demo-llama-2-7b-chat")
    assert page.url.endswith("?model_id=demo-llama-2-7b-chat")
    assert watch.dialogs == []


def test_shared_link_opens_straight_on_the_failed_model_with_its_reason(
    page: Page, watch: Watch, demo_app: StreamlitServer
) -> None:
    open_app(page, demo_app.url, "?model_id=demo-mixtral-failed")
    expect_model(page, "Mixtral 8x7B Instruct (eval)")
    expect(badge(page, "Failed")).to_be_visible()
    expect(alert(page, "Reason given by the platform")).to_contain_text(
        "Container exited with code 137 (out of memory)"
    )
    expect(model_id_field(page)).to_have_value("demo-mixtral-failed")


@pytest.mark.parametrize("target", ["metadata-service", "canary"])
def test_crafted_link_with_a_base_url_changes_nothing_without_an_operator_url(
    page: Page, watch: Watch, demo_app: StreamlitServer, canary: Canary, target: str
) -> None:
    base = "http://169.254.169.254/" if target == "metadata-service" else canary.url + "/"
    open_app(page, demo_app.url, f"?base_url={base}&env=custom&model_id=demo-llama-2-7b-chat")
    expect(page.get_by_role("combobox", name="Environment")).to_have_value(DEMO_CHOICE)
    expect(alert(page, "Demo:")).to_be_visible()
    expect_model(page, LLAMA)
    page.get_by_role("combobox", name="Environment").click()
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    assert not any("Custom" in text for text in options.all_inner_texts())
    page.keyboard.press("Escape")
    assert canary.seen == []
    foreign = [url for url in watch.requested if not url.startswith(demo_app.url)]
    assert foreign == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_page_reads_well_in_light_and_dark_themes(
    browser: Browser, demo_app: StreamlitServer, artifacts: Path, scheme: str
) -> None:
    context = browser.new_context(
        color_scheme=scheme, viewport={"width": 1400, "height": 1500}, device_scale_factor=1
    )
    try:
        page = context.new_page()
        watch = watch_page(page)
        open_app(page, demo_app.url, "?model_id=demo-llama-2-7b-chat")
        expect_llama(page)
        expect(heading(page, "Metadata")).to_be_visible()
        # Streamlit scrolls its main area, not the document: a tall viewport shows the tables.
        expect(main(page).get_by_test_id("stDataFrame").first).to_be_in_viewport()
        page.mouse.move(0, 0)
        page.screenshot(path=artifacts / f"inspect-{scheme}.png")
        background = page.evaluate(
            "getComputedStyle(document.querySelector('[data-testid=stApp]')).backgroundColor"
        )
        dark = sum(int(c) for c in background[4:-1].split(",")[:3]) < 3 * 128
        assert dark == (scheme == "dark"), f"{scheme} scheme drew a {background} background"
        assert watch.dialogs == []
    finally:
        context.close()
