"""The inspect page against a local fake SGP API through the operator's Custom base URL.

The visitor pastes a key in the sidebar; every scenario ends with a plain message (or the
model), never a traceback, and with the key found nowhere but in its password field and
in the request the fake API received.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_servers import FakeAPI, json_response
from e2e_ui import (
    Visitor,
    Watch,
    alert,
    assert_key_hidden,
    badge,
    download,
    enter_key,
    expect_error,
    expect_model,
    look_up,
    main,
    new_visitor,
    open_app,
    open_expander,
)
from playwright.sync_api import Browser, Page, expect
from werkzeug import Request, Response

from testkit.bodies import sample_body
from testkit.servers import StreamlitServer

pytestmark = pytest.mark.e2e


def new_key() -> str:
    return f"sk-e2e-{uuid.uuid4().hex}"


def new_id(label: str) -> str:
    return f"mdl-{label}-{uuid.uuid4().hex[:8]}"


def test_without_a_key_the_page_asks_for_one_and_sends_nothing(
    page: Page, watch: Watch, custom_app: StreamlitServer, fake_api: FakeAPI
) -> None:
    open_app(page, custom_app.url, "?model_id=mdl-no-key")
    expect(page.get_by_role("combobox", name="Environment")).to_have_value(re.compile("^Custom"))
    expect(alert(page, "Paste your API key in the sidebar")).to_be_visible()
    assert fake_api.seen == []


def test_healthy_model_is_shown_and_the_key_leaks_nowhere(
    page: Page, watch: Watch, custom_app: StreamlitServer, fake_api: FakeAPI, tmp_path: Path
) -> None:
    key, model_id = new_key(), new_id("healthy")
    fake_api.route(model_id, sample_body(model_id, "Support bot (staging copy)"))
    open_app(page, custom_app.url)
    enter_key(page, key)
    look_up(page, model_id)
    expect_model(page, "Support bot (staging copy)")
    expect(badge(page, "Ready")).to_be_visible()
    expect(main(page).get_by_test_id("stDataFrame").first).to_contain_text("nvidia-ampere-a10")
    [seen] = fake_api.seen
    assert (seen.raw_path, seen.api_key) == (f"/v5/models/{model_id}", key)

    csv_text = download(page, "Download configuration (CSV)", tmp_path)
    assert "gpu_type" in csv_text
    reports = {
        f"{kind} report": download(page, f"Report ({kind})", tmp_path)
        for kind in ("HTML", "Markdown")
    }
    details = open_expander(page, "Raw response and curl")
    json_text = download(page, "Download JSON", tmp_path)
    assert model_id in json_text
    curl = details.get_by_test_id("stCode").text_content() or ""
    assert "$SGP_API_KEY" in curl
    assert f"{fake_api.url}/v5/models/{model_id}" in curl

    assert_key_hidden(
        page,
        key,
        watch,
        elsewhere={
            "Streamlit server output": custom_app.output(),
            "CSV download": csv_text,
            "JSON download": json_text,
            "curl text": curl,
            **reports,
        },
    )
    assert watch.dialogs == []


@pytest.fixture(scope="module")
def visitor(browser: Browser, custom_app: StreamlitServer) -> Iterator[Visitor]:
    """One tab with one pasted key for the error scenarios: each follows the last on one page."""
    person = new_visitor(browser, custom_app.url, new_key())
    yield person
    person.page.context.close()


def _status(status: int, body: object, headers: dict[str, str] | None = None):
    return lambda _request: json_response(body, status=status, headers=headers)


ERRORS = {
    "401": (_status(401, {"detail": "Invalid API key"}), "Your API key was not accepted"),
    "403": (_status(403, {"detail": "No access to account"}), "Your key may not see this account"),
    "404": (_status(404, {"detail": "Model not found"}), "No such model"),
    "429": (_status(429, {"detail": "Slow down"}), "Too many requests"),
    "500": (_status(500, {"detail": "boom"}), "The API is having trouble"),
}


@pytest.mark.parametrize("status", list(ERRORS))
def test_an_error_status_ends_in_a_plain_message_with_its_status(
    visitor: Visitor, custom_app: StreamlitServer, fake_api: FakeAPI, status: str
) -> None:
    page, key = visitor.page, visitor.key
    handler, title = ERRORS[status]
    model_id = new_id(f"status-{status}")
    fake_api.route(model_id, handler)
    look_up(page, model_id)
    expect_error(page, title)
    details = open_expander(page, "Technical details")
    expect(details).to_contain_text(f"HTTP status: {status}")
    assert {seen.api_key for seen in fake_api.seen} == {key}
    assert_key_hidden(page, key, visitor.watch, elsewhere={"Server output": custom_app.output()})


def test_a_422_lists_the_fields_the_api_rejected(
    visitor: Visitor, custom_app: StreamlitServer, fake_api: FakeAPI
) -> None:
    page, key = visitor.page, visitor.key
    model_id = new_id("unprocessable")
    detail = [{"loc": ["path", "model_id"], "msg": "must look like mdl_...", "type": "value_error"}]
    fake_api.route(model_id, _status(422, {"detail": detail}))
    look_up(page, model_id)
    expect_error(page, "The API rejected the request's fields")
    table = main(page).get_by_test_id("stDataFrame")
    expect(table).to_contain_text("path.model_id")
    expect(table).to_contain_text("must look like mdl_...")
    assert_key_hidden(page, key, visitor.watch, elsewhere={"Server output": custom_app.output()})


def test_a_server_slower_than_the_timeout_ends_in_a_timeout_message(
    visitor: Visitor, fake_api: FakeAPI
) -> None:
    page = visitor.page
    model_id = new_id("slow")

    def slow(_request: Request) -> Response:
        time.sleep(3.5)  # the app's read timeout is 2 s (SGP_TIMEOUT_S)
        return json_response(sample_body(model_id, "Too late"))

    fake_api.route(model_id, slow)
    started = time.monotonic()
    look_up(page, model_id)
    expect_error(page, "The API did not answer in time")
    print(f"timeout message after {time.monotonic() - started:.1f} s (read timeout 2 s)")
    assert len(fake_api.requests_for(model_id)) == 1, "a read timeout must not be retried"
