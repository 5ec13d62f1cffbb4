"""Hostile input in a real browser: nothing runs, nothing is fetched, nothing leaks, nothing breaks.

- Model IDs that try to change the request path reach the fake API as exactly one encoded
  path segment, or are refused on the page with nothing sent.
- Response values carrying HTML, script, javascript: links and Markdown images are shown as
  the literal characters; no dialog opens and the second local server (the "attacker's")
  never receives a request.
- A crafted link cannot choose the server the app talks to.
"""

from __future__ import annotations

import copy
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from e2e_servers import Canary, FakeAPI
from e2e_ui import (
    Watch,
    alert,
    assert_key_hidden,
    download,
    enter_key,
    expect_error,
    expect_model,
    heading,
    look_up,
    main,
    open_app,
    open_expander,
    watch_page,
)
from playwright.sync_api import Page, expect

from sgp.demo import FEATURED
from sgp.present import break_autolinks
from testkit.bodies import sample_body
from testkit.servers import StreamlitServer

pytestmark = pytest.mark.e2e

ACCEPTED_IDS = {
    "dot-dot-slash": "../../v5/models",
    "slash": "a/b",
    "query": "?x=1",
    "fragment": "#frag",
    "encoded-dots": "%2e%2e%2f",
    "blanks-around": "  mdl-with-blanks  ",
    "emoji": "mdl-🦙-llama",
}
REFUSED_IDS = {
    "ten-thousand-characters": ("x" * 10_000, "That model ID is too long"),
    "control-character": ("mdl\x07bell", "invisible control characters"),
    "tab": ("mdl\tname", "invisible control characters"),
    "dot-dot": ("..", "That model ID can't be looked up"),
}


def test_hostile_model_ids_reach_the_api_as_one_encoded_segment_or_are_refused(
    page: Page, watch: Watch, custom_app: StreamlitServer, fake_api: FakeAPI
) -> None:
    key = f"sk-e2e-{uuid.uuid4().hex}"
    for number, model_id in enumerate(ACCEPTED_IDS.values()):
        fake_api.route(model_id.strip(), sample_body(model_id.strip(), f"Hostile ID {number}"))
    open_app(page, custom_app.url)
    enter_key(page, key)
    for number, model_id in enumerate(ACCEPTED_IDS.values()):
        before = len(fake_api.seen)
        look_up(page, model_id)
        expect_model(page, f"Hostile ID {number}")
        [seen] = fake_api.seen[before:]
        assert seen.raw_path == "/v5/models/" + quote(model_id.strip(), safe=""), model_id
        expect(main(page).get_by_test_id("stText").first).to_have_text(model_id.strip())
    for model_id, refusal in REFUSED_IDS.values():
        before = len(fake_api.seen)
        look_up(page, model_id)
        expect_error(page, refusal)
        assert fake_api.seen[before:] == [], f"{model_id[:20]!r} was sent"
    assert watch.dialogs == []
    assert_key_hidden(page, key, watch, elsewhere={"Streamlit server output": custom_app.output()})


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("?model_id=..%2F..%2Fv5%2Fmodels", "Hostile link"),
        ("?model_id=mdl%07bell", "invisible control characters"),
    ],
    ids=["path-escape", "control-character"],
)
def test_a_shared_link_with_a_hostile_id_is_encoded_or_refused(
    page: Page, watch: Watch, custom_app: StreamlitServer, fake_api: FakeAPI, query: str, shown: str
) -> None:
    fake_api.route("../../v5/models", sample_body("../../v5/models", "Hostile link"))
    open_app(page, custom_app.url, query)
    enter_key(page, f"sk-e2e-{uuid.uuid4().hex}")
    if shown == "Hostile link":
        expect_model(page, shown)
        assert [s.raw_path for s in fake_api.seen] == ["/v5/models/..%2F..%2Fv5%2Fmodels"]
    else:
        expect_error(page, shown)
        assert fake_api.seen == []


def _payloads(pixel_url: str) -> list[str]:
    return [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        f"![x]({pixel_url})",
        # Bare addresses that GitHub-flavoured Markdown would turn into links by itself.
        f"{pixel_url.rsplit('/', 1)[0]}/phish",
        "www.evil.example",
        "bob@evil.example",
    ]


def _hostile_llm_engine(model_id: str, pixel_url: str) -> dict:
    evil = " ".join(_payloads(pixel_url))
    body = sample_body(model_id, evil, status="failed", status_reason=evil)
    body["created_by_user_id"] = evil
    body["model_availability"] = evil
    body["vendor_configuration"]["model"] = evil
    body["vendor_configuration"]["labels"] = {p: p for p in _payloads(pixel_url)}
    body["model_metadata"] = {p: p for p in _payloads(pixel_url)}
    body[_payloads(pixel_url)[3]] = evil  # an unknown field, shown as newer than the app
    return body


