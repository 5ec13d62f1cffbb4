"""Browse (/browse) and the status board (/board) in a real browser, opened as shared links.

Each scenario starts from a link a colleague could have sent, on a server started for the
suite: the demo for most, the operator's fake API for the requests the pages send.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from e2e_servers import FakeAPI, json_response
from e2e_ui import Watch, alert, download, expect_model, main, model_id_field, open_app
from playwright.sync_api import Locator, Page, expect
from werkzeug import Request, Response

from sgp.demo import SAMPLE_MODELS
from testkit.bodies import sample_body
from testkit.servers import StreamlitServer

pytestmark = pytest.mark.e2e

LLAMA = "Llama 2 7B Chat (support bot)"
LLAMA_ID = "demo-llama-2-7b-chat"
ROW_HEIGHT = 35  # st.dataframe's default row height, in CSS pixels
HEADER_HEIGHT = 35

ALL = len(SAMPLE_MODELS)


def table(page: Page) -> Locator:
    return main(page).get_by_test_id("stDataFrame").first


def pick_row(page: Page, row: int) -> None:
    """Tick a row's selection box: the grid is a canvas, so click where that row is drawn."""
    box = table(page).bounding_box()
    assert box is not None
    table(page).hover()
    page.mouse.click(box["x"] + 16, box["y"] + HEADER_HEIGHT + ROW_HEIGHT * row + ROW_HEIGHT / 2)


def test_browse_link_with_filters_opens_filtered_and_a_picked_row_opens_inspect(
    page: Page, watch: Watch, demo_app: StreamlitServer
) -> None:
    open_app(page, demo_app.url, "browse?name=support+bot&sort=Oldest+first")

    expect(main(page).get_by_role("heading", name="Browse models")).to_be_visible()
    expect(page.get_by_role("textbox", name="Name contains")).to_have_value("support bot")
    expect(table(page)).to_contain_text(LLAMA)
    expect(main(page)).to_contain_text("Showing 1 of 1 model;")
    pick_row(page, 0)

    expect_model(page, LLAMA)
    expect(model_id_field(page)).to_have_value(LLAMA_ID)
    assert f"model_id={LLAMA_ID}" in page.url
    assert watch.dialogs == []


def test_browse_loads_more_then_hands_every_loaded_id_to_the_board(
    page: Page, demo_app: StreamlitServer
) -> None:
    open_app(page, demo_app.url, "browse")
    expect(main(page)).to_contain_text(f"Showing 20 of {ALL} models")

    main(page).get_by_role("button", name="Load more").click()
    expect(main(page)).to_contain_text(f"Showing {ALL} of {ALL} models")
    expect(main(page).get_by_role("button", name="Load more")).to_be_disabled()
    main(page).get_by_role("button", name=f"Open these {ALL} on the status board").click()

    expect(main(page).get_by_role("heading", name="Status board")).to_be_visible()
    expect(main(page)).to_contain_text(f"{ALL} models.")
    assert "/board?ids=" in page.url


def test_board_link_shows_a_404_row_beside_the_others_and_downloads_csv(
    page: Page, demo_app: StreamlitServer, tmp_path: Path
) -> None:
    open_app(page, demo_app.url, f"board?ids={LLAMA_ID},demo-nope,demo-mixtral-failed")

    expect(main(page)).to_contain_text("3 models; 1 could not be loaded")
    expect(table(page)).to_contain_text(LLAMA)
    expect(table(page)).to_contain_text("No such model")
    expect(main(page).get_by_test_id("stMetric").filter(has_text="Could not load")).to_contain_text(
        "1"
    )
    csv = download(page, "Download CSV", tmp_path)
    assert LLAMA_ID in csv and "demo-nope" in csv and "No such model" in csv


def test_board_and_browse_against_the_api_send_only_gets_with_the_key_in_a_header(
    page: Page, operator_app: StreamlitServer, fake_api: FakeAPI
) -> None:
    fake_api.route("mdl-board-1", sample_body("mdl-board-1", "Board model one"))

    def list_page(_request: Request) -> Response:
        item = sample_body("mdl-board-1", "Board model one", model_vendor="launch")
        return json_response({"items": [item], "total": 1, "has_more": False, "limit": 20})

    fake_api.route("", list_page)  # GET /v5/models (no model ID in the path)

    open_app(page, operator_app.url, "board?ids=mdl-board-1,mdl-board-gone")
    expect(table(page)).to_contain_text("Board model one")
    expect(table(page)).to_contain_text("No such model")
    open_app(page, operator_app.url, "browse?vendor=Launch&name=board")
    expect(table(page)).to_contain_text("Board model one")

    lists = [seen.raw_path for seen in fake_api.seen if seen.model_id is None]
    assert any("model_vendor=launch" in path and "name=board" in path for path in lists)
    assert {seen.method for seen in fake_api.seen} == {"GET"}
    assert all(seen.api_key for seen in fake_api.seen)
    assert all(seen.api_key not in seen.raw_path for seen in fake_api.seen)
    expect(alert(page, "Sorry")).to_have_count(0)
