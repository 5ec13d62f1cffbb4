"""Keyboard only, from a fresh page: the lookup flow and the status board without a mouse.

Every step moves the focus with Tab alone and proves two things: the control a person wants
is reached, and the focus is visible there (the control looks different focused and not
focused: a screenshot of it before the Tab presses and one with the focus must differ).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from e2e_ui import expect_model, main, open_app
from playwright.sync_api import Locator, Page, expect

from testkit.servers import StreamlitServer

pytestmark = pytest.mark.e2e

LLAMA = "Llama 2 7B Chat (support bot)"
LLAMA_ID = "demo-llama-2-7b-chat"
MAX_TABS = 40  # more presses than any page here needs to reach a control
_HAS_FOCUS = "e => e === document.activeElement || e.contains(document.activeElement)"
_FOCUSED = "() => document.activeElement.outerHTML.slice(0, 200)"


def tab_to(page: Page, target: Locator, region: Locator | None = None) -> None:
    """Press Tab until the target has the focus; the focus must be visible there."""
    shown = region or target
    unfocused = shown.screenshot(animations="disabled")
    passed = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if target.evaluate(_HAS_FOCUS):
            break
        passed.append(page.evaluate(_FOCUSED))
    else:
        raise AssertionError(f"Tab never reached {target}; it went:\n" + "\n".join(passed))
    assert shown.screenshot(animations="disabled") != unfocused, f"no visible focus on {target}"


def widget(page: Page, test_id: str, label: str) -> Locator:
    """A widget's whole block (label and box), where its focus style is drawn."""
    return main(page).get_by_test_id(test_id).filter(has_text=label)


def test_lookup_flow_by_keyboard_alone_with_visible_focus(
    page: Page, demo_app: StreamlitServer, tmp_path: Path
) -> None:
    open_app(page, demo_app.url)
    field = page.get_by_role("textbox", name="Model ID")
    tab_to(page, field, widget(page, "stTextInput", "Model ID"))
    page.keyboard.type(LLAMA_ID)
    page.keyboard.press("Enter")
    expect_model(page, LLAMA)
    expect(page).to_have_url(re.compile(f"model_id={LLAMA_ID}"))

    refresh = main(page).get_by_role("button", name="Refresh")
    tab_to(page, refresh)
    page.keyboard.press("Enter")
    expect_model(page, LLAMA)

    switch = main(page).get_by_role("switch", name="Watch")
    tab_to(page, switch, widget(page, "stCheckbox", "Watch"))
    page.keyboard.press("Space")
    expect(main(page)).to_contain_text("Not watching: this status is final")

    report = main(page).get_by_role("button", name="Report (HTML)")
    tab_to(page, report)
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith("-report.html")

    config_filter = main(page).get_by_role("textbox", name="Filter the configuration")
    tab_to(page, config_filter, widget(page, "stTextInput", "Filter the configuration"))
    page.keyboard.type("gpu")
    page.keyboard.press("Enter")
    expect(main(page).get_by_text(re.compile(r"^2 of 16 values shown"))).to_be_visible()


def test_status_board_by_keyboard_alone_paste_load_and_open_a_row(
    page: Page, demo_app: StreamlitServer
) -> None:
    open_app(page, demo_app.url, "board")
    ids = page.get_by_role("textbox", name="Model IDs")
    tab_to(page, ids, widget(page, "stTextArea", "Model IDs"))
    page.keyboard.type(f"{LLAMA_ID}\ndemo-no-such-model")
    page.keyboard.press("Control+Enter")  # Streamlit's shortcut to apply a text area
    expect(main(page)).to_contain_text("2 models; 1 could not be loaded")

    table = main(page).get_by_test_id("stDataFrame").first
    expect(table).to_contain_text("Could not load")  # drawn: its cells can take the focus
    tab_to(page, table.get_by_test_id("data-grid-canvas"), table)
    page.keyboard.press("Shift+Space")  # selects the focused row: it opens that model
    expect_model(page, LLAMA)
    expect(page).to_have_url(re.compile(f"model_id={LLAMA_ID}"))