def _hostile_launch(model_id: str, pixel_url: str) -> dict:
    evil = " ".join(_payloads(pixel_url))
    body = copy.deepcopy(FEATURED[1])
    body.update(id=model_id, name=f"Launch {evil}", status=evil, status_reason=evil)
    image = body["vendor_configuration"]["model_image"]
    image["env_vars"] = {p: p for p in _payloads(pixel_url)}
    image["repository"], image["tag"] = evil, evil
    body["vendor_configuration"]["model_infra"]["labels"] = {p: p for p in _payloads(pixel_url)}
    return body


@pytest.mark.parametrize("vendor", ["llmengine", "launch"])
def test_html_script_links_and_images_in_a_response_are_shown_literally(
    page: Page,
    watch: Watch,
    custom_app: StreamlitServer,
    fake_api: FakeAPI,
    canary: Canary,
    tmp_path: Path,
    vendor: str,
) -> None:
    pixel = f"{canary.url}/pixel.png"
    evil = " ".join(_payloads(pixel))
    model_id = f"mdl-hostile-{vendor}-{uuid.uuid4().hex[:8]}"
    build = _hostile_llm_engine if vendor == "llmengine" else _hostile_launch
    fake_api.route(model_id, build(model_id, pixel))
    open_app(page, custom_app.url)
    enter_key(page, f"sk-e2e-{uuid.uuid4().hex}")
    look_up(page, model_id)

    name = evil if vendor == "llmengine" else f"Launch {evil}"
    # What the page shows is the text itself, with invisible word joiners that stop autolinks.
    expect(heading(page, break_autolinks(name))).to_have_text(break_autolinks(name))
    expect(alert(page, "Reason given by the platform")).to_contain_text(break_autolinks(evil))
    tables = main(page).get_by_test_id("stDataFrame")
    expect(tables.first).to_be_visible()
    expect(main(page)).to_contain_text("onerror=alert(1)")
    open_expander(page, "Raw response and curl")
    page.wait_for_load_state("networkidle")
    # The HTML report is opened by people outside the app: load it in the browser too.
    report = download(page, "Report (HTML)", tmp_path)
    assert "<script>alert(1)</script>" not in report
    report_tab = page.context.new_page()
    watch_page(report_tab, watch)
    report_tab.set_content(report, wait_until="networkidle")
    expect(report_tab.locator("body")).to_contain_text("<img src=x onerror=alert(1)>")
    report_tab.close()

    assert watch.dialogs == []
    assert canary.seen == [], "the page fetched the Markdown image from the second server"
    assert [u for u in watch.requested if u.startswith(canary.url)] == []
    assert main(page).locator("a[href^='javascript']").count() == 0
    links = f"a[href*='evil.example'], a[href^='mailto'], a[href^='{canary.url}']"
    assert main(page).locator(links).count() == 0, "API text became a clickable link"
    assert main(page).locator("img[src*='pixel'], img[src='x']").count() == 0
    assert page.locator("script", has_text="alert(1)").count() == 0
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_a_crafted_base_url_link_cannot_redirect_the_app_to_another_server(
    page: Page, watch: Watch, custom_app: StreamlitServer, fake_api: FakeAPI, canary: Canary
) -> None:
    model_id = f"mdl-crafted-{uuid.uuid4().hex[:8]}"
    fake_api.route(model_id, sample_body(model_id, "Served by the configured API"))
    open_app(page, custom_app.url, f"?base_url={canary.url}/&env=custom&model_id={model_id}")
    enter_key(page, f"sk-e2e-{uuid.uuid4().hex}")
    expect_model(page, "Served by the configured API")
    assert canary.seen == []
    assert len(fake_api.requests_for(model_id)) == 1


@pytest.mark.parametrize("where", ["board", "compare"])
def test_hostile_values_stay_inert_on_the_board_and_in_compare(
    page: Page,
    watch: Watch,
    operator_app: StreamlitServer,
    fake_api: FakeAPI,
    canary: Canary,
    where: str,
) -> None:
    pixel = f"{canary.url}/pixel.png"
    ids = [f"mdl-hostile-{where}-{n}-{uuid.uuid4().hex[:6]}" for n in range(2)]
    for model_id in ids:
        fake_api.route(model_id, _hostile_launch(model_id, pixel))  # its status is hostile too
    query = f"board?ids={ids[0]},{ids[1]}" if where == "board" else f"compare?a={ids[0]}&b={ids[1]}"
    open_app(page, operator_app.url, query)

    expect(main(page)).to_contain_text("onerror=alert(1)")
    page.wait_for_load_state("networkidle")
    assert watch.dialogs == []
    assert canary.seen == [], "the page fetched the Markdown image from the second server"
    links = "a[href^='javascript'], a[href*='evil.example'], a[href^='mailto'], "
    links += f"a[href^='{canary.url}']"
    assert main(page).locator(links).count() == 0, "API text became a clickable link"
    assert main(page).locator("img[src*='pixel'], img[src='x']").count() == 0
    expect(page.get_by_test_id("stException")).to_have_count(0)
